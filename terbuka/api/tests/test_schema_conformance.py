"""The API tested against its own schema (issue 15): Schemathesis generates requests for
every operation from ``/api/v1/schema/`` and calls the app in-process (WSGI, no network);
no answer may be a server error, and every answer must conform to the schema (status code,
content type, body). Partner operations are called with a valid token, so that generated
input reaches the actions and not only the authentication. Kept small (a few examples per
operation, no deadline) so that it adds seconds, not minutes, to the suite."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.conf import settings as dj_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from terbuka.testing import World, answer_request, make_entry, make_exemption, submit_request

from .conftest import issue

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db: Any) -> Iterator[Any]:
    # The WSGI handler closes the database connection at the end of each request, as in
    # production; the test's transaction needs it open (Django's test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class Seeded:
    headers: dict[str, str]
    cookies: dict[str, str]  # the requester's session
    known: dict[str, Any]  # real values for path parameters and the body's "body"


@pytest.fixture
def seeded(world: World, settings: Any) -> Seeded:
    """Something to find: entries, an exemption, a published answer, the requester's
    session (sent with half the cases) and a partner token."""
    settings.API_TOKEN_RATE_LIMIT = 10_000
    entry = make_entry(world.pelaksana_a, world.agency_a)
    make_exemption(world.pelaksana_a, world.agency_a)
    answered = answer_request(world, submit_request(world, publish_allowed=True))
    _token, secret = issue(world)
    browser = Client()
    browser.force_login(world.requester)
    return Seeded(
        # In-process WSGI calls get the body as sent: ask for it uncompressed (GZipMiddleware).
        headers={"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"},
        cookies={
            dj_settings.SESSION_COOKIE_NAME: browser.cookies[dj_settings.SESSION_COOKIE_NAME].value
        },
        known={
            "slug": world.agency_a.slug,
            "entry_id": str(entry.public_id),
            "request_id": str(answered.public_id),  # Siti's: public, and her own
            "year": 2025,
        },
    )


def test_it_conforms_to_its_own_schema(api_schema: Any, seeded: Seeded) -> None:
    """Every operation, a few generated cases each (schemathesis' own pytest loader for
    fixtures does not run under pytest 9, so the operations are walked here)."""
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy(), known=st.booleans())
        @hypothesis_settings(
            max_examples=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any, known: bool) -> None:
            if known:
                # Half the cases name objects that exist, so that they get past the lookup.
                for name in case.path_parameters or {}:
                    if name in seeded.known:
                        case.path_parameters[name] = seeded.known[name]
                if isinstance(case.body, dict) and "body" in case.body:
                    case.body["body"] = seeded.known["slug"]
            case.call_and_validate(
                headers=seeded.headers, cookies=seeded.cookies if known else None, checks=CHECKS
            )

        try:
            run()
        except Exception as exc:  # collected and reported together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
