"""The requester's pages: my requests, the detail, messages and withdrawal."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.requests import deadlines
from terbuka.requests.models import Event, InfoRequest, Status
from terbuka.testing import answer_request, submit_request


def url(name: str, info_request: InfoRequest) -> str:
    return reverse(name, kwargs={"public_id": info_request.public_id})


def test_it_lists_only_my_requests_with_status_and_deadline(client: Client, world: Any) -> None:
    mine = submit_request(world, subject="Punya saya")
    theirs = submit_request(world, user=world.other_requester, subject="Punya orang lain")
    client.force_login(world.requester)
    html = client.get(reverse("requests:mine")).content.decode()
    assert mine.number in html and "Punya saya" in html
    assert theirs.number not in html and "Punya orang lain" not in html
    assert "Diterima" in html
    assert mine.due_date is not None


def test_it_shows_the_detail_with_timeline_and_deadline(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.requester)
    html = client.get(url("requests:detail", info_request)).content.decode()
    assert info_request.number in html
    assert "Permohonan diterima" in html
    assert "Bagaimana batas waktu ini dihitung" in html
    assert deadlines.explanation_text(info_request)[0] in html


def test_it_answers_not_found_to_another_requester(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.other_requester)
    for name in ("requests:detail", "requests:receipt"):
        assert client.get(url(name, info_request)).status_code == 404
    assert client.post(url("requests:withdraw", info_request), {"confirm": "on"}).status_code == 404
    assert client.post(url("requests:message", info_request), {"text": "hai"}).status_code == 404
    info_request.refresh_from_db()
    assert info_request.status == Status.RECEIVED


def test_it_sends_an_officer_to_the_officer_page(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    response = client.get(url("requests:detail", info_request))
    assert response["Location"] == url("requests:officer_detail", info_request)


def test_it_sends_a_visitor_to_login(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = client.get(url("requests:detail", info_request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_withdraws_after_confirmation(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.requester)
    unconfirmed = client.post(url("requests:withdraw", info_request), {"reason": "Sudah dapat"})
    assert unconfirmed.status_code == 400
    assert "Sudah dapat" in unconfirmed.content.decode()
    info_request.refresh_from_db()
    assert info_request.status == Status.RECEIVED
    response = client.post(
        url("requests:withdraw", info_request), {"reason": "Sudah dapat", "confirm": "on"}
    )
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.status == Status.WITHDRAWN
    assert (
        "Cabut permohonan" not in client.get(url("requests:detail", info_request)).content.decode()
    )


def test_it_refuses_to_withdraw_an_answered_request(client: Client, world: Any) -> None:
    info_request = answer_request(world, submit_request(world))
    client.force_login(world.requester)
    response = client.post(url("requests:withdraw", info_request), {"confirm": "on"})
    assert response.status_code == 400
    info_request.refresh_from_db()
    assert info_request.status == Status.ANSWERED


def test_it_lets_the_requester_answer_a_question(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    client.post(
        reverse("requests:officer_message", kwargs={"public_id": info_request.public_id}),
        {"text": "Tahun berapa yang Anda maksud?"},
    )
    client.force_login(world.requester)
    response = client.post(url("requests:message", info_request), {"text": "Tahun 2024 saja."})
    assert response.status_code == 302
    html = client.get(url("requests:detail", info_request)).content.decode()
    assert "Tahun berapa yang Anda maksud?" in html
    assert "Tahun 2024 saja." in html
    assert Event.objects.filter(kind="message_from_requester").count() == 1


def test_it_keeps_an_empty_message_from_being_sent(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.requester)
    response = client.post(url("requests:message", info_request), {"text": ""})
    assert response.status_code == 400
    assert not Event.objects.filter(kind="message_from_requester").exists()


def test_it_shows_the_notice_and_the_released_document(client: Client, world: Any) -> None:
    info_request = answer_request(world, submit_request(world))
    released = info_request.files.get(kind="released")
    client.force_login(world.requester)
    html = client.get(url("requests:detail", info_request)).content.decode()
    assert "Dikabulkan seluruhnya" in html
    assert reverse("requests:download", kwargs={"file_public_id": released.public_id}) in html
