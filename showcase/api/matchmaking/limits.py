"""Rate limits of public registration: per client address and per email address.

They count in the app's flask-limiter storage (memory, or Redis shared by the workers), on top of the
write budget every POST spends. The email is counted under its SHA-256, so the storage never holds
an address. If the storage fails, registration goes on unlimited, as the other budgets do.
"""

import hashlib
import time

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_smorest import abort
from limits import parse

SCOPE = "matchmaking-registration"


def check_registration_limits(*, email: str | None = None) -> None:
    """Count a registration attempt against the address's budget, or with `email` against that
    address's; 429 problem+json with Retry-After when the budget is spent."""
    limiter = current_app.extensions.get("showcase_limiter")
    if limiter is None:
        return
    config = current_app.config
    prefix = config.get("RATELIMIT_KEY_PREFIX", "showcase")
    if email is None:
        budgets = [("address", config["SHOWCASE_MATCHMAKING_RATELIMIT_ADDRESS"], get_remote_address(),
                    "Too many registrations from your address")]
    else:
        digest = hashlib.sha256(email.encode("utf-8")).hexdigest()
        budgets = [("email", config["SHOWCASE_MATCHMAKING_RATELIMIT_EMAIL"], digest,
                    "Too many registrations with this email address")]
    for name, limit_text, key, message in budgets:
        item = parse(limit_text)
        try:
            strategy = limiter.limiter
            allowed = strategy.hit(item, prefix, SCOPE, name, key)
            reset_at = strategy.get_window_stats(item, prefix, SCOPE, name, key).reset_time if not allowed else 0
        except Exception:  # noqa: BLE001 - a storage outage must not stop registrations
            current_app.logger.warning("matchmaking rate limit storage failed; not limiting", exc_info=False)
            return
        if not allowed:
            retry = max(1, int(reset_at - time.time()))
            abort(429, message=f"{message}: at most {limit_text}. Wait for the time Retry-After gives.",
                  headers={"Retry-After": str(retry)})
