"""Every error as RFC 9457 problem+json: status, title, detail and, for validation, the failing fields."""

from http import HTTPStatus

from flask import Flask, Response, json, request
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from showcase.errors import ValidationFailed, flatten_errors

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem(status: int, detail: str | None = None, *, title: str | None = None,
            errors: list[dict] | None = None, headers: dict | None = None) -> Response:
    """Build a problem+json response; the one way this API reports an error."""
    body = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MEDIA_TYPE)
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def problem_from_http_exception(error: HTTPException) -> Response:
    """Map werkzeug's and webargs' exceptions to problems; a 500 says nothing of its cause."""
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = None
    detail = data.get("message")
    if "messages" in data or "errors" in data:
        messages = data.get("errors") or data.get("messages")
        errors = []
        if isinstance(messages, dict):
            for location, fields in messages.items():
                errors.extend(flatten_errors(fields, location))
        detail = detail or "The request has invalid fields: " + ", ".join(
            sorted({e.get("field", e.get("location", "")) for e in errors})
        )
    elif status >= 500:
        detail = "The server could not answer this request. It has been logged."
    elif error.description and not detail:
        detail = error.description
    headers = dict(data.get("headers") or {})
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    if isinstance(error, HTTPException) and error.response is None:
        for name, value in error.get_headers():
            if name.lower() not in ("content-type", "content-length"):
                headers.setdefault(name, value)
    return problem(status, detail, errors=errors, headers=headers)


def register_error_handlers(app: Flask) -> None:
    """Route errors raised outside flask-smorest's reach (services, the database) to problems too."""

    @app.errorhandler(ValidationFailed)
    def validation_failed(error: ValidationFailed):
        return problem(error.status, error.detail, errors=flatten_errors(error.errors, "json"))

    @app.errorhandler(IntegrityError)
    def constraint_refused(error: IntegrityError):
        # A write that raced another (both took a slug the service saw free): the same 409 as at commit.
        app.logger.warning("write refused by a constraint: %s", error.orig)
        return problem(409, "The change conflicts with another record (a slug or number already taken).")

    @app.errorhandler(OperationalError)
    def database_unreachable(error: OperationalError):
        app.logger.error("database unreachable: %s", error.orig)
        return problem(503, "The database is not reachable. Try again in a moment.", headers={"Retry-After": "5"})
