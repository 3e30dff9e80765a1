"""E-mails about requests, sent through ``terbuka.mail`` (after commit, in the
recipient's language, failures logged without personal data).

Every e-mail is plain text rendered from ``requests/email/<name>.txt``. They name the
request by its number and carry a link; they never carry a NIK, an address or a phone
number (Pasal 17 huruf h; UU 27/2022): templates get only the fields listed in ``_context``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext

from terbuka import mail
from terbuka.bodies import permissions
from terbuka.bodies.models import RoleKind
from terbuka.requests.models import InfoRequest


def link(name: str, **kwargs: Any) -> str:
    try:
        return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return settings.SITE_URL.rstrip("/") + "/"


def requester_address(info_request: InfoRequest) -> str:
    if info_request.requester_email:
        return info_request.requester_email
    if info_request.requester is not None:
        return info_request.requester.email
    return ""


def _context(info_request: InfoRequest, extra: dict[str, Any]) -> dict[str, Any]:
    # Only what an e-mail may say about a request: no NIK, address or phone.
    return {
        "number": info_request.number,
        "body_name": info_request.body.name,
        "ppid_body_name": info_request.ppid_body.name,
        "requester_name": info_request.requester_name,
        "subject": info_request.subject,
        "status": info_request.get_status_display(),
        "received_at": info_request.received_at,
        "due_date": info_request.due_date,
        "due_explanation": info_request.due_explanation,
        "requester_link": link("requests:detail", public_id=info_request.public_id),
        "officer_link": link("requests:officer_detail", public_id=info_request.public_id),
        # The objection form (terbuka.remedies), named by URL only: requests sits below it.
        "objection_link": link("remedies:new", public_id=info_request.public_id),
        **extra,
    }


def _template(name: str) -> str:
    return f"requests/email/{name}.txt"


def send(
    template: str,
    *,
    info_request: InfoRequest,
    to: Iterable[str],
    subject: mail.Text,
    extra: dict[str, Any] | None = None,
) -> None:
    """Mail ``info_request`` as it is now (the caller holds it) once the transaction commits."""
    mail.send(
        f"requests.{template}",
        to=to,
        template=_template(template),
        subject=subject,
        context=lambda: _context(info_request, extra or {}),
        about=f"request {info_request.pk}",
    )


def later(
    template: str,
    *,
    info_request_id: int,
    to_requester: bool = False,
    requester_acting: bool = False,
    officers_of: tuple[int, tuple[str, ...]] | None = None,
    to: Iterable[str] = (),
    subject: mail.Text,
    extra: dict[str, Any] | None = None,
) -> None:
    """Mail after commit, re-reading the request so the e-mail shows what was committed.

    ``requester_acting``: the requester himself is acting now (an online submission), so
    his copy is written in the language he is using; otherwise the platform language.
    """
    addresses = list(to)
    requester_language = (translation.get_language() or "") if requester_acting else ""

    @functools.cache
    def info_request() -> InfoRequest:
        return InfoRequest.objects.select_related("body", "ppid_body", "requester").get(
            pk=info_request_id
        )

    def recipients() -> list[str | mail.Recipient]:
        found: list[str | mail.Recipient] = list(addresses)
        if to_requester:
            found.append(mail.Recipient(requester_address(info_request()), requester_language))
        if officers_of is not None:
            found.extend(permissions.officer_addresses(officers_of[0], officers_of[1]))
        return found

    mail.send(
        f"requests.{template}",
        to=recipients,
        template=_template(template),
        subject=subject,
        context=lambda: _context(info_request(), extra or {}),
        about=f"request {info_request_id}",
    )


HANDLERS = (RoleKind.UTAMA, RoleKind.OPERATOR)
UTAMA = (RoleKind.UTAMA,)
UNIT_OFFICERS = (RoleKind.PELAKSANA, RoleKind.UTAMA, RoleKind.OPERATOR)


def _subject_line(text: str | Promise, number: str) -> str:
    return gettext("[Terbuka] %(text)s — %(number)s") % {"text": text, "number": number}


def subject_line(text: str | Promise, info_request: InfoRequest) -> str:
    """The subject, lazily: translated (with ``text``) in each recipient's language."""
    return lazy(_subject_line, str)(text, info_request.number)
