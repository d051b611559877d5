"""API keys: creating, finding and checking them, and the roles a write needs.

A key is `sc_` and 43 random URL-safe characters (256 bits). The database keeps its SHA-256 and its
first characters (the prefix, to find the row and to tell keys apart in listings), never the key.
The hash of a presented key is compared with the stored hash in constant time. How a request
presents a key, and what it is answered without one, is the API's part (`showcase.api.access`).
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from showcase.extensions import db
from showcase.models import KEY_ROLES, ApiKey, Cluster
from showcase.models.api_key import utcnow
from showcase.services.transaction import transaction

KEY_PREFIX = "sc_"
PREFIX_LENGTH = len(KEY_PREFIX) + 8
# What each role may do, by the role a route asks for: an admin may do everything an editor may.
GRANTS = {"editor": {"editor"}, "admin": {"editor", "admin"}, "cluster": {"cluster"}}


class KeyProblem(ValueError):
    """A key that cannot be created or revoked as asked (a name taken, an unknown role)."""


@dataclass(frozen=True)
class NewKey:
    record: ApiKey
    key: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(name: str, role: str, cluster: Cluster | None = None) -> NewKey:
    """Add a key to the session (one transaction); the returned plain key is never stored.

    A `cluster` key is bound to the cluster given; the other roles take none.
    """
    with transaction():
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
    """Mark a key revoked (one transaction); revoking twice keeps the first time."""
    with transaction():
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


def allows(key: ApiKey, role: str) -> bool:
    return role in GRANTS.get(key.role, set())
