"""The officers' inbox: filters, counts, deadline highlighting, and no N+1 queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from terbuka.requests import actions
from terbuka.requests.models import InfoRequest
from terbuka.testing import submit_request

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
        counts = response.context["counts"]
        html = response.content.decode()
        assert counts["overdue"] == 1
        assert counts["soon"] == 1
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
    assert response.context["counts"]["open"] == 0


def test_it_paginates_by_25(client: Client, world: Any) -> None:
    make_many(world, 27)
    client.force_login(world.utama)
    first = client.get(INBOX)
    assert len(first.context["rows"]) == 25
    assert first.context["counts"]["open"] == 27
    assert len(client.get(INBOX + "?halaman=2").context["rows"]) == 2


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
