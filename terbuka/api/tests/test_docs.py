"""The schema and its documentation page: served from our own static files under the
strict CSP, nothing from a CDN."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_serves_an_openapi_3_schema(client: Client) -> None:
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/dip/" in schema["paths"]
    problem = schema["paths"]["/api/v1/bodies/{slug}/"]["get"]["responses"]["404"]["content"]
    assert list(problem) == ["application/problem+json"]


def test_the_docs_page_loads_nothing_from_elsewhere_and_keeps_the_csp(client: Client) -> None:
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    # No inline script: only a JSON data block and static scripts.
    for attrs in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
