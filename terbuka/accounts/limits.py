"""Per-account limits, counted in the rate-limit table of ``terbuka.security.ratelimit``.

The decorator there counts per client address (and per logged-in user); a password reset
is asked for by someone not logged in, for an account named by its e-mail address, so
that account is counted here. Keys carry the account's id, never the address.
"""

from __future__ import annotations

from terbuka.security import ratelimit

# At most 3 reset mails an hour for one account, from however many addresses.
RESET_MAILS_PER_ACCOUNT = ratelimit.Limit(limit=3, per_seconds=3600)


def account_within_limit(scope: str, user_id: int, limit: ratelimit.Limit) -> bool:
    """Count one use for the account; True while it stays within the limit."""
    return ratelimit.hit_key(f"{scope}:account:{user_id}", limit=limit)
