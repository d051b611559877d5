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
    """Let a view run only for a valid key with the role (or one above it): 401 or 403 otherwise.

    Views use `Blueprint.requires_role`, which also says so in the OpenAPI spec.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            key = current_key()
            if key is None:
                abort(401, message=UNAUTHORISED, headers=CHALLENGE)
            if not allows(key, role):
                abort(403, message=FORBIDDEN)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def role_description(role: str) -> str:
    """What the OpenAPI description of an operation says about the key it needs."""
    return f"Needs an API key with the role `{role}`" + (" or `admin`." if role == "editor" else ".")


def actor_name() -> str:
    """Who the audit log names for this request's writes."""
    key = current_key()
    return key.name if key is not None else "anonymous"
