"""The officers' inbox: filters, saved views, search, deadline highlighting, keyset pages,
the visibility rows it reads, and no N+1 queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from terbuka.requests import actions
from terbuka.requests.models import InfoRequest
from terbuka.testing import PASSWORD, grant_request, submit_request

INBOX = "/permohonan/petugas/"
MONDAY = dt.datetime(2025, 6, 2, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB


def make_many(world: Any, count: int) -> list[InfoRequest]:
    return [submit_request(world, subject=f"Permintaan nomor {n}") for n in range(count)]


def test_it_lists_the_bodys_requests_sorted_by_due_date(client: Client, world: Any) -> None:
    with time_machine.travel(MONDAY, tick=False):
        first = submit_request(world, subject="Yang pertama")
    with time_machine.travel(MONDAY + dt.timedelta(days=2), tick=False):
        second = submit_request(world, subject="Yang kedua")
        client.force_login(world.utama)
        html = client.get(INBOX).content.decode()
    assert html.index(first.number) < html.index(second.number)


def test_it_highlights_overdue_and_due_soon_with_words(client: Client, world: Any) -> None:
    with time_machine.travel(MONDAY, tick=False):
        overdue = submit_request(world, subject="Sudah lewat")
    with time_machine.travel(MONDAY + dt.timedelta(days=14), tick=False):
        soon = submit_request(world, subject="Hampir")
    assert overdue.due_date and soon.due_date
    # The day before ``soon`` is due: it is within 2 working days; ``overdue`` is past.
    with time_machine.travel(
        dt.datetime.combine(soon.due_date - dt.timedelta(days=1), dt.time(2, 0), tzinfo=dt.UTC),
        tick=False,
    ):
        client.force_login(world.utama)
        response = client.get(INBOX)
        html = response.content.decode()
        assert "Lewat tenggat" in html
        assert "Tenggat ≤ 2 hari kerja" in html
        only_overdue = client.get(INBOX + "?deadline=overdue").content.decode()
        assert overdue.number in only_overdue and soon.number not in only_overdue
        only_soon = client.get(INBOX + "?deadline=soon").content.decode()
        assert soon.number in only_soon and overdue.number not in only_soon


def test_it_filters_by_assignment_channel_and_status(client: Client, world: Any) -> None:
    mine = submit_request(world, subject="Untuk saya")
    other = submit_request(world, subject="Untuk orang lain")
    actions.assign(actor=world.utama, info_request=mine, officer=world.utama)
    client.force_login(world.utama)
    html = client.get(INBOX + "?mine=on").content.decode()
    assert mine.number in html and other.number not in html
    html = client.get(INBOX + "?channel=walk_in").content.decode()
    assert mine.number not in html
    actions.withdraw(actor=world.requester, info_request=other)
    assert other.number not in client.get(INBOX).content.decode()
    assert other.number in client.get(INBOX + "?status=withdrawn").content.decode()


def test_it_shows_another_body_nothing(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.regency_officer)
    response = client.get(INBOX)
    assert info_request.number not in response.content.decode()
    assert response.context["rows"] == []


def test_it_pages_by_25_with_a_cursor_and_no_count(client: Client, world: Any) -> None:
    made = make_many(world, 27)
    client.force_login(world.utama)
    first = client.get(INBOX)
    assert len(first.context["rows"]) == 25
    assert "counts" not in first.context
    next_page = first.context["next_page"]
    assert next_page and "setelah=" in next_page
    second = client.get(INBOX + "?" + next_page)
    shown = [item.number for item, _state in first.context["rows"]]
    shown += [item.number for item, _state in second.context["rows"]]
    assert sorted(shown) == sorted(item.number for item in made)
    assert second.context["next_page"] is None
    assert "Halaman pertama" in second.content.decode()


def test_it_keeps_the_filters_on_the_next_page(client: Client, world: Any) -> None:
    for info_request in make_many(world, 26):
        actions.assign(actor=world.utama, info_request=info_request, officer=world.utama)
    other = submit_request(world, subject="Tidak ditugaskan")
    client.force_login(world.utama)
    first = client.get(INBOX + "?mine=on")
    assert "mine=on" in first.context["next_page"]
    second = client.get(INBOX + "?" + first.context["next_page"])
    assert len(second.context["rows"]) == 1
    assert other.number not in second.content.decode()


def test_it_answers_400_to_a_forged_cursor(client: Client, world: Any) -> None:
    submit_request(world)
    client.force_login(world.utama)
    response = client.get(INBOX + "?setelah=bukan-kursor")
    assert response.status_code == 400
    assert "Kembali ke halaman pertama" in response.content.decode()


def test_it_reads_no_encrypted_column_for_the_list(client: Client, world: Any) -> None:
    submit_request(world)
    client.force_login(world.utama)
    with CaptureQueriesContext(connection) as captured:
        client.get(INBOX)
    listing = [query["sql"] for query in captured if "requests_inforequest" in query["sql"]]
    assert listing
    for sql in listing:
        for column in ("requester_nik", "requester_address", "requester_phone", "requester_email"):
            assert column not in sql


def count_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(INBOX)
    assert response.status_code == 200
    return len(captured)


def test_it_costs_the_same_queries_for_5_or_40_requests(
    client: Client, world: Any, django_assert_max_num_queries: Any
) -> None:
    make_many(world, 5)
    for info_request in InfoRequest.objects.all()[:3]:
        actions.assign(actor=world.utama, info_request=info_request, officer=world.operator)
    client.force_login(world.utama)
    few = count_queries(client)
    make_many(world, 35)
    for info_request in InfoRequest.objects.all():
        if info_request.assigned_to_id is None:
            actions.assign(actor=world.utama, info_request=info_request, officer=world.operator)
    with django_assert_max_num_queries(few):
        response = client.get(INBOX)
    assert len(response.context["rows"]) == 25


def test_it_filters_by_body(client: Client, world: Any) -> None:
    health = submit_request(world, body=world.agency_a, subject="Untuk dinas kesehatan")
    works = submit_request(world, body=world.agency_b, subject="Untuk dinas PUPR")
    client.force_login(world.utama)
    html = client.get(INBOX + f"?body={world.agency_b.pk}").content.decode()
    assert works.number in html and health.number not in html


def test_it_shows_a_pelaksana_only_his_units_requests(client: Client, world: Any) -> None:
    health = submit_request(world, body=world.agency_a)
    works = submit_request(world, body=world.agency_b)
    client.force_login(world.pelaksana_b)
    html = client.get(INBOX).content.decode()
    assert works.number in html and health.number not in html


# --- search -----------------------------------------------------------------------------------


def test_it_finds_a_request_by_its_number_exact_or_prefix(client: Client, world: Any) -> None:
    wanted = submit_request(world, subject="Anggaran puskesmas")
    other = submit_request(world, subject="Jadwal imunisasi")
    client.force_login(world.utama)
    html = client.get(INBOX, {"q": wanted.number}).content.decode()
    assert wanted.number in html and other.number not in html
    prefix = wanted.number.split("/")[0] + "/"
    html = client.get(INBOX, {"q": prefix.lower()}).content.decode()
    assert wanted.number in html and other.number not in html


def test_it_finds_a_request_by_subject_and_by_requester_name(client: Client, world: Any) -> None:
    siti = submit_request(world, subject="Anggaran puskesmas 2024")
    budi = submit_request(world, user=world.other_requester, subject="Jadwal imunisasi")
    client.force_login(world.utama)
    html = client.get(INBOX, {"q": "imunisasi"}).content.decode()
    assert budi.number in html and siti.number not in html
    html = client.get(INBOX, {"q": "siti rahma"}).content.decode()
    assert siti.number in html and budi.number not in html


def test_it_searches_a_pelaksana_only_within_his_units_requests(client: Client, world: Any) -> None:
    works = submit_request(world, body=world.agency_b, subject="Jalan rusak")
    health = submit_request(world, body=world.agency_a, subject="Jalan ke puskesmas")
    client.force_login(world.pelaksana_b)
    html = client.get(INBOX, {"q": "jalan"}).content.decode()
    assert works.number in html and health.number not in html


def test_it_never_lets_a_non_officer_search_by_a_requesters_name(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world, subject="Anggaran puskesmas", publish_allowed=True)
    grant_request(world.utama, info_request)
    client.force_login(world.other_requester)
    assert client.get(INBOX, {"q": "Siti"}).status_code == 403
    # The public log searches the request, never who asked.
    client.logout()
    log = client.get("/permohonan/", {"q": "Siti Rahmawati"}).content.decode()
    assert "Anggaran puskesmas" not in log
    assert "Anggaran puskesmas" in client.get("/permohonan/", {"q": "puskesmas"}).content.decode()


# --- saved views ------------------------------------------------------------------------------


def test_it_offers_the_saved_views_and_marks_the_current_one(client: Client, world: Any) -> None:
    mine = submit_request(world, subject="Untuk saya")
    other = submit_request(world, subject="Untuk orang lain")
    actions.assign(actor=world.utama, info_request=mine, officer=world.utama)
    client.force_login(world.utama)
    html = client.get(INBOX).content.decode()
    for label in ("Milik saya", "Terlambat", "Jatuh tempo 2 hari"):
        assert label in html
    html = client.get(INBOX + "?mine=on").content.decode()
    assert '<a href="?mine=on" aria-current="page">Milik saya</a>' in html
    assert mine.number in html and other.number not in html


def test_it_shows_overdue_and_due_in_two_days_as_saved_views(client: Client, world: Any) -> None:
    with time_machine.travel(MONDAY, tick=False):
        overdue = submit_request(world, subject="Sudah lewat")
    with time_machine.travel(MONDAY + dt.timedelta(days=14), tick=False):
        soon = submit_request(world, subject="Hampir")
    assert soon.due_date
    with time_machine.travel(
        dt.datetime.combine(soon.due_date - dt.timedelta(days=1), dt.time(2, 0), tzinfo=dt.UTC),
        tick=False,
    ):
        client.force_login(world.utama)
        late = client.get(INBOX + "?deadline=overdue").content.decode()
        assert '<a href="?deadline=overdue" aria-current="page">Terlambat</a>' in late
        assert overdue.number in late and soon.number not in late
        due = client.get(INBOX + "?deadline=soon").content.decode()
        assert soon.number in due and overdue.number not in due


# --- landing after login ----------------------------------------------------------------------


def login(client: Client, username: str) -> str:
    response = client.post("/akun/masuk/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return str(client.get(response["Location"])["Location"])


def test_it_lands_an_officer_on_the_inbox_after_login(client: Client, world: Any) -> None:
    assert login(client, world.pelaksana_a.username) == INBOX


def test_it_lands_a_requester_on_his_requests_after_login(client: Client, world: Any) -> None:
    assert login(client, world.requester.username) == "/permohonan/saya/"


def test_it_lands_an_administrator_on_the_home_page_as_before(client: Client, world: Any) -> None:
    assert login(client, world.admin.username) == "/"


def test_it_pages_through_every_request_once_even_without_a_due_date(
    client: Client, world: Any
) -> None:
    made = make_many(world, 30)
    # Every request gets its due date at receipt; one stored without it still shows once.
    InfoRequest.objects.filter(pk=made[3].pk).update(due_date=None)
    client.force_login(world.utama)
    seen: list[str] = []
    query = ""
    while True:
        response = client.get(INBOX + ("?" + query if query else ""))
        seen += [item.number for item, _state in response.context["rows"]]
        query = response.context["next_page"]
        if not query:
            break
    assert sorted(seen) == sorted(item.number for item in made)


def test_it_costs_the_last_page_what_the_first_costs(client: Client, world: Any) -> None:
    make_many(world, 30)
    client.force_login(world.utama)
    first = count_queries(client)
    next_page = client.get(INBOX).context["next_page"]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(INBOX + "?" + next_page).status_code == 200
    # The last page may ask once more for requests without a due date where PostgreSQL
    # puts them (after every dated one): one query, whatever the size of the inbox.
    assert len(captured) <= first + 1
