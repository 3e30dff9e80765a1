"""Answering the satisfaction survey (PermenPANRB 14/2017) and inviting requesters to it.

A request is rated once, by whoever holds its link (the requester; a walk-in requester
through the code on his receipt), after it was answered and within
``ANSWER_WINDOW_DAYS`` of the notice. The answer carries no personal data; its audit
record neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from terbuka import law, mail
from terbuka.audit import log as audit_log
from terbuka.requests.errors import ActionError
from terbuka.requests.models import InfoRequest, Status
from terbuka.survey import links
from terbuka.survey.models import Answer, Invitation

# Practice, not statute: how long after the notice a request may still be rated.
ANSWER_WINDOW_DAYS = 90


class AlreadyAnswered(ActionError):
    pass


class Closed(ActionError):
    pass


def refusal(info_request: InfoRequest, now: dt.datetime | None = None) -> ActionError | None:
    """Why this request cannot be rated now, or None when it can."""
    now = now or timezone.now()
    if Answer.objects.filter(info_request=info_request).exists():
        return AlreadyAnswered(
            gettext("Survei untuk permohonan ini sudah diisi. Terima kasih atas penilaian Anda.")
        )
    if info_request.status != Status.ANSWERED or info_request.answered_at is None:
        return Closed(
            gettext(
                "Survei dapat diisi setelah permohonan Anda dijawab dengan pemberitahuan tertulis."
            )
        )
    if now > info_request.answered_at + dt.timedelta(days=ANSWER_WINDOW_DAYS):
        return Closed(
            gettext(
                "Masa pengisian survei untuk permohonan ini sudah berakhir (%(days)s hari"
                " setelah pemberitahuan tertulis)."
            )
            % {"days": ANSWER_WINDOW_DAYS}
        )
    return None


@transaction.atomic
def answer(
    *, actor: Any, info_request: InfoRequest, scores: Mapping[str, int], comment: str = ""
) -> Answer:
    """Record one rating of the request's service (the nine elements, 1–4)."""
    info_request = (
        InfoRequest.objects.select_for_update(of=("self",))
        .select_related("body", "ppid_body")
        .get(pk=info_request.pk)
    )
    refused = refusal(info_request)
    if refused is not None:
        raise refused
    values = {}
    for code, _label in law.SKM_ELEMENTS:
        value = scores.get(code)
        if not isinstance(value, int) or not law.SKM_MIN_SCORE <= value <= law.SKM_MAX_SCORE:
            raise ActionError(gettext("Beri nilai 1 sampai 4 untuk setiap unsur layanan."))
        values[code] = value
    try:
        with transaction.atomic():
            created = Answer.objects.create(
                info_request=info_request,
                body=info_request.body,
                ppid_body=info_request.ppid_body,
                comment=comment.strip(),
                **values,
            )
    except IntegrityError as error:  # a second submission racing the first
        raise AlreadyAnswered(
            gettext("Survei untuk permohonan ini sudah diisi. Terima kasih atas penilaian Anda.")
        ) from error
    audit_log.record(
        actor=actor if getattr(actor, "pk", None) else None,
        action="survey.answered",
        obj=created,
        summary=info_request.number,
        detail={"body": info_request.body_id},
    )
    return created


def _recipient(info_request: InfoRequest) -> str:
    if info_request.requester_email:
        return str(info_request.requester_email)
    if info_request.requester is not None:
        return str(info_request.requester.email)
    return ""


def send_invitations(now: dt.datetime | None = None) -> int:
    """E-mail every requester whose request was answered within the answer window and who
    was not invited yet: once per request. Returns how many were invited."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=ANSWER_WINDOW_DAYS)
    waiting = (
        InfoRequest.objects.filter(status=Status.ANSWERED, answered_at__gte=since)
        .filter(survey_invitation__isnull=True, survey_answer__isnull=True)
        .select_related("body", "requester")
        .order_by("answered_at", "pk")
    )
    invited = 0
    for info_request in waiting:
        address = _recipient(info_request)
        with transaction.atomic():
            Invitation.objects.create(info_request=info_request, sent_at=now)
            if address:
                mail.send(
                    "survey.invitation",
                    to=[address],
                    template="survey/email/invitation.txt",
                    subject=gettext_lazy("Bagaimana layanan informasi kami?"),
                    context={
                        "number": info_request.number,
                        "body_name": info_request.body.name,
                        "link": links.url(info_request),
                        "days": ANSWER_WINDOW_DAYS,
                    },
                    about=f"request {info_request.pk}",
                )
                invited += 1
    return invited
