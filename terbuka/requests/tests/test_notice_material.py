"""What a written notice must carry for its outcome (UU 14/2008 Pasal 22(7)): a grant its
material, "not held" the holder only when it is known."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from terbuka.requests import actions, files, letters
from terbuka.requests.models import (
    EventKind,
    FileKind,
    InfoRequest,
    Notice,
    Outcome,
    Status,
)
from terbuka.testing import (
    answer_request,
    draft_answer,
    forward_to_a,
    register_request,
    submit_request,
)


def pdf_text(info_request: InfoRequest) -> str:
    pdf = files.open_file(info_request.files.get(kind=FileKind.LETTER))
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def test_it_sends_not_held_without_a_known_holder_and_the_letter_says_so(world: Any) -> None:
    info_request = submit_request(world)
    actions.save_notice(actor=world.utama, info_request=info_request, outcome=Outcome.NOT_HELD)
    actions.send_notice(actor=world.utama, info_request=info_request)
    info_request.refresh_from_db()
    assert info_request.status == Status.ANSWERED
    assert InfoRequest.objects.count() == 1  # nowhere to refer it
    text = pdf_text(info_request)
    assert "tidak dikuasai oleh" in text
    assert "menguasai informasi tersebut tidak diketahui" in text
    assert "dikuasai oleh: ." not in text
    with translation.override("en"):
        english = letters.render_html(Notice.objects.get())
    assert "is not known" in english


def test_it_refuses_a_full_grant_by_email_without_a_released_file(world: Any) -> None:
    info_request = submit_request(world)  # asks for a softcopy by e-mail
    draft_answer(world, forward_to_a(world, info_request))
    actions.save_notice(
        actor=world.utama, info_request=info_request, outcome=Outcome.GRANTED, material="Data"
    )
    with pytest.raises(actions.ActionError) as error:
        actions.send_notice(actor=world.utama, info_request=info_request)
    assert "paling sedikit satu dokumen" in error.value.messages[0]
    info_request.refresh_from_db()
    assert info_request.status == Status.IN_PROGRESS
    assert not info_request.events.filter(kind=EventKind.NOTICE_SENT).exists()
    assert not info_request.files.filter(kind__in=[FileKind.LETTER, FileKind.RELEASED]).exists()
    assert Notice.objects.get().sent_at is None


def test_it_sends_the_same_grant_with_a_released_file(world: Any) -> None:
    info_request = answer_request(world, submit_request(world))
    assert info_request.status == Status.ANSWERED
    assert info_request.files.filter(kind=FileKind.RELEASED).count() == 1
    assert "jawaban.pdf" in pdf_text(info_request)


def test_it_refuses_viewing_at_the_office_without_day_and_place(world: Any) -> None:
    info_request = register_request(world, received_at=timezone.now())  # asks to view it
    actions.save_notice(actor=world.operator, info_request=info_request, outcome=Outcome.GRANTED)
    with pytest.raises(actions.ActionError) as error:
        actions.send_notice(actor=world.operator, info_request=info_request)
    assert "tanggal dan tempat" in error.value.messages[0]
    actions.save_notice(
        actor=world.operator, info_request=info_request, available_on=dt.date(2030, 1, 9)
    )
    with pytest.raises(actions.ActionError) as error:
        actions.send_notice(actor=world.operator, info_request=info_request)
    assert "sebutkan tempat" in error.value.messages[0]
    info_request.refresh_from_db()
    assert info_request.status != Status.ANSWERED
    actions.save_notice(
        actor=world.operator, info_request=info_request, place="Ruang Layanan Informasi, lt. 1"
    )
    actions.send_notice(actor=world.operator, info_request=info_request)
    text = pdf_text(info_request)
    assert "Ruang Layanan Informasi, lt. 1" in text
    assert "9 Januari 2030" in text


def test_the_officer_sees_why_a_grant_without_material_is_refused(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    kwargs = {"public_id": info_request.public_id}
    saved = client.post(
        reverse("requests:save_notice", kwargs=kwargs),
        {
            "outcome": "granted",
            "form": "softcopy",
            "delivery": "email",
            "pages": 0,
            "fee_per_page": 0,
            "delivery_cost": 0,
        },
    )
    assert saved.status_code == 302
    response = client.post(reverse("requests:send_notice", kwargs=kwargs), {"confirm": "on"})
    assert response.status_code == 400
    assert "paling sedikit satu dokumen" in response.content.decode()
    assert Notice.objects.get().sent_at is None
