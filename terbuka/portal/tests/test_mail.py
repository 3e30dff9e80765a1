"""terbuka.mail, the one way e-mail is sent: after commit, in the recipient's language,
failures logged without personal data."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core import mail as outbox
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from terbuka import mail

pytestmark = pytest.mark.django_db

TEMPLATE = "accounts/email/verify_body.txt"
SUBJECT = gettext_lazy("Verifikasi alamat e-mail Anda di Terbuka")
CONTEXT = {"user": {"username": "warga"}, "url": "https://terbuka.test/tautan"}


def send(to: Any) -> None:
    mail.send("test.verify", to=to, template=TEMPLATE, subject=SUBJECT, context=CONTEXT)


def test_it_writes_to_each_recipient_in_his_own_language(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send([mail.Recipient("reader@example.test", "en"), "pembaca@example.test"])
    by_reader = {message.to[0]: message for message in outbox.outbox}
    assert len(outbox.outbox) == 2
    english = by_reader["reader@example.test"]
    assert english.subject == "Verify your e-mail address on Terbuka"
    assert "This link is valid for 3 days" in english.body
    indonesian = by_reader["pembaca@example.test"]
    assert indonesian.subject == "Verifikasi alamat e-mail Anda di Terbuka"
    assert "Tautan ini berlaku selama 3 hari" in indonesian.body


def test_it_writes_in_the_platform_language_whatever_the_sender_reads(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # The officer who caused the message browses in English; the recipient chose nothing.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        send(["pembaca@example.test"])
    (message,) = outbox.outbox
    assert message.subject == "Verifikasi alamat e-mail Anda di Terbuka"


def test_the_acting_visitor_reads_the_language_he_chose(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        send([mail.Recipient.acting("reader@example.test")])
    (message,) = outbox.outbox
    assert message.subject == "Verify your e-mail address on Terbuka"


def test_it_sends_one_message_to_all_readers_of_a_language_each_address_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send(["b@example.test", "a@example.test", "", "b@example.test"])
    (message,) = outbox.outbox
    assert message.to == ["a@example.test", "b@example.test"]


def test_it_sends_nothing_for_a_change_that_rolled_back(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send(["pembaca@example.test"])
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert outbox.outbox == []


def test_it_logs_a_refused_send_without_the_address(
    mail_server_down: None, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        mail.send(
            "test.verify",
            to=["pembaca@example.test", "kedua@example.test"],
            template=TEMPLATE,
            subject=SUBJECT,
            context=CONTEXT,
            about="user 7",
        )
    (record,) = [r for r in caplog.records if r.name == "terbuka.mail"]
    logged = caplog.text
    assert "test.verify (user 7) to 2 recipient(s) not sent: SMTPRecipientsRefused" in logged
    assert "example.test" not in logged
    assert record.exc_info is None  # a traceback would quote the refused addresses
