"""The requester's privacy page: correction link and the data-subject request form."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from terbuka.privacy.models import DataSubjectRequest, SubjectRequestKind
from terbuka.testing import NIK_SATU, submit_with_documents

pytestmark = pytest.mark.django_db

MINE = reverse("privacy:mine")
NEW = reverse("privacy:new_subject_request")


def test_it_shows_the_rights_and_links_the_profile(client, world):
    client.force_login(world.requester)
    response = client.get(MINE)
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("accounts:profile") in page
    assert reverse("privacy:export") in page
    assert NIK_SATU not in page


def test_it_needs_a_login(client, world):
    assert client.get(MINE).status_code == 302


def test_a_request_is_due_three_times_twenty_four_calendar_hours_later(
    client, world, dpo, django_capture_on_commit_callbacks
):
    submit_with_documents(world)
    client.force_login(world.requester)
    # A Friday evening: the weekend counts (calendar hours, UU 27/2022 Pasal 30–32).
    received = dt.datetime(2025, 10, 3, 18, 30, tzinfo=dt.UTC)
    with (
        time_machine.travel(received, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(NEW, {"kind": SubjectRequestKind.ERASURE, "details": ""})
    assert response.status_code == 302
    subject_request = DataSubjectRequest.objects.get()
    assert subject_request.body == world.province
    assert subject_request.due_at == dt.datetime(2025, 10, 6, 18, 30, tzinfo=dt.UTC)
    (message,) = mail.outbox
    assert message.to == [dpo.email]
    assert NIK_SATU not in message.body


def test_it_goes_to_each_body_holding_the_requesters_requests(
    client, world, dpo, regency_dpo, django_capture_on_commit_callbacks
):
    submit_with_documents(world)
    submit_with_documents(world, body=world.regency_agency)
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW, {"kind": SubjectRequestKind.ACCESS})
    assert {item.body for item in DataSubjectRequest.objects.all()} == {
        world.province,
        world.regency,
    }
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [dpo.email, regency_dpo.email]
    )


def test_without_requests_it_goes_to_the_provinces_ppid(client, world, dpo):
    client.force_login(world.other_requester)
    client.post(NEW, {"kind": SubjectRequestKind.RESTRICTION})
    assert DataSubjectRequest.objects.get().body == world.province


def test_other_rights_need_an_explanation(client, world):
    client.force_login(world.requester)
    response = client.post(NEW, {"kind": SubjectRequestKind.OTHER, "details": " "})
    assert response.status_code == 400
    assert not DataSubjectRequest.objects.exists()


def test_it_limits_how_often_requests_are_sent(client, world):
    client.force_login(world.requester)
    for _ in range(10):
        assert client.post(NEW, {"kind": SubjectRequestKind.ACCESS}).status_code == 302
    assert client.post(NEW, {"kind": SubjectRequestKind.ACCESS}).status_code == 429
    assert DataSubjectRequest.objects.count() == 10


def test_a_body_without_a_dpo_alerts_its_ppid_utama(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW, {"kind": SubjectRequestKind.ACCESS})
    (message,) = mail.outbox
    assert message.to == [world.utama.email]
