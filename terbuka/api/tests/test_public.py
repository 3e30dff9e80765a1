"""The public, read-only API: no key needed, never a requester's identity."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client, RequestFactory

from terbuka.api import schemas
from terbuka.api.api import api
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog import opendata, shielding
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


# A DIP page as it is sent, byte for byte: compact UTF-8 JSON, fields in the schema's order.
PINNED_PAGE = (
    '{"results":[{"id":"%(entry)s","url":"http://testserver/dip/informasi/%(entry)s/",'
    '"body":{"slug":"dinkes-kalteng","name":"Dinas Kesehatan"},"category":"berkala",'
    '"category_label":"Informasi berkala","number":"B-7",'
    '"title":"Jalan “Tjilik Riwut” – ruas é",'
    '"summary":"Realisasi pendapatan dan belanja Dinas Kesehatan tahun anggaran 2024.",'
    '"holder":"Sekretariat Dinas Kesehatan","responsible":"Kepala Subbagian Keuangan",'
    '"created_when":"Januari 2025","created_where":"Palangka Raya",'
    '"available_forms":["softcopy","hardcopy"],"retention":"10 tahun",'
    '"tags":["jalan","anggaran"],"published_on":"2025-02-03","last_updated_on":"2025-02-03",'
    '"next_update_due":"2025-08-03","updated_at":"2025-05-01T09:00:00.123Z",'
    '"perki":{"judul":"Jalan “Tjilik Riwut” – ruas é",'
    '"kategori":"Informasi berkala","nomor":"B-7",'
    '"ringkasan":"Realisasi pendapatan dan belanja Dinas Kesehatan tahun anggaran 2024.",'
    '"pejabat":"Sekretariat Dinas Kesehatan","penanggung_jawab":"Kepala Subbagian Keuangan",'
    '"waktu_tempat":"Januari 2025, Palangka Raya","bentuk":"softcopy, hardcopy",'
    '"retensi":"10 tahun"},'
    '"documents":[{"title":"Laporan","url":"http://testserver/dip/dokumen/%(document)s/",'
    '"content_type":"application/pdf"},'
    '{"title":"JDIH","url":"https://jdih.example.id/1","content_type":null}]},'
    '{"id":"%(other)s","url":"http://testserver/dip/informasi/%(other)s/",'
    '"body":{"slug":"pupr-kalteng","name":"Dinas Pekerjaan Umum dan Penataan Ruang"},'
    '"category":"serta_merta","category_label":"Informasi serta merta","number":"",'
    '"title":"Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2024",'
    '"summary":"Realisasi pendapatan dan belanja Dinas Kesehatan tahun anggaran 2024.",'
    '"holder":"Sekretariat Dinas Kesehatan","responsible":"Kepala Subbagian Keuangan",'
    '"created_when":"Januari 2025","created_where":"","available_forms":["softcopy"],'
    '"retention":"10 tahun","tags":[],"published_on":"2025-02-03",'
    '"last_updated_on":"2025-02-03","next_update_due":null,'
    '"updated_at":"2025-05-02T10:00:00Z",'
    '"perki":{"judul":"Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2024",'
    '"kategori":"Informasi serta merta","nomor":"",'
    '"ringkasan":"Realisasi pendapatan dan belanja Dinas Kesehatan tahun anggaran 2024.",'
    '"pejabat":"Sekretariat Dinas Kesehatan","penanggung_jawab":"Kepala Subbagian Keuangan",'
    '"waktu_tempat":"Januari 2025","bentuk":"softcopy","retensi":"10 tahun"},'
    '"documents":[]}],"next_cursor":%(cursor)s}'
)


def test_it_sends_a_dip_page_as_these_bytes(client: Client, world: World) -> None:
    # Every field of a record, an entry with a shielded file, a link and one still held,
    # tags with an empty one, non-ASCII text; then the first page of one with its cursor.
    with time_machine.travel(dt.datetime(2025, 5, 1, 9, 0, 0, 123456, tzinfo=dt.UTC), tick=False):
        entry = make_entry(
            world.pelaksana_a,
            world.agency_a,
            number="B-7",
            title="Jalan “Tjilik Riwut” – ruas é",
            tags="jalan, , anggaran ",
            available_hardcopy=True,
        )
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
        catalog_actions.add_document(
            actor=world.pelaksana_a, entry=entry, title="Baru", upload=upload("b.pdf", text_pdf())
        )
    with time_machine.travel(dt.datetime(2025, 5, 2, 10, 0, 0, tzinfo=dt.UTC), tick=False):
        other = make_entry(
            world.pelaksana_b,
            world.agency_b,
            category="serta_merta",
            number="",
            tags="",
            created_where="",
        )
    entry.refresh_from_db()
    document = entry.documents.get(title="Laporan")
    ids = {"entry": entry.public_id, "document": document.public_id, "other": other.public_id}
    page = client.get("/api/v1/dip/?per_page=5")
    assert page.content == (PINNED_PAGE % {**ids, "cursor": "null"}).encode()
    [first] = PINNED_PAGE.split(',{"id":"%(other)s"')[:1]
    one = client.get("/api/v1/dip/?per_page=1")
    cursor = f'"{opendata.encode_cursor(entry)}"'
    assert one.content == (first % ids + f'],"next_cursor":{cursor}}}').encode()


def test_it_walks_every_filter_to_the_same_entries_as_the_orm(client: Client, world: World) -> None:
    # Each combination of filters runs its own statement, compiled once and then reused
    # with the request's values: every page of every combination, walked twice, is the
    # ORM's answer to the same filters, in harvesting order.
    for day in range(1, 7):
        with time_machine.travel(dt.datetime(2025, 5, day, 9, 0, tzinfo=dt.UTC), tick=False):
            for body, actor in (
                (world.agency_a, world.pelaksana_a),
                (world.agency_b, world.pelaksana_b),
            ):
                make_entry(
                    actor,
                    body,
                    title=f"{body.slug} {day}",
                    category=("berkala", "setiap_saat")[day % 2],
                )
    make_entry(world.pelaksana_a, world.agency_a, is_published=False, title="Draf")
    since = dt.datetime(2025, 5, 3, 9, 0, tzinfo=dt.UTC)
    for body in (None, world.agency_a):
        for category in (None, "berkala"):
            for with_since in (False, True):
                expected = opendata.feed_entries(body)
                params = "per_page=2"
                if body is not None:
                    params += f"&body={body.slug}"
                if category is not None:
                    expected = expected.filter(category=category)
                    params += f"&category={category}"
                if with_since:
                    expected = expected.filter(updated_at__gte=since)
                    params += "&since=2025-05-03T09:00:00%2B00:00"
                titles = list(expected.values_list("title", flat=True))
                assert titles
                for _walk in range(2):
                    seen, url = [], f"/api/v1/dip/?{params}"
                    while url:
                        page = client.get(url).json()
                        seen += [item["title"] for item in page["results"]]
                        cursor = page["next_cursor"]
                        url = f"/api/v1/dip/?{params}&cursor={cursor}" if cursor else ""
                    assert seen == titles, params


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


def test_the_unfiltered_register_reads_as_the_filtered_one_does(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a filter the register is the log page's query compiled once, read as plain
    values (``queries.log_page``): every field of every page is what the ORM path gives,
    a refusal's ground, a late answer and the cursors included."""
    from terbuka.requests import actions as request_actions
    from terbuka.requests import queries
    from terbuka.requests.models import Outcome

    start = dt.datetime(2025, 6, 2, 2, tzinfo=dt.UTC)
    for n in range(5):
        with time_machine.travel(start + dt.timedelta(days=3 * n), tick=False):
            info_request = submit_request(world, subject=f"Data <{n}> & isi", publish_allowed=True)
        # The refusal comes late: past its 10 working days.
        with time_machine.travel(
            start + dt.timedelta(days=3 * n + (20 if n == 1 else 2)), tick=False
        ):
            if n == 1:
                request_actions.save_notice(
                    actor=world.utama,
                    info_request=info_request,
                    outcome=Outcome.REFUSED_EXEMPT,
                    exemption_ground="h.2",
                    consequence_test="Rekam medis pasien: mengungkap rahasia pribadi.",
                )
                request_actions.send_notice(actor=world.utama, info_request=info_request)
            else:
                answer_request(world, info_request)

    def walk() -> list[dict[str, object]]:
        pages, url = [], "/api/v1/requests/?per_page=2"
        while url:
            data = client.get(url).json()
            pages.append(data)
            cursor = data["next_cursor"]
            url = f"/api/v1/requests/?per_page=2&cursor={cursor}" if cursor else ""
        return pages

    plain = walk()
    monkeypatch.setattr(queries, "_unfiltered_log_page", lambda cursor, per_page: None)
    assert walk() == plain
    results = [item for page in plain for item in page["results"]]
    assert len(results) == 5
    assert {item["exemption_ground"] for item in results} == {None, "h.2"}
    assert any(item["late"] for item in results)


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
