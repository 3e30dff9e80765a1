"""The open-data feeds /dip.json and /dip.csv (province-wide and per body): incremental
harvesting with ?since=, pagination that never skips a row, and only public fields."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.catalog import actions, opendata, shielding
from terbuka.catalog.models import Entry
from terbuka.catalog.tests.factories import text_pdf, upload
from terbuka.testing import NIK_SATU, make_entry

WIB = dt.timezone(dt.timedelta(hours=7))


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2025, 5, day, hour, 0, tzinfo=WIB)


@pytest.fixture
def five(world: Any) -> list[Entry]:
    """Five published entries of agency A, made on 1–5 May 2025 at 09:00 WIB."""
    entries = []
    for day in range(1, 6):
        with time_machine.travel(at(day), tick=False):
            entries.append(
                make_entry(
                    world.pelaksana_a, world.agency_a, number=f"A-{day}", title=f"Entri {day}"
                )
            )
    return entries


def get_json(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def harvest(client: Client, url: str) -> list[str]:
    """Follow ``next`` links to the end, like a harvester does."""
    titles: list[str] = []
    while url:
        page = get_json(client, url)
        titles += [record["title"] for record in page["results"]]
        url = page["next"]
    return titles


def test_it_lists_published_entries_oldest_change_first(five: Any, client: Client) -> None:
    page = get_json(client, reverse("catalog:dip_json"))
    assert page["count"] is None
    assert page["next"] is None
    assert [record["title"] for record in page["results"]] == [f"Entri {d}" for d in range(1, 6)]


def test_it_returns_entries_changed_at_or_after_since(five: Any, client: Client) -> None:
    url = reverse("catalog:dip_json")
    assert harvest(client, url + "?since=2025-05-03T09:00:00%2B07:00") == [
        "Entri 3",
        "Entri 4",
        "Entri 5",
    ]
    # A "+" that was not encoded arrives as a space; it is still understood.
    assert harvest(client, url + "?since=2025-05-04T09:00:00+07:00") == ["Entri 4", "Entri 5"]
    assert harvest(client, url + "?since=2025-05-05") == ["Entri 5"]
    assert harvest(client, url + "?since=2025-05-03T02:00:00Z") == [
        "Entri 3",
        "Entri 4",
        "Entri 5",
    ]


def test_it_sees_an_entry_again_once_it_changes(world: Any, five: Any, client: Client) -> None:
    with time_machine.travel(at(20), tick=False):
        actions.update_entry(actor=world.pelaksana_a, entry=five[0], summary="Ringkasan baru.")
    titles = harvest(client, reverse("catalog:dip_json") + "?since=2025-05-10")
    assert titles == ["Entri 1"]


@pytest.mark.parametrize(
    "query", ["since=kemarin", "since=2025-13-45", "since=2025-05-01T25:00", "per_page=501"]
)
def test_it_answers_a_bad_parameter_with_a_json_error_in_indonesian(
    five: Any, client: Client, query: str
) -> None:
    for name in ("catalog:dip_json", "catalog:dip_csv"):
        response = client.get(reverse(name) + "?" + query)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "tidak valid" in response.json()["error"] or "harus" in response.json()["error"]


def test_it_pages_with_a_next_link_and_no_count(five: Any, client: Client) -> None:
    first = get_json(client, reverse("catalog:dip_json") + "?per_page=2")
    assert first["count"] is None  # no count of the whole register per page (issue 14)
    assert len(first["results"]) == 2
    assert urlsplit(first["next"]).netloc == "testserver"
    assert harvest(client, reverse("catalog:dip_json") + "?per_page=2") == [
        f"Entri {d}" for d in range(1, 6)
    ]
    second = get_json(client, reverse("catalog:dip_json") + "?per_page=2&page=2")
    assert [record["title"] for record in second["results"]] == ["Entri 3", "Entri 4"]


def test_it_never_skips_a_row_when_an_entry_changes_mid_harvest(
    world: Any, five: Any, client: Client
) -> None:
    page = get_json(client, reverse("catalog:dip_json") + "?per_page=2")
    seen = [record["title"] for record in page["results"]]
    # While the harvester is between pages, an entry it already saw changes.
    with time_machine.travel(at(20), tick=False):
        actions.update_entry(actor=world.pelaksana_a, entry=five[0], summary="Diperbarui.")
    seen += harvest(client, page["next"])
    assert sorted(set(seen)) == [f"Entri {d}" for d in range(1, 6)]
    assert seen[-1] == "Entri 1"  # delivered again, with its change


def test_it_scopes_a_body_feed_to_that_body(world: Any, five: Any, client: Client) -> None:
    make_entry(world.pelaksana_b, world.agency_b, title="Entri PUPR")
    body_b = get_json(
        client, reverse("catalog:body_dip_json", kwargs={"slug": world.agency_b.slug})
    )
    assert [record["title"] for record in body_b["results"]] == ["Entri PUPR"]
    assert body_b["body"] == {"slug": world.agency_b.slug, "name": world.agency_b.name}
    everything = get_json(client, reverse("catalog:dip_json"))
    assert len(everything["results"]) == 6
    missing = reverse("catalog:body_dip_json", kwargs={"slug": "tidak-ada"})
    assert client.get(missing).status_code == 404


def test_it_leaves_out_unpublished_entries(world: Any, client: Client) -> None:
    make_entry(world.pelaksana_a, world.agency_a, title="Belum diumumkan", is_published=False)
    assert get_json(client, reverse("catalog:dip_json"))["results"] == []


def test_it_describes_an_entry_with_perki_columns_and_documents(world: Any, client: Client) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    pdf = actions.add_document(
        actor=world.pelaksana_a,
        entry=entry,
        title="Laporan (PDF)",
        upload=upload("laporan.pdf", text_pdf()),
    )
    actions.add_document(
        actor=world.pelaksana_a,
        entry=entry,
        title="Di situs JDIH",
        link="https://jdih.example.id/1",
    )
    # A file is offered only once the personal-data shield has let it out.
    pending = get_json(client, reverse("catalog:dip_json"))["results"][0]
    assert [document["title"] for document in pending["documents"]] == ["Di situs JDIH"]
    shielding.scan_pending()
    record = get_json(client, reverse("catalog:dip_json"))["results"][0]
    assert record["id"] == str(entry.public_id)
    assert record["url"] == "http://testserver" + entry.get_absolute_url()
    assert record["body"] == {"slug": world.agency_a.slug, "name": world.agency_a.name}
    assert record["category"] == "berkala"
    assert record["tags"] == ["anggaran", "keuangan"]
    assert record["available_forms"] == ["softcopy"]
    assert record["published_on"] == "2025-02-03"
    assert record["perki"]["waktu_tempat"] == "Januari 2025, Palangka Raya"
    assert record["perki"]["retensi"] == "10 tahun"
    assert record["documents"] == [
        {
            "title": "Laporan (PDF)",
            "url": "http://testserver"
            + reverse("catalog:document_download", kwargs={"public_id": pdf.public_id}),
            "content_type": "application/pdf",
        },
        {"title": "Di situs JDIH", "url": "https://jdih.example.id/1", "content_type": None},
    ]
    assert "created_by" not in record


def test_the_csv_feed_has_the_same_rows_and_a_next_link_header(five: Any, client: Client) -> None:
    response = client.get(reverse("catalog:dip_csv") + "?per_page=3")
    assert response.status_code == 200
    assert "X-Total-Count" not in response
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == opendata.CSV_FIELDS
    assert [row[rows[0].index("title")] for row in rows[1:]] == ["Entri 1", "Entri 2", "Entri 3"]
    link = response["Link"]
    assert link.endswith('>; rel="next"')
    next_url = link[1 : link.index(">")]
    rest = client.get(next_url)
    assert "Link" not in rest
    rest_rows = list(csv.reader(io.StringIO(rest.content.decode())))
    assert [row[rows[0].index("title")] for row in rest_rows[1:]] == ["Entri 4", "Entri 5"]


def test_the_body_csv_feed_is_scoped_and_holds_no_personal_data(
    world: Any, five: Any, client: Client
) -> None:
    make_entry(world.pelaksana_b, world.agency_b, title="Entri PUPR")
    response = client.get(reverse("catalog:body_dip_csv", kwargs={"slug": world.agency_b.slug}))
    text = response.content.decode()
    assert "Entri PUPR" in text
    assert "Entri 1" not in text
    profile = world.requester.requester_profile
    for secret in (NIK_SATU, profile.address, profile.phone, world.requester.email):
        assert secret not in text


def test_a_tampered_cursor_is_refused(five: Any, client: Client) -> None:
    response = client.get(reverse("catalog:dip_json") + "?cursor=bm90LWEtY3Vyc29y")
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]
