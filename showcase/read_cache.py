"""A worker's cache of public reads, keyed by the directory's data version.

Every committed change to the directory appends to the outbox, so the outbox's newest id is a version
number of the whole directory that every worker and host can read with one indexed query. A GET whose
URL, language and data version were answered before is served from memory, and a matching
If-None-Match gets its 304 without touching the data at all.

Search and suggest are versioned by the search index's generation instead, which changes with every
commit to the index. The data version itself is read at most once per `SHOWCASE_READ_CACHE_VERSION_SECONDS` (default 1 s) per
worker, and at once after this process commits a change: a write is read back at once by the
process that made it, and by every other worker within that second.
"""

import threading
import time
from collections import OrderedDict

from flask import Flask, Response, current_app, g, request
from werkzeug.http import parse_etags
from sqlalchemy import func, select

from showcase import database
from showcase.extensions import db
from showcase.models import OutboxEntry

# Reads that depend on who asks, or are served statically anyway.
UNCACHED_PREFIXES = ("/api/v1/audit", "/api/v1/docs", "/api/v1/openapi", "/api/v1/matchmaking")
# Reads answered from the search index: versioned by the index's generation, which follows the data.
INDEX_PREFIXES = ("/api/v1/search", "/api/v1/suggest")
# Headers written afresh for every response, never replayed from the cache.
PER_RESPONSE_HEADERS = ("Content-Length", "Date", "Server", "Set-Cookie")
# Headers that describe a body, left off a 304.
BODY_HEADERS = ("Content-Type", "Content-Disposition", "X-Pagination", "Link")


class ReadCache:
    """A bounded LRU of response bodies and their validators."""

    def __init__(self, size: int, version_seconds: float):
        self.size = size
        self.version_seconds = version_seconds
        self.entries: OrderedDict[tuple, tuple[bytes, list, str | None]] = OrderedDict()
        self.lock = threading.Lock()
        self.version: int | None = None
        self.version_read_at = float("-inf")
        self.changes_seen = database.changes_committed()

    def data_version(self) -> int:
        """The outbox's newest id, re-read when older than the configured seconds or after a commit here."""
        now = time.monotonic()
        changes = database.changes_committed()
        if self.version is None or changes != self.changes_seen or now - self.version_read_at >= self.version_seconds:
            self.changes_seen = changes
            self.version = db.session.scalar(select(func.max(OutboxEntry.id))) or 0
            self.version_read_at = now
        return self.version

    def get(self, key: tuple):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: tuple, body: bytes, headers: list, etag: str | None) -> None:
        with self.lock:
            self.entries[key] = (body, headers, etag)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


def init_app(app: Flask) -> None:
    size = app.config["SHOWCASE_READ_CACHE_SIZE"]
    if size <= 0:
        return
    cache = ReadCache(size, app.config["SHOWCASE_READ_CACHE_VERSION_SECONDS"])
    app.extensions["showcase_read_cache"] = cache

    @app.before_request
    def serve_from_cache():
        environ = request.environ
        if not cacheable(environ):
            return None
        path = environ.get("PATH_INFO", "")
        version = index_generation() if path.startswith(INDEX_PREFIXES) else cache.data_version()
        key = (path, environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT_LANGUAGE", ""), version)
        entry = cache.get(key)
        if entry is None:
            g.read_cache_key = key
            return None
        body, headers, etag = entry
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and etag and (if_none_match == f'"{etag}"'
                                       or parse_etags(if_none_match).contains_weak(etag)):
            return Response(status=304, headers=[(name, value) for name, value in headers
                                                 if name not in BODY_HEADERS])
        return Response(body, status=200, headers=headers)

    def remember(response: Response) -> Response:
        key = g.pop("read_cache_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            etag, _ = response.get_etag()
            cache.put(key, response.get_data(), kept_headers(response), etag)
        return response

    # After-request functions run last-registered first: at the front of the list, this one runs after
    # every other, so the cache keeps the response as it was sent, with its caching, security and
    # CORS headers, and a hit need not compute them again.
    app.after_request_funcs.setdefault(None, []).insert(0, remember)


def kept_headers(response: Response) -> list[tuple[str, str]]:
    """The headers a cache hit sends again; CORS headers only when they are the same for every origin."""
    headers = [(name, value) for name, value in response.headers if name not in PER_RESPONSE_HEADERS]
    if response.headers.get("Access-Control-Allow-Origin") != "*":
        headers = [(name, value) for name, value in headers if not name.startswith("Access-Control-")]
    return headers


def index_generation():
    """The search index's generation, once the index is ready (it may be rebuilt on first use)."""
    search = current_app.extensions["showcase_search"]
    search.ensure_ready()
    return ("index", search.index.generation())


def cacheable(environ: dict) -> bool:
    """Public reads of the directory; read from the WSGI environ, which is the cheapest on this hot path."""
    path = environ.get("PATH_INFO", "")
    return (environ.get("REQUEST_METHOD") in ("GET", "HEAD") and path.startswith("/api/v1/")
            and not path.startswith(UNCACHED_PREFIXES) and "HTTP_AUTHORIZATION" not in environ)
