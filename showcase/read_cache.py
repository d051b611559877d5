"""A worker's cache of public reads, keyed by the directory's data version.

Every committed change to the directory appends to the outbox, so the outbox's newest id is a version
number of the whole directory that every worker and host can read with one indexed query. A GET whose
URL, language and data version were answered before is served from memory, without touching the
data at all; a matching If-None-Match then gets its 304 in the same place as every other read
(`http_policy.answer_conditionally`).

Search and suggest are versioned by the search index's generation instead, which changes with every
commit to the index, and by the version of the editors' synonyms (read like the data version). The data version itself is read at most once per `SHOWCASE_READ_CACHE_VERSION_SECONDS` (default 1 s) per
worker, and at once after this process commits a change: a write is read back at once by the
process that made it, and by every other worker within that second.
"""

import threading
import time
from collections import OrderedDict

from blinker import Namespace
from flask import Flask, Response, current_app, g, request, request_finished
from sqlalchemy import func, select

from showcase import database
from showcase.extensions import db
from showcase.models import OutboxEntry
from showcase.services.synonyms import current_synonyms

# Reads that depend on who asks, or are served statically anyway.
UNCACHED_PREFIXES = ("/api/v1/audit", "/api/v1/docs", "/api/v1/openapi", "/api/v1/matchmaking",
                     # A held-back answer must not outlive the transaction it waited for.
                     "/api/v1/changes")
# Reads answered from the search index: versioned by the index's generation, which follows the data.
INDEX_PREFIXES = ("/api/v1/search", "/api/v1/suggest")
# Headers written afresh for every response, never replayed from the cache.
PER_RESPONSE_HEADERS = ("Content-Length", "Date", "Server", "Set-Cookie", "X-RateLimit-Limit",
                        "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After")
# Sent with every answer dispatch produced, `cached=True` for a cache hit: what counts searches listens.
read_answered = Namespace().signal("read-answered")


class ReadCache:
    """A bounded LRU of response bodies and their validators."""

    def __init__(self, size: int, version_seconds: float):
        self.size = size
        self.version_seconds = version_seconds
        self.entries: OrderedDict[tuple, tuple[bytes, list]] = OrderedDict()
        self.lock = threading.Lock()
        self.version: tuple[int, int] | None = None
        self.version_read_at = float("-inf")
        self.changes_seen = database.changes_committed()

    def data_version(self) -> tuple[int, int]:
        """The outbox's newest id and its number of entries, re-read when older than the configured seconds or after a commit here."""
        now = time.monotonic()
        changes = database.changes_committed()
        if self.version is None or changes != self.changes_seen or now - self.version_read_at >= self.version_seconds:
            self.changes_seen = changes
            self.version = read_data_version()
            self.version_read_at = now
        return self.version

    def get(self, key: tuple) -> tuple[bytes, list] | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: tuple, body: bytes, headers: list) -> None:
        with self.lock:
            self.entries[key] = (body, headers)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def answer(self, environ: dict) -> Response | None:
        """The stored answer to this public read at the current version; None (noting the key) if there is none."""
        if not cacheable(environ):
            return None
        path = environ.get("PATH_INFO", "")
        version = index_generation() if path.startswith(INDEX_PREFIXES) else self.data_version()
        if version is None:
            return None
        # The host too: the schedule and linked data name it in their links.
        key = (path, environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT_LANGUAGE", ""), negotiated(environ),
               environ.get("HTTP_HOST", ""), version)
        entry = self.get(key)
        if entry is None:
            g.read_cache_key = key
            return None
        body, headers = entry
        return Response(body, status=200, headers=headers)

    def remember(self, sender: Flask, response: Response, **extra) -> None:
        """Keep a 200 answer to a read this cache missed, under the key noted at the miss."""
        key = g.pop("read_cache_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            self.put(key, response.get_data(), kept_headers(response))


class CachingFlask(Flask):
    """Flask whose dispatch asks the read cache first.

    A hit is answered where the view would be: after every before-request hook (rate limits
    included) and before every after-request hook (the 304, caching and CORS headers), by
    construction rather than by the order hooks were registered in.
    """

    def dispatch_request(self):
        cache = self.extensions.get("showcase_read_cache")
        if cache is not None:
            hit = cache.answer(request.environ)
            if hit is not None:
                read_answered.send(self, response=hit, cached=True)
                return hit
        response = super().dispatch_request()
        read_answered.send(self, response=response, cached=False)
        return response


def init_app(app: Flask) -> None:
    size = app.config["SHOWCASE_READ_CACHE_SIZE"]
    if size <= 0:
        return
    cache = ReadCache(size, app.config["SHOWCASE_READ_CACHE_VERSION_SECONDS"])
    app.extensions["showcase_read_cache"] = cache
    # Sent once every after-request hook has run: the cache keeps the response as it is sent.
    request_finished.connect(cache.remember, app)


def read_data_version() -> tuple[int, int]:
    """The outbox's newest id and its number of entries, read now.

    With the count: on PostgreSQL a lower id can commit after the newest one was read.
    """
    return tuple(db.session.execute(select(func.coalesce(func.max(OutboxEntry.id), 0), func.count())).one())


def data_version() -> tuple[int, int]:
    """The data version this worker's read cache trusts, or (with the cache off) the one read now."""
    cache = current_app.extensions.get("showcase_read_cache")
    return cache.data_version() if cache is not None else read_data_version()


def kept_headers(response: Response) -> list[tuple[str, str]]:
    """The headers a cache hit sends again; CORS headers only when they are the same for every origin."""
    headers = [(name, value) for name, value in response.headers if name not in PER_RESPONSE_HEADERS]
    if response.headers.get("Access-Control-Allow-Origin") != "*":
        headers = [(name, value) for name, value in headers if not name.startswith("Access-Control-")]
    return headers


def negotiated(environ: dict) -> str:
    """The Accept header where it may choose another representation (JSON-LD); otherwise every Accept is one."""
    accept = environ.get("HTTP_ACCEPT", "")
    return accept if "ld+json" in accept else ""


def index_generation():
    """The search index's generation and the synonyms' version, once the index is ready; None (not cached) while none is on disk."""
    search = current_app.extensions["showcase_search"]
    search.ensure_ready()
    generation = search.index.generation()
    return ("index", generation, current_synonyms().version) if generation else None


def cacheable(environ: dict) -> bool:
    """Public reads of the directory; read from the WSGI environ, which is the cheapest on this hot path."""
    path = environ.get("PATH_INFO", "")
    return (environ.get("REQUEST_METHOD") in ("GET", "HEAD") and path.startswith("/api/v1/")
            and not path.startswith(UNCACHED_PREFIXES) and "HTTP_AUTHORIZATION" not in environ)
