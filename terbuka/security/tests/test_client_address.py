"""The client address: one rule for the audit trail, the lockout and the rate limits."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from terbuka.security.client import client_address, normalise

PROXY = "10.0.0.2"


def address(rf: RequestFactory, forwarded: str | None, remote: str = PROXY) -> str | None:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(rf.get("/", **meta))  # type: ignore[arg-type]


def test_it_ignores_the_header_without_a_proxy(rf: RequestFactory, settings: Any) -> None:
    settings.BEHIND_PROXY = False
    assert address(rf, "203.0.113.5") == PROXY


def test_it_takes_the_entry_the_proxy_appended(rf: RequestFactory, settings: Any) -> None:
    settings.BEHIND_PROXY = True
    assert address(rf, "203.0.113.5") == "203.0.113.5"
    # Whatever the client wrote before it is its own text.
    assert address(rf, "198.51.100.1, 8.8.8.8, 203.0.113.5") == "203.0.113.5"
    assert address(rf, "203.0.113.5 ,  ") == PROXY  # the proxy's entry is blank: not believed


def test_it_counts_entries_from_the_end_for_several_proxies(
    rf: RequestFactory, settings: Any
) -> None:
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = 2
    # client forged → load balancer appended the client → nginx appended the balancer.
    assert address(rf, "198.51.100.1, 203.0.113.5, 10.0.0.9") == "203.0.113.5"
    assert address(rf, "203.0.113.5") == PROXY  # did not pass both proxies


@pytest.mark.parametrize(
    "value", ["not-an-ip", "1.2.3.4.5", "::ffff:zzzz", "a" * 300, "", "1.2.3.4:80", "999.1.1.1"]
)
def test_it_ignores_a_malformed_entry(
    rf: RequestFactory, settings: Any, value: str, caplog: Any
) -> None:
    settings.BEHIND_PROXY = True
    assert address(rf, f"203.0.113.5, {value}") == PROXY
    for record in caplog.records:
        assert value not in record.getMessage() or not value


def test_it_counts_an_ipv4_mapped_address_as_ipv4(rf: RequestFactory, settings: Any) -> None:
    settings.BEHIND_PROXY = True
    assert address(rf, "::ffff:203.0.113.5") == "203.0.113.5"
    assert address(rf, "2001:DB8:0:0::1") == "2001:db8::1"
    assert normalise("::ffff:zzzz") is None


def test_a_malformed_connection_address_is_none(rf: RequestFactory, settings: Any) -> None:
    settings.BEHIND_PROXY = False
    assert address(rf, None, remote="garbage") is None
