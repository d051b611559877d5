"""A worker's cache of public reads, keyed by the directory's data version.

Every committed change to the directory appends to the outbox, so the outbox's newest id is a version
number of the whole directory that every worker and host can read with one indexed query. A GET whose
URL, language and data version were answered before is served from memory, and a matching
If-None-Match gets its 304 without touching the data at all. Nothing goes stale: a write raises the
version and the next read misses.
"""

import threading
from collections import OrderedDict

from flask import Flask, Response, g, request
from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import OutboxEntry

# Reads that depend on more than the directory's rows, or on who asks.
UNCACHED_PREFIXES = ("/api/v1/search", "/api/v1/suggest", "/api/v1/audit", "/api/v1/docs", "/api/v1/openapi")
KEPT_HEADERS = ("Content-Type", "ETag", "X-Pagination", "Link", "Content-Disposition")


class ReadCache:
    """A bounded LRU of response bodies and their validators."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[tuple, tuple[bytes, list]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple):
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


def init_app(app: Flask) -> None:
    size = app.config["SHOWCASE_READ_CACHE_SIZE"]
    if size <= 0:
        return
    cache = ReadCache(size)
    app.extensions["showcase_read_cache"] = cache

    @app.before_request
    def serve_from_cache():
        if not cacheable(request):
            return None
        version = db.session.scalar(select(func.max(OutboxEntry.id))) or 0
        g.read_cache_key = (request.full_path, request.headers.get("Accept-Language", ""), version)
        entry = cache.get(g.read_cache_key)
        if entry is None:
            return None
        g.read_cache_key = None
        body, headers = entry
        response = Response(body, status=200, headers=headers)
        return response.make_conditional(request)

    @app.after_request
    def remember(response: Response) -> Response:
        key = g.pop("read_cache_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            cache.put(key, response.get_data(), [(name, value) for name, value in response.headers
                                                 if name in KEPT_HEADERS])
        return response


def cacheable(incoming) -> bool:
    return (incoming.method in ("GET", "HEAD") and incoming.path.startswith("/api/v1/")
            and not incoming.path.startswith(UNCACHED_PREFIXES) and "Authorization" not in incoming.headers)
