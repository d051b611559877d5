"""Rate limits per client address: budgets for search, reads, writes and reports of opened hits.

Every request to /api/v1 counts against one budget, shared by all endpoints of its kind: search
(`/search`, `/suggest`), reads (other GET and HEAD) and writes (POST, PUT, PATCH, DELETE, imports
included) and visitors' reports of opened search hits (POST /search/opened, from any site). The limits
come from SHOWCASE_RATELIMIT_SEARCH, _READ, _WRITE and _OPENED; counts live in memory
(one worker) or in Redis (SHOWCASE_RATELIMIT_STORAGE_URL=redis://..., shared by every worker). If
Redis fails, each worker counts in memory until it is back, rather than refusing every request.
A request over its budget gets 429 problem+json with Retry-After.

A kiosk that sends its token (`X-Kiosk-Token`) spends budgets of its own instead of its address's
(SHOWCASE_RATELIMIT_KIOSK_SEARCH and _READ; writes as for an address), so kiosks behind one router
never throttle each other. An unknown or revoked token counts against the address, like no token.
"""

from flask import Flask, current_app, request
from flask_limiter import Limit, Limiter
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import SQLAlchemyError

from showcase.services.kiosk_tokens import kiosk_of_token

from showcase.http_policy import CROSS_ORIGIN_WRITES

SEARCH_PATHS = ("/api/v1/search", "/api/v1/suggest")
# The API's own description and docs page: static, and needed to use the API at all.
UNLIMITED_PATHS = ("/api/v1/docs", "/api/v1/openapi.json")
CATEGORIES = ("search", "read", "write", "opened")
KIOSK_TOKEN_HEADER = "X-Kiosk-Token"
REQUEST_KIOSK = "showcase.rate_limit_kiosk"
MESSAGES = {
    "search": "Too many searches from your address",
    "read": "Too many requests from your address",
    "write": "Too many writes from your address",
    "opened": "Too many opened hits reported from your address",
}
# The budgets a kiosk has of its own; its other requests spend its address's.
KIOSK_MESSAGES = {
    "search": "Too many searches from this kiosk",
    "read": "Too many requests from this kiosk",
}


def requesting_kiosk() -> str | None:
    """The kiosk whose valid token the request sent, looked up once a request (kept in its WSGI environ, which
    unlike `g` is never shared with an app context around it); None without one or on a database error."""
    environ = request.environ
    if REQUEST_KIOSK not in environ:
        token = request.headers.get(KIOSK_TOKEN_HEADER, "").strip()
        try:
            environ[REQUEST_KIOSK] = kiosk_of_token(token) if token else None
        except SQLAlchemyError:
            environ[REQUEST_KIOSK] = None
    return environ[REQUEST_KIOSK]


def client_key() -> str:
    """Whose budget a request spends: its kiosk's, or its address's."""
    kiosk = requesting_kiosk()
    return f"kiosk:{kiosk}" if kiosk else get_remote_address()


def limit_setting(name: str) -> str:
    """The limit of a budget for this request: a kiosk's own (searches and reads) or an address's."""
    config = current_app.config
    if name in KIOSK_MESSAGES and requesting_kiosk():
        return config[f"SHOWCASE_RATELIMIT_KIOSK_{name.upper()}"]
    return config[f"SHOWCASE_RATELIMIT_{name.upper()}"]


def category() -> str | None:
    """Which budget this request spends, or None for requests that are not limited."""
    path = request.path
    if request.method == "OPTIONS" or not path.startswith("/api/v1/") or path.startswith(UNLIMITED_PATHS):
        return None
    if request.method in ("GET", "HEAD"):
        return "search" if path in SEARCH_PATHS else "read"
    if path in CROSS_ORIGIN_WRITES:
        return "opened"
    return "write"


def over_budget(name: str) -> str:
    return (KIOSK_MESSAGES if name in KIOSK_MESSAGES and requesting_kiosk() else MESSAGES)[name]


def budget(name: str) -> Limit:
    return Limit(
        limit_provider=lambda: limit_setting(name),
        scope=name,
        shared=True,
        exempt_when=lambda: category() != name,
        error_message=lambda: f"{over_budget(name)}: at most {limit_setting(name)}. Wait for the time Retry-After gives.",
    )


def init_app(app: Flask) -> Limiter | None:
    """Give the app its limiter with its budgets; none when SHOWCASE_RATELIMIT_ENABLED is off.

    flask-limiter keeps an app's storage, key prefix and switches on the Limiter itself, so each app
    (each test's too) gets an instance of its own rather than sharing one created unbound.
    """
    config = app.config
    if not config["SHOWCASE_RATELIMIT_ENABLED"]:
        return None
    url = config["SHOWCASE_RATELIMIT_STORAGE_URL"]
    limiter = Limiter(
        key_func=client_key,
        default_limits=[budget(name) for name in CATEGORIES],
        storage_uri=url,
        storage_options={"socket_connect_timeout": 2, "socket_timeout": 2} if url.startswith(("redis", "rediss")) else {},
        key_prefix=config.get("RATELIMIT_KEY_PREFIX", "showcase"),
        headers_enabled=True,
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    limiter.init_app(app)
    app.extensions["showcase_limiter"] = limiter
    return limiter
