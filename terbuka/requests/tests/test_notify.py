"""E-mails about requests: each recipient's language, and a refusing mail server never
undoing a request (terbuka.mail)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.utils import timezone, translation

from terbuka.requests.models import InfoRequest
from terbuka.testing import register_request, submit_request


def test_it_answers_the_requester_in_his_language_and_the_officers_in_indonesian(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # The requester browses in English: his receipt is English, but the officers chose no
    # language and read Indonesian (before, they got the requester's English).
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        info_request = submit_request(world)
    receipt = next(m for m in mail.outbox if m.to == ["pemohon.satu@example.test"])
    assert receipt.subject == f"[Terbuka] Receipt of information request — {info_request.number}"
    assert "Registration number" in receipt.body
    officers = next(m for m in mail.outbox if "utama@example.test" in m.to)
    assert officers.subject == f"[Terbuka] Permohonan informasi baru — {info_request.number}"
    assert "Nomor registrasi" in officers.body


def test_a_desk_registration_sends_the_receipt_in_the_platform_language(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # The operator at the desk browses in English; the walk-in requester did not choose.
    received_at = timezone.now() - dt.timedelta(minutes=5)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        info_request = register_request(world, received_at=received_at)
    receipt = next(m for m in mail.outbox if m.to == ["rahmat@example.test"])
    assert receipt.subject.startswith("[Terbuka] Tanda bukti permohonan informasi")
    assert info_request.number in receipt.subject


def test_it_keeps_the_request_when_the_mail_server_refuses(
    world: Any, mail_server_down: None, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        info_request = submit_request(world)
    assert InfoRequest.objects.filter(pk=info_request.pk).exists()
    assert mail.outbox == []
    about = f"(request {info_request.pk})"
    assert f"requests.receipt {about} to 1 recipient(s) not sent" in caplog.text
    assert f"requests.new_request {about} to 2 recipient(s) not sent" in caplog.text
    assert "example.test" not in caplog.text
    assert "Siti Rahmawati" not in caplog.text
    assert "6271014101900001" not in caplog.text
