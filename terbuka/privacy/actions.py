"""Every state change of the privacy app (STYLE.md "Where logic lives").

- ``anonymise`` / ``apply_retention``: closed cases past the body's retention period lose
  their personal data (UU 27/2022 Pasal 16(2) huruf h: deleted or anonymised when the
  retention period ends) while the registers and statistics keep their counts.
- ``submit_subject_request``, ``take_up``, ``erase``, ``refuse``, ``mark_done``: the
  rights of the data subject (Pasal 5–13), answered within 3×24 hours (Pasal 30–32).
- ``record_breach``, ``update_breach``, ``send_breach_reminders``: the breach register
  and its 3×24-hour notification deadline (Pasal 46).

Each action is keyword-only and atomic, re-reads its row under ``select_for_update``,
writes an audit record (never with personal data in it) and sends e-mails after commit.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from terbuka import law, mail
from terbuka.accounts.models import RequesterProfile, User
from terbuka.audit.log import record
from terbuka.bodies import permissions
from terbuka.bodies.models import Body, BodyKind, RoleKind
from terbuka.disputes.models import FINISHED_STAGES
from terbuka.mail import Text
from terbuka.privacy import access, hooks
from terbuka.privacy.models import (
    ANONYMISED_NAME,
    DEFAULT_RETENTION_MONTHS,
    Anonymisation,
    Breach,
    BreachReminder,
    DataSubjectRequest,
    ObjectionAnonymisation,
    RetentionPolicy,
    SubjectRequestKind,
    SubjectRequestStatus,
)
from terbuka.remedies.models import Objection
from terbuka.remedies.models import Status as ObjectionStatus
from terbuka.requests.models import (
    PERSONAL_FILE_KINDS,
    EventKind,
    InfoRequest,
    RequestFile,
    Status,
)
from terbuka.requests.notify import link

CLOSED_STATUSES = (Status.ANSWERED, Status.WITHDRAWN)

# What anonymisation clears on the request (the identity snapshot of Pasal 22(2)). The
# requester type and a legal entity's decree number stay: they describe no natural person
# and feed the statistics by requester type.
CLEARED_FIELDS = [
    "requester_name",
    "requester_nik",
    "requester_address",
    "requester_phone",
    "requester_email",
    "acting_for",
]

# Events whose note is text the requester typed (or a reason given for him): the note is
# emptied. Every other event keeps its note: those are the officers' and the system's
# record of the case (dates, outcomes, dispositions) and feed the reports.
REQUESTER_TEXT_EVENT_KINDS = (EventKind.MESSAGE_FROM_REQUESTER, EventKind.WITHDRAWN)

# How long before the breach notification deadline the DPOs are reminded.
BREACH_REMINDER_WINDOW = dt.timedelta(hours=24)


class PrivacyError(ValidationError):
    """A refused action; the message is a complete Indonesian sentence for the user."""


# --- e-mail -------------------------------------------------------------------------------


def _mail_later(
    template: str, *, to: Iterable[str], subject: Text, context: dict[str, Any]
) -> None:
    """Send ``privacy/email/<template>.txt`` after commit (``terbuka.mail``). E-mails carry
    links, never NIK, address or phone; their texts are lazy, rendered in the recipient's
    language."""
    mail.send(
        f"privacy.{template}",
        to=to,
        template=f"privacy/email/{template}.txt",
        subject=subject,
        context=context,
    )


def dpo_addresses(body: Body) -> list[str]:
    """The body's DPOs; while it has none, its PPID Utama (who must appoint one)."""
    return permissions.officer_addresses(body, [RoleKind.DPO]) or permissions.officer_addresses(
        body, [RoleKind.UTAMA]
    )


# --- retention ----------------------------------------------------------------------------


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """``moment`` minus whole calendar months (31 March − 1 month = 28/29 February)."""
    years, month_index = divmod(moment.month - 1 - months, 12)
    year = moment.year + years
    month = month_index + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def retention_months(body: Body | int) -> int:
    body_id = body if isinstance(body, int) else body.pk
    policy = RetentionPolicy.objects.filter(body_id=body_id).first()
    return policy.months if policy is not None else DEFAULT_RETENTION_MONTHS


def _closed_before(cutoff: dt.datetime) -> Q:
    # A request reopened under an instruction of the Atasan PPID is not closed yet.
    return Q(status=Status.ANSWERED, answered_at__lte=cutoff, reopened_until__isnull=True) | Q(
        status=Status.WITHDRAWN, withdrawn_at__lte=cutoff
    )


@dataclass(frozen=True)
class Due:
    info_request: InfoRequest
    reason: str


def due_for_anonymisation(now: dt.datetime | None = None) -> list[Due]:
    """Closed, not yet anonymised cases past their PPID body's retention period, and closed
    cases of data subjects whose erasure a DPO granted while the case was still open."""
    now = now or timezone.now()
    waiting = InfoRequest.objects.filter(
        status__in=CLOSED_STATUSES, anonymisation__isnull=True
    ).select_related("ppid_body")
    due: dict[int, Due] = {}
    body_ids = sorted(set(waiting.values_list("ppid_body_id", flat=True)))
    # A case whose objection is still before the Atasan or his instruction still pending is
    # not closed: the objector's identity is still needed.
    waiting = waiting.exclude(
        objections__status__in=[ObjectionStatus.RECEIVED, ObjectionStatus.GRANTED]
    ).exclude(_dispute_pending("disputes"))
    for body_id in body_ids:
        cutoff = months_before(now, retention_months(body_id))
        for info_request in waiting.filter(ppid_body_id=body_id).filter(_closed_before(cutoff)):
            due[info_request.pk] = Due(info_request, Anonymisation.Reason.RETENTION)
    erased = DataSubjectRequest.objects.filter(
        kind=SubjectRequestKind.ERASURE, erased_at__isnull=False
    ).values_list("requester_id", "body_id")
    for requester_id, body_id in erased:
        for info_request in waiting.filter(requester_id=requester_id, ppid_body_id=body_id):
            due.setdefault(info_request.pk, Due(info_request, Anonymisation.Reason.ERASURE))
    return sorted(due.values(), key=lambda item: item.info_request.pk)


# What anonymisation clears on an objection: the identity it copied at its receipt.
OBJECTION_CLEARED: dict[str, Any] = {
    "requester_name": ANONYMISED_NAME,
    "requester_nik": "",
    "requester_address": "",
    "requester_phone": "",
    "requester_email": "",
    "proxy_address": "",
    "requester": None,
}


def _delete_personal_files(files: QuerySet[RequestFile]) -> int:
    """Delete the identity documents and powers of attorney among ``files``: the rows now,
    the stored files after commit (a rolled-back anonymisation must not lose the files its
    rows keep). Returns how many."""
    personal = list(files.filter(kind__in=PERSONAL_FILE_KINDS))
    stored_names = [item.file.name for item in personal if item.file.name]
    RequestFile.objects.filter(pk__in=[item.pk for item in personal]).delete()

    def _delete_stored() -> None:
        for name in stored_names:
            default_storage.delete(name)

    transaction.on_commit(_delete_stored)
    return len(personal)


@transaction.atomic
def anonymise(*, actor: Any, info_request: InfoRequest, reason: str) -> Anonymisation | None:
    """Remove the personal data of one closed case; None when it was already done.

    Cleared: the identity snapshot (``CLEARED_FIELDS``; the name becomes
    ``ANONYMISED_NAME``), the link to the requester's account (on the request, on his own
    events and on the files he uploaded), the notes of ``REQUESTER_TEXT_EVENT_KINDS``, the
    identity documents and powers of attorney (row and stored file), and the identity the
    request's objections copied. Kept: the request row with its number,
    dates, subject, status, outcome and written notice, every event, the attachments,
    released documents and the letter — the registers and statistics count them.
    """
    info_request = InfoRequest.objects.select_for_update().get(pk=info_request.pk)
    if Anonymisation.objects.filter(info_request=info_request).exists():
        return None
    if info_request.status not in CLOSED_STATUSES:
        raise PrivacyError(
            gettext(
                "Permohonan yang masih berjalan tidak dapat dianonimkan: identitas pemohon"
                " masih diperlukan sampai permohonan selesai (UU 14/2008 Pasal 22)."
            )
        )
    requester_id = info_request.requester_id
    # Identity documents and powers of attorney (of the request and its objections).
    identity_files_deleted = _delete_personal_files(info_request.files.all())

    notes_cleared = (
        info_request.events.filter(kind__in=REQUESTER_TEXT_EVENT_KINDS)
        .exclude(note="")
        .update(note="")
    )
    if requester_id is not None:
        info_request.events.filter(actor_id=requester_id).update(actor=None)
        info_request.files.filter(uploaded_by_id=requester_id).update(uploaded_by=None)
    info_request.requester_name = ANONYMISED_NAME
    info_request.requester_nik = ""
    info_request.requester_address = ""
    info_request.requester_phone = ""
    info_request.requester_email = ""
    info_request.acting_for = ""
    info_request.requester = None
    info_request.save(update_fields=[*CLEARED_FIELDS, "requester", "updated_at"])
    # The objections to the request copied the identity at their receipt: cleared too.
    objections_cleared = Objection.objects.filter(info_request=info_request).update(
        **OBJECTION_CLEARED
    )
    anonymisation = Anonymisation.objects.create(info_request=info_request, reason=reason)
    record(
        actor=actor,
        action="privacy.anonymised",
        obj=info_request,
        summary=gettext("Data pribadi pemohon dianonimkan"),
        detail={
            "reason": reason,
            "number": info_request.number,
            "identity_files_deleted": identity_files_deleted,
            "notes_cleared": notes_cleared,
            "objections_cleared": objections_cleared,
        },
    )
    return anonymisation


def apply_retention(*, now: dt.datetime | None = None, dry_run: bool = False) -> list[Due]:
    """Anonymise everything ``due_for_anonymisation`` lists (each case in its own
    transaction, so an interrupted run resumes where it stopped). Idempotent."""
    due = due_for_anonymisation(now)
    if dry_run:
        return due
    done = []
    for item in due:
        if anonymise(actor=None, info_request=item.info_request, reason=item.reason) is not None:
            done.append(item)
    return done


# --- objections without a request (ground b) ------------------------------------------------

# An objection without a request is over when the Atasan upheld the PPID, the PPID carried
# out the instruction, or the objector withdrew it — and no dispute about it is pending.
CLOSED_OBJECTION_STATUSES = (
    ObjectionStatus.UPHELD,
    ObjectionStatus.INSTRUCTION_DONE,
    ObjectionStatus.WITHDRAWN,
)


def _dispute_pending(prefix: str) -> Q:
    return Q(**{f"{prefix}__isnull": False}) & ~Q(**{f"{prefix}__stage__in": FINISHED_STAGES})


def objection_closed_at(objection: Objection) -> dt.datetime | None:
    """When a closed objection's file closed: its last decision, the instruction carried
    out, the withdrawal, or the end of the dispute that followed, whichever is last."""
    moments = [
        moment
        for moment in (
            objection.decided_at,
            objection.instruction_done_at,
            objection.withdrawn_at,
            *(dispute.closed_at for dispute in objection.disputes.all()),
        )
        if moment is not None
    ]
    return max(moments) if moments else None


@dataclass(frozen=True)
class DueObjection:
    objection: Objection
    reason: str


def due_objections_for_anonymisation(now: dt.datetime | None = None) -> list[DueObjection]:
    """Closed objections without a request past their PPID body's retention period, and
    those of data subjects whose erasure a DPO granted."""
    now = now or timezone.now()
    waiting = (
        Objection.objects.filter(
            info_request__isnull=True,
            status__in=CLOSED_OBJECTION_STATUSES,
            anonymisation__isnull=True,
        )
        .exclude(_dispute_pending("disputes"))
        .prefetch_related("disputes")
        .order_by("pk")
    )
    erased = set(
        DataSubjectRequest.objects.filter(
            kind=SubjectRequestKind.ERASURE, erased_at__isnull=False
        ).values_list("requester_id", "body_id")
    )
    cutoffs: dict[int, dt.datetime] = {}
    due = []
    for objection in waiting:
        if (objection.requester_id, objection.ppid_body_id) in erased:
            due.append(DueObjection(objection, Anonymisation.Reason.ERASURE))
            continue
        if objection.ppid_body_id not in cutoffs:
            cutoffs[objection.ppid_body_id] = months_before(
                now, retention_months(objection.ppid_body_id)
            )
        closed_at = objection_closed_at(objection)
        if closed_at is not None and closed_at <= cutoffs[objection.ppid_body_id]:
            due.append(DueObjection(objection, Anonymisation.Reason.RETENTION))
    return due


@transaction.atomic
def anonymise_objection(
    *, actor: Any, objection: Objection, reason: str
) -> ObjectionAnonymisation | None:
    """Remove the objector's personal data from a closed objection without a request;
    None when it was already done. Cleared: the identity it copied at receipt, the proxy's
    address, the link to the account (on the objection, its events and its files) and the
    identity documents and powers of attorney (row and stored file). Kept: number, dates,
    grounds, case, the Atasan's answer and letters — the objections register counts them."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.info_request_id is not None:
        raise PrivacyError(gettext("Keberatan atas permohonan dianonimkan bersama permohonannya."))
    if ObjectionAnonymisation.objects.filter(objection=objection).exists():
        return None
    if (
        objection.status not in CLOSED_OBJECTION_STATUSES
        or objection.disputes.filter(~Q(stage__in=FINISHED_STAGES)).exists()
    ):
        raise PrivacyError(
            gettext(
                "Keberatan yang masih berjalan tidak dapat dianonimkan: identitas pemohon"
                " masih diperlukan sampai keberatan dan sengketanya selesai."
            )
        )
    requester_id = objection.requester_id
    files = RequestFile.objects.filter(objection_link__objection=objection)
    identity_files_deleted = _delete_personal_files(files)
    if requester_id is not None:
        objection.events.filter(actor_id=requester_id).update(actor=None)
        files.filter(uploaded_by_id=requester_id).update(uploaded_by=None)
    Objection.objects.filter(pk=objection.pk).update(**OBJECTION_CLEARED, updated_at=timezone.now())
    anonymisation = ObjectionAnonymisation.objects.create(objection=objection, reason=reason)
    record(
        actor=actor,
        action="privacy.objection_anonymised",
        obj=objection,
        summary=gettext("Data pribadi pengaju keberatan dianonimkan"),
        detail={
            "reason": reason,
            "number": objection.number,
            "identity_files_deleted": identity_files_deleted,
        },
    )
    return anonymisation


def apply_objection_retention(
    *, now: dt.datetime | None = None, dry_run: bool = False
) -> list[DueObjection]:
    """``apply_retention`` for the objections without a request."""
    due = due_objections_for_anonymisation(now)
    if dry_run:
        return due
    return [
        item
        for item in due
        if anonymise_objection(actor=None, objection=item.objection, reason=item.reason) is not None
    ]


# --- data-subject requests ----------------------------------------------------------------


def province_ppid_body() -> Body | None:
    """The province's own PPID body: where a data subject without requests is routed."""
    bodies = Body.objects.active().filter(has_own_ppid=True)
    return (
        bodies.filter(kind=BodyKind.PROVINCE, parent__isnull=True).order_by("pk").first()
        or bodies.filter(parent__isnull=True).order_by("pk").first()
    )


def routing_bodies(user: Any) -> list[Body]:
    """The PPID bodies (the controllers) holding the user's requests, or the province's."""
    body_ids = set(
        InfoRequest.objects.filter(requester=user).values_list("ppid_body_id", flat=True)
    )
    if body_ids:
        return list(Body.objects.filter(pk__in=body_ids).order_by("name"))
    province = province_ppid_body()
    return [province] if province is not None else []


def due_at_for(received_at: dt.datetime) -> dt.datetime:
    """UU 27/2022 Pasal 30–32: 3×24 hours, calendar hours counted from receipt (not working
    days: weekends and holidays count)."""
    return received_at + law.DATA_SUBJECT_RESPONSE_TIME


@transaction.atomic
def submit_subject_request(
    *, actor: Any, kind: str, details: str = "", close_account: bool = False
) -> list[DataSubjectRequest]:
    """A requester exercises a right; one request per controller body, each sent to that
    body's DPOs."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(gettext("Masuk terlebih dahulu."))
    if kind not in SubjectRequestKind.values:
        raise PrivacyError(gettext("Pilih hak yang ingin Anda gunakan."))
    if kind == SubjectRequestKind.OTHER and not details.strip():
        raise PrivacyError(gettext("Jelaskan hak yang Anda minta."))
    bodies = routing_bodies(actor)
    if not bodies:
        raise PrivacyError(
            gettext("Belum ada badan publik yang menerima permintaan ini. Hubungi PPID langsung.")
        )
    now = timezone.now()
    created = []
    for body in bodies:
        subject_request = DataSubjectRequest.objects.create(
            requester=actor,
            body=body,
            kind=kind,
            details=details.strip(),
            close_account=bool(close_account) and kind == SubjectRequestKind.ERASURE,
            received_at=now,
            due_at=due_at_for(now),
        )
        record(
            actor=actor,
            action="privacy.subject_request.submitted",
            obj=subject_request,
            detail={"kind": kind, "body": body.pk},
        )
        _mail_later(
            "subject_request_new",
            to=dpo_addresses(body),
            subject=gettext_lazy("[Terbuka] Permintaan subjek data baru — batas 3×24 jam"),
            context={
                "kind": SubjectRequestKind(subject_request.kind).label,
                "body_name": body.name,
                "due_at": subject_request.due_at,
                "link": link("privacy:dpo_request", public_id=subject_request.public_id),
            },
        )
        created.append(subject_request)
    return created


def _lock_subject_request(actor: Any, subject_request: DataSubjectRequest) -> DataSubjectRequest:
    locked = (
        DataSubjectRequest.objects.select_for_update()
        .select_related("requester", "body")
        .get(pk=subject_request.pk)
    )
    if not access.is_dpo_of(actor, locked.body_id):
        raise PermissionDenied(
            gettext(
                "Hanya pejabat pelindungan data pribadi badan publik ini yang dapat menanganinya."
            )
        )
    if not locked.is_open:
        raise PrivacyError(gettext("Permintaan ini sudah selesai ditangani."))
    return locked


def _close(
    actor: Any, subject_request: DataSubjectRequest, *, status: str, note: str, action: str
) -> DataSubjectRequest:
    subject_request.status = status
    subject_request.decision_note = note
    subject_request.handled_by = actor
    subject_request.handled_at = timezone.now()
    subject_request.save(
        update_fields=["status", "decision_note", "handled_by", "handled_at", "erased_at"]
    )
    record(
        actor=actor,
        action=action,
        obj=subject_request,
        detail={"kind": subject_request.kind, "status": status},
    )
    _mail_later(
        "subject_request_outcome",
        to=[subject_request.requester.email],
        subject=gettext_lazy("[Terbuka] Jawaban atas permintaan data pribadi Anda"),
        context={
            "kind": SubjectRequestKind(subject_request.kind).label,
            "body_name": subject_request.body.name,
            "status": SubjectRequestStatus(status).label,
            "note": note,
            "link": link("privacy:mine"),
        },
    )
    return subject_request


@transaction.atomic
def take_up(*, actor: Any, subject_request: DataSubjectRequest) -> DataSubjectRequest:
    subject_request = _lock_subject_request(actor, subject_request)
    if subject_request.status != SubjectRequestStatus.IN_PROGRESS:
        subject_request.status = SubjectRequestStatus.IN_PROGRESS
        subject_request.handled_by = actor
        subject_request.save(update_fields=["status", "handled_by"])
        record(actor=actor, action="privacy.subject_request.taken_up", obj=subject_request)
    return subject_request


@dataclass(frozen=True)
class ErasureResult:
    anonymised: int
    kept_open: int
    profile_cleared: bool
    account_closed: bool


def erasure_summary(result: ErasureResult) -> str:
    parts = [
        gettext("%(count)s permohonan yang sudah selesai dianonimkan.")
        % {"count": result.anonymised}
    ]
    if result.kept_open:
        parts.append(
            gettext(
                "%(count)s permohonan masih berjalan: identitas Anda tetap disimpan karena"
                " diwajibkan UU 14/2008 Pasal 22 sampai permohonan selesai, lalu langsung"
                " dianonimkan."
            )
            % {"count": result.kept_open}
        )
    if result.profile_cleared:
        parts.append(gettext("NIK, alamat dan nomor telepon di profil Anda dihapus."))
    if result.account_closed:
        parts.append(gettext("Akun Anda ditutup sesuai permintaan."))
    return " ".join(parts)


@transaction.atomic
def erase(*, actor: Any, subject_request: DataSubjectRequest, note: str = "") -> ErasureResult:
    """Grant an erasure request (UU 27/2022 Pasal 8, 16(2)) within the legal exceptions.

    - Closed cases of this body are anonymised now, as at the end of retention.
    - Open cases keep the identity the law requires to answer them (UU 14/2008 Pasal 22;
      UU 27/2022 Pasal 15(1) and 20(2) huruf c: a legal obligation of the controller);
      ``apply_retention`` anonymises each as soon as it closes (``erased_at``).
    - The profile's NIK, address and phone are cleared; the account is deactivated only if
      the requester asked to close it.
    """
    subject_request = _lock_subject_request(actor, subject_request)
    if subject_request.kind != SubjectRequestKind.ERASURE:
        raise PrivacyError(gettext("Permintaan ini bukan permintaan penghapusan."))
    requester = subject_request.requester
    cases = InfoRequest.objects.filter(requester=requester, ppid_body=subject_request.body)
    anonymised = 0
    for info_request in cases.filter(status__in=CLOSED_STATUSES, anonymisation__isnull=True):
        if anonymise(actor=actor, info_request=info_request, reason=Anonymisation.Reason.ERASURE):
            anonymised += 1
    kept_open = cases.exclude(status__in=CLOSED_STATUSES).count()
    # His closed objections without a request too (those still open follow when they close).
    for objection in Objection.objects.filter(
        requester=requester,
        ppid_body=subject_request.body,
        info_request__isnull=True,
        status__in=CLOSED_OBJECTION_STATUSES,
        anonymisation__isnull=True,
    ).exclude(_dispute_pending("disputes")):
        anonymise_objection(actor=actor, objection=objection, reason=Anonymisation.Reason.ERASURE)
    profile = RequesterProfile.objects.select_for_update().filter(user=requester).first()
    profile_cleared = False
    if profile is not None and (profile.nik or profile.address or profile.phone):
        profile.set_nik("")
        profile.address = ""
        profile.phone = ""
        profile.save(update_fields=["nik", "nik_hash", "address", "phone", "updated_at"])
        profile_cleared = True
    account_closed = False
    if subject_request.close_account and requester.is_active:
        User.objects.filter(pk=requester.pk).update(is_active=False)
        hooks.account_closed(actor=actor, user=requester)
        account_closed = True
    result = ErasureResult(anonymised, kept_open, profile_cleared, account_closed)
    summary = erasure_summary(result)
    subject_request.erased_at = timezone.now()
    _close(
        actor,
        subject_request,
        status=SubjectRequestStatus.DONE,
        note=f"{summary} {note.strip()}".strip(),
        action="privacy.subject_request.erased",
    )
    record(
        actor=actor,
        action="privacy.erased",
        obj=requester,
        detail={
            "subject_request": str(subject_request.public_id),
            "anonymised": anonymised,
            "kept_open": kept_open,
            "profile_cleared": profile_cleared,
            "account_closed": account_closed,
        },
    )
    return result


@transaction.atomic
def refuse(*, actor: Any, subject_request: DataSubjectRequest, reasons: str) -> DataSubjectRequest:
    if not reasons.strip():
        raise PrivacyError(gettext("Tuliskan alasan penolakan; pemohon berhak mengetahuinya."))
    subject_request = _lock_subject_request(actor, subject_request)
    return _close(
        actor,
        subject_request,
        status=SubjectRequestStatus.REFUSED,
        note=reasons.strip(),
        action="privacy.subject_request.refused",
    )


@transaction.atomic
def mark_done(*, actor: Any, subject_request: DataSubjectRequest, note: str) -> DataSubjectRequest:
    if not note.strip():
        raise PrivacyError(gettext("Tuliskan apa yang telah dilakukan untuk pemohon."))
    subject_request = _lock_subject_request(actor, subject_request)
    return _close(
        actor,
        subject_request,
        status=SubjectRequestStatus.DONE,
        note=note.strip(),
        action="privacy.subject_request.done",
    )


# --- breaches -----------------------------------------------------------------------------

# What the DPO may change on a breach, in the form's order (the form adds the time it was
# discovered when recording it; that time is fixed afterwards). The actions accept these and
# nothing else.
BREACH_FIELDS = (
    "occurred_at",
    "description",
    "data_categories",
    "people_affected_count",
    "people_affected_description",
    "cause",
    "measures",
    "subjects_notified_at",
    "authority_notified_at",
    "status",
)


def _require_dpo(actor: Any, body: Body | int) -> None:
    if not access.is_dpo_of(actor, body):
        raise PermissionDenied(
            gettext(
                "Hanya pejabat pelindungan data pribadi badan publik ini yang dapat mencatatnya."
            )
        )


def _check_breach_times(breach: Breach) -> None:
    now = timezone.now()
    if breach.discovered_at > now:
        raise PrivacyError(gettext("Waktu diketahui tidak boleh di masa depan."))
    if breach.occurred_at and breach.occurred_at > breach.discovered_at:
        raise PrivacyError(gettext("Waktu terjadi tidak boleh setelah waktu diketahui."))
    for moment in (breach.subjects_notified_at, breach.authority_notified_at):
        if moment and moment > now:
            raise PrivacyError(gettext("Waktu pemberitahuan tidak boleh di masa depan."))


@transaction.atomic
def record_breach(*, actor: Any, body: Body, discovered_at: dt.datetime, **fields: Any) -> Breach:
    """Record an incident; the written notices are due 3×24 hours after it was discovered
    (UU 27/2022 Pasal 46(1))."""
    _require_dpo(actor, body)
    unknown = set(fields).difference(BREACH_FIELDS)
    if unknown:
        raise TypeError(f"record_breach() got unexpected fields: {sorted(unknown)}")
    breach = Breach(
        body=body,
        discovered_at=discovered_at,
        notify_deadline=discovered_at + law.BREACH_NOTIFY_TIME,
        recorded_by=actor,
        **fields,
    )
    _check_breach_times(breach)
    breach.save()
    record(actor=actor, action="privacy.breach.recorded", obj=breach, detail={"body": body.pk})
    return breach


@transaction.atomic
def update_breach(*, actor: Any, breach: Breach, **fields: Any) -> Breach:
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    _require_dpo(actor, breach.body_id)
    unknown = set(fields).difference(BREACH_FIELDS)
    if unknown:
        raise TypeError(f"update_breach() got unexpected fields: {sorted(unknown)}")
    changed = sorted(name for name, value in fields.items() if getattr(breach, name) != value)
    for name in changed:
        setattr(breach, name, fields[name])
    _check_breach_times(breach)
    if changed:
        breach.save(update_fields=[*changed, "updated_at"])
        record(
            actor=actor, action="privacy.breach.updated", obj=breach, detail={"changed": changed}
        )
    return breach


def send_breach_reminders(*, now: dt.datetime | None = None) -> list[BreachReminder]:
    """E-mail the DPOs of each breach whose written notices are not both recorded, once a
    day: when the deadline is less than 24 hours away, and every day once it passed."""
    now = now or timezone.now()
    sent = []
    waiting = Breach.objects.awaiting_notification().filter(
        notify_deadline__lte=now + BREACH_REMINDER_WINDOW
    )
    for breach in waiting.select_related("body"):
        kind = (
            BreachReminder.Kind.OVERDUE
            if now > breach.notify_deadline
            else BreachReminder.Kind.DUE_SOON
        )
        day = now.astimezone(breach.body.tzinfo).date()
        with transaction.atomic():
            reminder, created = BreachReminder.objects.get_or_create(
                breach=breach, kind=kind, day=day, defaults={"sent_at": now}
            )
            if not created:
                continue
            missing = []
            if breach.subjects_notified_at is None:
                missing.append(gettext_lazy("subjek data"))
            if breach.authority_notified_at is None:
                missing.append(gettext_lazy("lembaga pelindungan data pribadi"))
            _mail_later(
                "breach_reminder",
                to=dpo_addresses(breach.body),
                subject=(
                    gettext_lazy("[Terbuka] Batas pemberitahuan insiden data terlewati")
                    if kind == BreachReminder.Kind.OVERDUE
                    else gettext_lazy(
                        "[Terbuka] Batas pemberitahuan insiden data kurang dari 24 jam"
                    )
                ),
                context={
                    "overdue": kind == BreachReminder.Kind.OVERDUE,
                    "body_name": breach.body.name,
                    "discovered_at": breach.discovered_at,
                    "deadline": breach.notify_deadline,
                    "missing": missing,
                    "link": link("privacy:breach_detail", public_id=breach.public_id),
                },
            )
            record(
                actor=None,
                action="privacy.breach.reminded",
                obj=breach,
                detail={"kind": kind, "day": day.isoformat()},
            )
            sent.append(reminder)
    return sent
