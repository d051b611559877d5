"""Kiosk tokens: each grants nothing but its kiosk's own rate budget; stored, like API keys, only as a hash.

A token is `kt_` and 43 random URL-safe characters. Issuing a kiosk a new token revokes its old ones.
Looking a token up is cached for TOKEN_CACHE_SECONDS per worker, so a kiosk typing a search costs no
query per keystroke; a revoked token is refused by every worker within that time (at once by the one
that revoked it).
"""

import hmac
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import select

from showcase.auth import hash_key
from showcase.extensions import db
from showcase.models import Kiosk, KioskToken
from showcase.models.api_key import utcnow
from showcase.services.transaction import transaction

TOKEN_PREFIX = "kt_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
TOKEN_CACHE_SECONDS = 10.0
TOKEN_CACHE_SIZE = 1024
# Presented token hash -> (kiosk id or None, when the answer expires).
token_cache: dict[str, tuple[str | None, float]] = {}


@dataclass(frozen=True)
class NewKioskToken:
    record: KioskToken
    token: str


def issue_token(kiosk: Kiosk) -> NewKioskToken:
    """A new token for the kiosk, its earlier ones revoked (one transaction); the plain token is never stored."""
    with transaction():
        revoke_tokens(kiosk)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        record = KioskToken(kiosk_id=kiosk.id, prefix=token[:PREFIX_LENGTH], token_hash=hash_key(token))
        db.session.add(record)
        db.session.flush()
    token_cache.clear()
    return NewKioskToken(record, token)


def revoke_tokens(kiosk: Kiosk) -> int:
    """Revoke every active token of the kiosk (one transaction); how many were active."""
    with transaction():
        active = db.session.scalars(select(KioskToken).where(KioskToken.kiosk_id == kiosk.id,
                                                             KioskToken.revoked_at.is_(None))).all()
        for record in active:
            record.revoked_at = utcnow()
    # After the commit: a request of this worker meanwhile cannot cache the old token as valid again.
    token_cache.clear()
    return len(active)


def kiosk_of_token(token: str) -> str | None:
    """The id of the kiosk an active token belongs to, or None for an unknown or revoked one."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    presented = hash_key(token)
    now = time.monotonic()
    cached = token_cache.get(presented)
    if cached is not None and cached[1] > now:
        return cached[0]
    found = None
    for candidate in db.session.scalars(select(KioskToken).where(KioskToken.prefix == token[:PREFIX_LENGTH])):
        # Compare every candidate, so the time taken does not depend on which one matched.
        if hmac.compare_digest(candidate.token_hash, presented) and candidate.revoked_at is None:
            found = candidate.kiosk_id
    if len(token_cache) >= TOKEN_CACHE_SIZE:
        token_cache.clear()
    token_cache[presented] = (found, now + TOKEN_CACHE_SECONDS)
    return found
