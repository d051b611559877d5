"""How a request presents an API key, and the 401 and 403 it gets without the right one.

A key arrives as `Authorization: Bearer <key>`. A missing, unknown or revoked key gets the same 401,
a key without the role the same 403, so an answer never says which part was wrong.
"""

from functools import wraps

from flask import g, request
from flask_smorest import abort

from showcase.auth import allows, find_key
from showcase.models import ApiKey

# The OpenAPI security scheme of editors' and administrators' keys.
SECURITY_SCHEME = "apiKey"
UNAUTHORISED = "This needs a valid API key, sent as `Authorization: Bearer <key>`."
FORBIDDEN = "This API key may not do this."
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="showcase"'}


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def current_key() -> ApiKey | None:
    """The request's valid key, looked up once; None when it sent none or an invalid one."""
    if "api_key" not in g:
        token = bearer_token()
        g.api_key = find_key(token) if token else None
    return g.api_key


def require_role(role: str):
    """Let a view run only for a valid key with the role (or one above it): 401 or 403 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            key = current_key()
            if key is None:
                abort(401, message=UNAUTHORISED, headers=CHALLENGE)
            if not allows(key, role):
                abort(403, message=FORBIDDEN)
            return view(*args, **kwargs)

        document_role(wrapper, role)
        return wrapper

    return decorator


def document_role(view, role: str) -> None:
    """Say in the OpenAPI spec that the operation needs a key with the role, and may answer 401 and 403."""
    apidoc = dict(getattr(view, "_apidoc", {}))
    manual = dict(apidoc.get("manual_doc", {}))
    manual["security"] = [{SECURITY_SCHEME: []}]
    manual["description"] = (manual.get("description", "") + f"\n\nNeeds an API key with the role `{role}`"
                             + (" or `admin`." if role == "editor" else ".")).strip()
    manual["responses"] = {**manual.get("responses", {}), 401: "UNAUTHORIZED", 403: "FORBIDDEN"}
    apidoc["manual_doc"] = manual
    view._apidoc = apidoc


def actor_name() -> str:
    """Who the audit log names for this request's writes."""
    key = current_key()
    return key.name if key is not None else "anonymous"
