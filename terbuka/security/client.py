"""The client's address: one rule for the audit trail, the login lockout and the rate limits.

Without a proxy (``BEHIND_PROXY=false``, the default) the address is the connection's own,
``REMOTE_ADDR``; ``X-Forwarded-For`` is ignored, because the client wrote it.

With ``BEHIND_PROXY=true``, behind ``TRUSTED_PROXIES`` = N (default 1) reverse proxies
that each *append* the address they saw (nginx's ``$proxy_add_x_forwarded_for``), the
header reads
``[what the client sent…], client, proxy 1, …, proxy N-1`` and the last N entries are the
ones our proxies wrote: the client's address is the N-th from the end. Anything before it
is the client's own text and is never believed (PITFALLS 14): otherwise a client picks a
new address on every login try and is never locked out.

An entry that is not an IP address (``not-an-ip``, ``1.2.3.4.5``, ``::ffff:zzzz``, a
300-character string) is ignored with a log line that does not repeat it, and the
connection's address is used: a malformed header never reaches a ``GenericIPAddressField``
(which answered 500) and is never stored. IPv4-mapped IPv6 addresses (``::ffff:1.2.3.4``)
count as the IPv4 address, so one client is one address whichever way it connects.
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)

# Longer than any IPv6 address with a zone; a longer entry is not parsed at all.
_MAX_ENTRY = 64


def normalise(value: str | None) -> str | None:
    """``value`` as a canonical IP address string, or None when it is not one."""
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > _MAX_ENTRY:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def trusted_proxies() -> int:
    """How many proxies in front of us append to X-Forwarded-For (0: none is trusted)."""
    if not settings.BEHIND_PROXY:
        return 0
    return max(1, int(getattr(settings, "TRUSTED_PROXIES", 1)))


def client_address(request: HttpRequest | None) -> str | None:
    """The address of the client behind ``request``, by the rule above; None without one."""
    if request is None:
        return None
    remote = normalise(request.META.get("REMOTE_ADDR"))
    proxies = trusted_proxies()
    if proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in header.split(",")] if header else []
    if len(entries) < proxies:
        # The request did not pass every trusted proxy (or one did not append): the
        # connection's address is all we know.
        if header:
            logger.warning(
                "X-Forwarded-For has %d entries, %d trusted proxies expected; using the "
                "connection's address",
                len(entries),
                proxies,
            )
        return remote
    address = normalise(entries[-proxies])
    if address is None:
        logger.warning(
            "Ignored a malformed X-Forwarded-For entry (%d characters); using the "
            "connection's address",
            len(entries[-proxies]),
        )
        return remote
    return address
