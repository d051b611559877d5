"""Headers every response carries: caching for reads, security for everything."""

from flask import Flask, Response, current_app, request

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'"
)
# The docs page (Swagger UI) starts itself with an inline script.
DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def init_app(app: Flask) -> None:
    app.after_request(set_cache_headers)
    app.after_request(set_security_headers)


def set_cache_headers(response: Response) -> Response:
    """Let kiosks and embedding sites reuse reads briefly, revalidate with the ETag, and ride out outages."""
    if "Cache-Control" in response.headers and response.headers["Cache-Control"] == "no-store":
        return response
    if request.method in ("GET", "HEAD") and response.status_code in (200, 304) and request.path.startswith("/api/"):
        max_age = current_app.config["SHOWCASE_CACHE_MAX_AGE"]
        stale = current_app.config["SHOWCASE_CACHE_STALE"]
        response.headers["Cache-Control"] = (
            f"public, max-age={max_age}, stale-while-revalidate={stale}, stale-if-error=86400"
        )
        response.vary.add("Accept-Language")
    elif "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response


def set_security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.mimetype == "text/html" and response.status_code != 304:
        policy = DOCS_CONTENT_SECURITY_POLICY if request.path.startswith("/api/v1/docs") else CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
    return response
