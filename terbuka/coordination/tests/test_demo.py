"""The demo's coordination dashboard: the province's PPID Utama sees its units and the
regency and the city (the three regions), with a year of requests behind every chart."""

from __future__ import annotations

import io
import re

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from terbuka.bodies.models import Body
from terbuka.requests.models import InfoRequest


def test_the_demo_fills_the_dashboard_with_a_year_of_requests(seeded_demo: None) -> None:
    year = timezone.localdate().year
    yearly = InfoRequest.objects.filter(idempotency_key__startswith="demo-year-")
    assert yearly.count() >= Body.objects.active().count()  # every body, more than once
    before = yearly.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert yearly.count() == before

    client = Client()
    response = client.get("/koordinasi/publik/")  # the same figures, for everyone
    html = response.content.decode()
    assert response.status_code == 200
    kinds = dict(re.findall(r'<tr data-body="([^"]+)" data-kind="([^"]+)"', html))
    assert kinds["provinsi-kalimantan-tengah"] == "ppid"
    regions = {slug for slug, kind in kinds.items() if kind == "region"}
    assert {"kabupaten-barito-utara", "kota-palangka-raya"} <= regions
    assert sum(kind == "unit" for kind in kinds.values()) >= 3
    # Every chart has its numbers: months, outcomes, time to the notice, SKM elements.
    for key in ("monthly", "outcomes", "timing"):
        assert f'data-chart="{key}"' in html, key
    assert f"{year}" in html
