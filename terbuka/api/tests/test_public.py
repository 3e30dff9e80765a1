"""The public, read-only API: no key needed, never a requester's identity."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client, RequestFactory

from terbuka.api import schemas
from terbuka.api.api import api
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog import shielding
from terbuka.catalog.tests.factories import text_pdf, upload
from terbuka.testing import (
    NIK_SATU,
    World,
    answer_request,
    make_entry,
    make_exemption,
    submit_request,
)

pytestmark = pytest.mark.django_db


def test_it_lists_the_bodies_with_their_tree_contacts_and_hours(
    client: Client, world: World
) -> None:
    answer = client.get("/api/v1/bodies/").json()
    agency = next(item for item in answer if item["slug"] == world.agency_a.slug)
    assert agency["parent"] == world.province.slug
    assert agency["ppid"] == world.province.ppid_body.slug
    assert agency["opens_at"] == "08:00"
    one = client.get(f"/api/v1/bodies/{world.agency_a.slug}/")
    assert one.json()["name"] == world.agency_a.name


def test_it_answers_an_unknown_body_with_a_problem_in_indonesian(
    client: Client, world: World
) -> None:
    response = client.get("/api/v1/bodies/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Tidak ditemukan.",
    }


def test_it_pages_the_dip_with_a_cursor_and_filters(client: Client, world: World) -> None:
    for number in range(5):
        make_entry(world.pelaksana_a, world.agency_a, number=str(number), title=f"Entri {number}")
    make_entry(world.pelaksana_b, world.agency_b, category="setiap_saat", title="Entri B")
    seen: list[str] = []
    url = f"/api/v1/dip/?body={world.agency_a.slug}&per_page=2"
    while url:
        page = client.get(url).json()
        seen += [item["title"] for item in page["results"]]
        cursor = page["next_cursor"]
        url = (
            f"/api/v1/dip/?body={world.agency_a.slug}&per_page=2&cursor={cursor}" if cursor else ""
        )
    assert sorted(seen) == [f"Entri {n}" for n in range(5)]
    only_b = client.get("/api/v1/dip/?category=setiap_saat").json()["results"]
    assert [item["title"] for item in only_b] == ["Entri B"]
    future = client.get("/api/v1/dip/?since=2999-01-01").json()["results"]
    assert future == []


def test_it_sends_a_dip_page_byte_for_byte_as_its_schema_renders_it(
    client: Client, world: World
) -> None:
    # The list is built in the schema's shape and sent without validating it again: what
    # validation and ninja's renderer would make of it must be the same bytes.
    with time_machine.travel(dt.datetime(2025, 5, 1, 9, 0, 0, 123456, tzinfo=dt.UTC), tick=False):
        entry = make_entry(
            world.pelaksana_a, world.agency_a, title="Jalan “Tjilik Riwut” – ruas é", tags=""
        )
        make_entry(world.pelaksana_b, world.agency_b, category="serta_merta", number="")
        catalog_actions.add_document(
            actor=world.pelaksana_a,
            entry=entry,
            title="Laporan",
            upload=upload("a.pdf", text_pdf()),
        )
        catalog_actions.add_document(
            actor=world.pelaksana_a, entry=entry, title="JDIH", link="https://jdih.example.id/1"
        )
        shielding.scan_pending()
        # Not scanned yet: held back, as every page and feed holds it.
        catalog_actions.add_document(
            actor=world.pelaksana_a, entry=entry, title="Baru", upload=upload("b.pdf", text_pdf())
        )
    response = client.get("/api/v1/dip/?per_page=1")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    validated = schemas.EntryPage.model_validate(response.json()).model_dump()
    rendered = api.renderer.render(RequestFactory().get("/"), validated, response_status=200)
    assert response.content == rendered
    page = response.json()
    assert page["next_cursor"]
    [record] = page["results"]
    assert record["updated_at"] == "2025-05-01T09:00:00.123Z"
    assert [document["title"] for document in record["documents"]] == ["Laporan", "JDIH"]
    assert record["category_label"] == record["perki"]["kategori"] == "Informasi berkala"
    # The same records as the open-data feed, which writes the full ISO 8601 timestamp.
    [fed] = client.get("/dip.json?per_page=1").json()["results"]
    assert fed["updated_at"] == "2025-05-01T09:00:00.123456+00:00"
    assert {**fed, "updated_at": None} == {**record, "updated_at": None}
    client.cookies["django_language"] = "en"
    english = client.get("/api/v1/dip/?category=serta_merta").json()["results"]
    assert english[0]["category_label"] == "Immediately published information"


def test_it_refuses_a_broken_cursor_as_a_problem(client: Client, world: World) -> None:
    response = client.get("/api/v1/dip/?cursor=zzz")
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


def test_it_never_shows_an_unpublished_entry(client: Client, world: World) -> None:
    hidden = make_entry(world.pelaksana_a, world.agency_a, is_published=False)
    assert client.get(f"/api/v1/dip/{hidden.public_id}/").status_code == 404
    assert client.get("/api/v1/dip/").json()["results"] == []


def test_it_lists_the_exemptions_in_force(client: Client, world: World) -> None:
    make_exemption(world.pelaksana_a, world.agency_a)
    answer = client.get(f"/api/v1/exemptions/?body={world.agency_a.slug}").json()
    assert len(answer) == 1
    assert answer[0]["ground"]


def test_the_request_log_shows_published_answers_without_the_requesters_identity(
    client: Client, world: World
) -> None:
    published = answer_request(world, submit_request(world, publish_allowed=True))
    submit_request(world, publish_allowed=True)  # not answered: not in the log
    answer_request(world, submit_request(world, publish_allowed=False))  # not allowed
    response = client.get("/api/v1/requests/")
    items = response.json()["results"]
    assert [item["number"] for item in items] == [published.number]
    text = response.content.decode()
    for personal in (NIK_SATU, "Siti Rahmawati", world.requester.email):
        assert personal not in text
    one = client.get(f"/api/v1/requests/{published.public_id}/")
    assert one.json()["outcome"] == "granted"
    # The page's filters: words of the subject and the outcome.
    assert client.get("/api/v1/requests/?q=puskesmas&outcome=granted").json()["results"]
    assert client.get("/api/v1/requests/?q=jembatan").json()["results"] == []
    assert client.get("/api/v1/requests/?outcome=not_held").json()["results"] == []


def test_it_lists_a_years_days_off_and_counts_its_working_days(
    client: Client, world: World
) -> None:
    answer = client.get("/api/v1/calendar/2025/").json()
    assert answer["year"] == 2025
    assert any(day["date"] == "2025-08-17" for day in answer["days"])
    assert 230 < answer["working_days"] < 261


def test_it_computes_a_due_date_as_the_command_does(client: Client, world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("due_date", "2025-03-27", "10", stdout=out)
    answer = client.get("/api/v1/calendar/due-date/?received=2025-03-27&working_days=10").json()
    assert answer["due_date"] == out.getvalue().strip()
    assert dt.date.fromisoformat(answer["due_date"]) > dt.date(2025, 4, 10)
    assert answer["skipped"]
