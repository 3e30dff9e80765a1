"""E-mails about requests, sent after the transaction commits (``transaction.on_commit``).

Every e-mail is plain Indonesian text rendered from ``requests/email/<name>.txt``. They name
the request by its number and carry a link; they never carry a NIK, an address or a phone
number (Pasal 17 huruf h; UU 27/2022): templates get only the fields listed in ``_context``.
A failure to send is logged and does not undo the action that already happened.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from terbuka.accounts.models import User
from terbuka.bodies.models import Body, RoleKind
from terbuka.requests.models import InfoRequest

logger = logging.getLogger(__name__)


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


def officer_addresses(body: Body, kinds: Iterable[str]) -> list[str]:
    users = User.objects.filter(
        roles__body=body, roles__kind__in=list(kinds), is_active=True
    ).exclude(email="")
    return sorted({user.email for user in users})


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
        **extra,
    }


def send(
    template: str,
    *,
    info_request: InfoRequest,
    to: Iterable[str],
    subject: str,
    extra: dict[str, Any] | None = None,
    fail_silently: bool = True,
) -> None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    body = render_to_string(f"requests/email/{template}.txt", _context(info_request, extra or {}))
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        if not fail_silently:
            raise
        logger.exception("Sending %s about request %s failed", template, info_request.pk)


def later(
    template: str,
    *,
    info_request_id: int,
    to_requester: bool = False,
    officers_of: tuple[int, tuple[str, ...]] | None = None,
    to: Iterable[str] = (),
    subject: str,
    extra: dict[str, Any] | None = None,
) -> None:
    """Send after commit, re-reading the request so the e-mail shows what was committed."""
    addresses = list(to)

    def _send() -> None:
        info_request = InfoRequest.objects.select_related("body", "ppid_body", "requester").get(
            pk=info_request_id
        )
        recipients = list(addresses)
        if to_requester:
            recipients.append(requester_address(info_request))
        if officers_of is not None:
            body = Body.objects.get(pk=officers_of[0])
            recipients.extend(officer_addresses(body, officers_of[1]))
        send(template, info_request=info_request, to=recipients, subject=subject, extra=extra)

    transaction.on_commit(_send)


HANDLERS = (RoleKind.UTAMA, RoleKind.OPERATOR)
UTAMA = (RoleKind.UTAMA,)
UNIT_OFFICERS = (RoleKind.PELAKSANA, RoleKind.UTAMA, RoleKind.OPERATOR)


def subject_line(text: str, info_request: InfoRequest) -> str:
    return gettext("[Terbuka] %(text)s — %(number)s") % {
        "text": text,
        "number": info_request.number,
    }
