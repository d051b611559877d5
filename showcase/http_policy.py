"""What every response goes through: conditional GETs, caching headers for reads, security headers."""

from flask import Flask, Response, current_app, request
from werkzeug.http import parse_etags, unquote_etag
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'"
)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# Writes any site may send (anonymous counts, no credentials): their answers keep the CORS headers.
CROSS_ORIGIN_WRITES = ("/api/v1/search/opened",)
# Headers that describe a body, left off a 304.
BODY_HEADERS = ("Content-Type", "Content-Length", "Content-Disposition", "X-Pagination", "Link")
# The docs page (Swagger UI) starts itself with an inline script.
DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def init_app(app: Flask) -> None:
    proxies = app.config["SHOWCASE_TRUSTED_PROXIES"]
    if proxies:
        # Behind a reverse proxy the client's address (for rate limits) and scheme come from X-Forwarded-*.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.wsgi_app = WritesSameOrigin(app.wsgi_app)
    app.after_request(finish_response)


def finish_response(response: Response) -> Response:
    """Every response's headers, in this order: caching, security, then the 304 a read may become."""
    set_cache_headers(response)
    set_security_headers(response)
    return answer_conditionally(response)


def answer_conditionally(response: Response) -> Response:
    """A GET whose If-None-Match names the answer's ETag (weakly, or `*`) gets 304 without a body.

    The one place any read becomes a 304: API views, the read cache's hits, the calendar and the
    kiosk's pages all set an ETag and leave the comparison to this. On every read's path, so it
    compares the raw headers first and parses them only when they differ.
    """
    if_none_match = request.environ.get("HTTP_IF_NONE_MATCH")
    etag = response.headers.get("ETag")
    if not if_none_match or not etag or response.status_code != 200:
        return response
    if if_none_match != etag and not parse_etags(if_none_match).contains_weak(unquote_etag(etag)[0]):
        return response
    return Response(status=304, headers=[(name, value) for name, value in response.headers
                                         if name not in BODY_HEADERS])


class WritesSameOrigin:
    """Writes are for editors' tools on this origin: their answers carry no CORS headers.

    WSGI middleware, so it sees each answer after every Flask hook, whichever order those ran in.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in WRITE_METHODS or environ.get("PATH_INFO") in CROSS_ORIGIN_WRITES:
            return self.wsgi_app(environ, start_response)

        def start_same_origin(status, headers, exc_info=None):
            headers = [(name, value) for name, value in headers if not name.lower().startswith("access-control-")]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start_same_origin)


def set_cache_headers(response: Response) -> Response:
    """Let kiosks and embedding sites reuse reads briefly, revalidate with the ETag, and ride out outages.

    On every response's path, so it reads the WSGI environ and raw headers rather than parsed views.
    """
    headers = response.headers
    cache_control = headers.get("Cache-Control")
    if cache_control is not None:  # the view (or the read cache) decided already
        return response
    environ = request.environ
    if (environ.get("REQUEST_METHOD") in ("GET", "HEAD") and response.status_code in (200, 304)
            and environ.get("PATH_INFO", "").startswith("/api/")):
        config = current_app.config
        headers["Cache-Control"] = (
            f"public, max-age={config['SHOWCASE_CACHE_MAX_AGE']}, "
            f"stale-while-revalidate={config['SHOWCASE_CACHE_STALE']}, stale-if-error=86400"
        )
        vary = headers.get("Vary")
        if not vary:
            headers["Vary"] = "Accept-Language"
        elif "accept-language" not in vary.lower():
            headers["Vary"] = f"{vary}, Accept-Language"
    else:
        headers["Cache-Control"] = "no-store"
    return response


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.status_code != 304 and headers.get("Content-Type", "").startswith("text/html"):
        docs = request.environ.get("PATH_INFO", "").startswith("/api/v1/docs")
        headers.setdefault("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY if docs else CONTENT_SECURITY_POLICY)
    return response
