"""Downloads go through a permission check, as attachments, with safe headers."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.requests import shielding
from terbuka.requests.models import RequestFile
from terbuka.testing import answer_request, forward_to_a, pdf_upload, submit_request


def url(request_file: RequestFile) -> str:
    return reverse("requests:download", kwargs={"file_public_id": request_file.public_id})


def test_it_gives_the_requester_the_released_pdf(client: Client, world: Any) -> None:
    info_request = answer_request(world, submit_request(world))
    released = info_request.files.get(kind="released")
    client.force_login(world.requester)
    response = client.get(url(released))
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="jawaban.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_keeps_drafts_from_the_requester(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    from terbuka.requests import actions

    disposition = forward_to_a(world, info_request)
    actions.submit_draft(
        actor=world.pelaksana_a, disposition=disposition, draft_text="x", files=[pdf_upload()]
    )
    draft = info_request.files.get(kind="draft")
    client.force_login(world.requester)
    assert client.get(url(draft)).status_code == 404
    client.force_login(world.pelaksana_a)
    assert client.get(url(draft)).status_code == 200


def test_it_keeps_identity_documents_to_the_requester_and_handlers(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world, identity_documents=[pdf_upload("ktp.pdf")])
    identity = info_request.files.get(kind="identity")
    for user, status in (
        (world.requester, 200),
        (world.utama, 200),
        (world.other_requester, 404),
        (world.regency_officer, 404),
    ):
        client.force_login(user)
        assert client.get(url(identity)).status_code == status, user
    client.logout()
    assert client.get(url(identity)).status_code == 404


def test_it_makes_a_name_safe_for_the_header(client: Client, world: Any) -> None:
    info_request = submit_request(
        world, attachments=[pdf_upload('../../etc/"surat"\r\nX-Evil: 1.pdf')]
    )
    attachment = info_request.files.get(kind="attachment")
    client.force_login(world.requester)
    response = client.get(url(attachment))
    header = response["Content-Disposition"]
    assert "\n" not in header and "\r" not in header and ".." not in header
    assert "X-Evil" not in response


def test_it_serves_public_log_documents_to_anyone_but_not_the_letter(
    client: Client, world: Any
) -> None:
    info_request = answer_request(world, submit_request(world, publish_allowed=True))
    released = info_request.files.get(kind="released")
    letter = info_request.files.filter(kind="letter").first()
    assert client.get(url(released)).status_code == 404  # until the shield has looked
    shielding.scan_pending()
    assert client.get(url(released)).status_code == 200
    if letter is not None:
        assert client.get(url(letter)).status_code == 404


def test_it_serves_nothing_of_an_unpublished_request_to_a_visitor(
    client: Client, world: Any
) -> None:
    info_request = answer_request(world, submit_request(world, publish_allowed=False))
    released = info_request.files.get(kind="released")
    assert client.get(url(released)).status_code == 404
