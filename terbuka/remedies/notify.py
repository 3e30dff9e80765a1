"""E-mails about objections, through ``terbuka.mail`` (after commit, in the recipient's
language, failures logged without personal data). Templates ``remedies/email/<name>.txt``
get only the fields listed in ``_context``: never a NIK, an address or a phone number."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext

from terbuka import mail
from terbuka.bodies import permissions
from terbuka.bodies.models import RoleKind
from terbuka.remedies.models import Objection
from terbuka.requests.notify import HANDLERS, link

ATASAN = (RoleKind.ATASAN,)


def requester_address(objection: Objection) -> str:
    if objection.requester_email:
        return objection.requester_email
    if objection.requester is not None:
        return objection.requester.email
    return ""


def _context(objection: Objection, extra: dict[str, Any]) -> dict[str, Any]:
    info_request = objection.info_request
    return {
        "number": objection.number,
        "request_number": info_request.number if info_request is not None else "",
        # What the objection is about, in a sentence: "… atas {{ about }}".
        "about": gettext("permohonan %(number)s") % {"number": info_request.number}
        if info_request is not None
        else gettext("informasi berkala yang tidak disediakan"),
        "body_name": objection.body.name,
        "ppid_body_name": objection.ppid_body.name,
        "requester_name": objection.requester_name,
        "grounds": objection.ground_labels(),
        "status": objection.get_status_display(),
        "received_at": objection.received_at,
        "answer_due": objection.answer_due,
        "instruction_due": objection.instruction_due,
        "requester_link": link("remedies:detail", public_id=objection.public_id),
        "officer_link": link("remedies:officer_detail", public_id=objection.public_id),
        **extra,
    }


def _subject_line(text: str | Promise, number: str) -> str:
    return gettext("[Terbuka] %(text)s — %(number)s") % {"text": text, "number": number}


def subject_line(text: str | Promise, objection: Objection) -> str:
    return lazy(_subject_line, str)(text, objection.number)


def later(
    template: str,
    *,
    objection_id: int,
    to_requester: bool = False,
    requester_acting: bool = False,
    officers: Iterable[tuple[str, ...]] = (),
    subject: mail.Text,
    extra: dict[str, Any] | None = None,
) -> None:
    """Mail after commit, re-reading the objection. ``officers``: role kinds of its PPID
    body (``ATASAN``, ``HANDLERS``) whose holders get the mail."""
    from django.utils import translation

    kinds = [kind for group in officers for kind in group]
    requester_language = (translation.get_language() or "") if requester_acting else ""

    @functools.cache
    def objection() -> Objection:
        return Objection.objects.select_related(
            "info_request__body", "body", "ppid_body", "requester"
        ).get(pk=objection_id)

    def recipients() -> list[str | mail.Recipient]:
        found: list[str | mail.Recipient] = []
        if to_requester:
            found.append(mail.Recipient(requester_address(objection()), requester_language))
        if kinds:
            found.extend(permissions.officer_addresses(objection().ppid_body_id, kinds))
        return found

    mail.send(
        f"remedies.{template}",
        to=recipients,
        template=f"remedies/email/{template}.txt",
        subject=subject,
        context=lambda: _context(objection(), extra or {}),
        about=f"objection {objection_id}",
    )


__all__ = ["ATASAN", "HANDLERS", "later", "subject_line"]
