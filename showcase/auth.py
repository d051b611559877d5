"""API keys: creating, finding and checking them, and the roles a write needs.

A key is `sc_` and 43 random URL-safe characters (256 bits). The database keeps its SHA-256 and its
first characters (the prefix, to find the row and to tell keys apart in listings), never the key.
A request sends it as `Authorization: Bearer <key>`; the hash of what was sent is compared with the
stored hash in constant time. A missing, unknown or revoked key gets the same 401, a key without the
role the same 403, so an answer never says which part was wrong.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import wraps

from flask import g, request
from flask_smorest import abort
from sqlalchemy import select

from showcase.api.blueprint import SECURITY_SCHEME
from showcase.extensions import db
from showcase.models import KEY_ROLES, ApiKey, Cluster
from showcase.models.api_key import utcnow

KEY_PREFIX = "sc_"
PREFIX_LENGTH = len(KEY_PREFIX) + 8
# What each role may do, by the role a route asks for: an admin may do everything an editor may.
GRANTS = {"editor": {"editor"}, "admin": {"editor", "admin"}, "cluster": {"cluster"}}
UNAUTHORISED = "This needs a valid API key, sent as `Authorization: Bearer <key>`."
FORBIDDEN = "This API key may not do this."
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="showcase"'}


class KeyProblem(ValueError):
    """A key that cannot be created or revoked as asked (a name taken, an unknown role)."""


@dataclass(frozen=True)
class NewKey:
    record: ApiKey
    key: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(name: str, role: str, cluster: Cluster | None = None) -> NewKey:
    """Add a key to the session (the caller commits); the returned plain key is never stored.

    A `cluster` key is bound to the cluster given; the other roles take none.
    """
    name = name.strip()
    if not name or len(name) > 100:
        raise KeyProblem("A key needs a name of 1 to 100 characters.")
    if role not in KEY_ROLES:
        raise KeyProblem(f"Unknown role {role!r}: one of {', '.join(KEY_ROLES)}.")
    if (role == "cluster") != (cluster is not None):
        raise KeyProblem("A cluster key needs its cluster (--cluster SLUG); the other roles take none.")
    if db.session.scalar(select(ApiKey).where(ApiKey.name == name)) is not None:
        raise KeyProblem(f"There is a key named {name!r} already; names stay unique, even after a revoke.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = ApiKey(name=name, role=role, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key),
                    cluster_id=cluster.id if cluster is not None else None)
    db.session.add(record)
    db.session.flush()
    return NewKey(record, key)


def revoke_key(name: str) -> ApiKey:
    """Mark a key revoked (the caller commits); revoking twice keeps the first time."""
    record = db.session.scalar(select(ApiKey).where(ApiKey.name == name))
    if record is None:
        raise KeyProblem(f"There is no key named {name!r}.")
    if record.revoked_at is None:
        record.revoked_at = utcnow()
    return record


def find_key(key: str) -> ApiKey | None:
    """The active key a presented secret belongs to, or None."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    presented = hash_key(key)
    found = None
    for candidate in db.session.scalars(select(ApiKey).where(ApiKey.prefix == key[:PREFIX_LENGTH])):
        # Compare every candidate, so the time taken does not depend on which one matched.
        if hmac.compare_digest(candidate.key_hash, presented) and candidate.revoked_at is None:
            found = candidate
    return found


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


def allows(key: ApiKey, role: str) -> bool:
    return role in GRANTS.get(key.role, set())


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
