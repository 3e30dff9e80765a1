"""Every state change of an objection (STYLE.md "Workflows"), UU 14/2008 Pasal 35–36.

Each action is keyword-only and atomic, takes the acting user, re-reads what it changes
under ``select_for_update``, checks the move against ``TRANSITIONS`` and the actor's rights
(``access``), saves, writes an ``Event`` with its audit record and mails after commit. A
refused action raises ``ActionError`` (a complete Indonesian sentence) and changes nothing.
Files go through ``requests.files`` (the one upload check and storage) and are deleted
again when the action fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from terbuka.audit import log as audit_log
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog.models import Category, Entry
from terbuka.remedies import access, clocks, notify
from terbuka.remedies.models import (
    Channel,
    Event,
    EventKind,
    Ground,
    Objection,
    ObjectionFile,
    ObjectionSettings,
    Response,
    Status,
)
from terbuka.remedies.models import NumberSequence as ObjectionSequence
from terbuka.requests import access as request_access
from terbuka.requests import actions as request_actions
from terbuka.requests import files, numbering
from terbuka.requests.actions import Identity
from terbuka.requests.errors import ActionError
from terbuka.requests.models import FileKind, InfoRequest
from terbuka.workdays import counting

RECEIPT_CLOCK_SKEW = dt.timedelta(minutes=5)
# How long the Atasan may give the PPID to carry out a granted objection (working days).
MAX_INSTRUCTION_WORKING_DAYS = 30


@dataclass(frozen=True)
class ObjectionContent:
    """What an objection says (Pasal 36(1): grounds, case description, purpose) and what
    comes with it: the same online and at the desk."""

    grounds: Sequence[str]
    case_description: str
    purpose: str = ""
    proxy_name: str = ""
    proxy_address: str = ""
    attachments: Sequence[Any] = field(default_factory=tuple)
    power_of_attorney: Sequence[Any] = field(default_factory=tuple)


def _event(objection: Objection, *, actor: Any, kind: str, note: str = "", **data: Any) -> Event:
    """The timeline event and its audit record (never the note: it may carry what the
    requester wrote about himself)."""
    event = Event.objects.create(
        objection=objection,
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        note=note,
        data=data,
    )
    audit_log.record(
        actor=actor,
        action=f"objection.{kind}",
        obj=objection,
        summary=objection.number,
        detail={"event": event.pk, "status": objection.status},
    )
    return event


def _lock(objection: Objection) -> Objection:
    return (
        Objection.objects.select_for_update(of=("self",))
        .select_related("info_request__body", "body", "ppid_body")
        .get(pk=objection.pk)
    )


def _move(objection: Objection, status: str) -> str:
    if not objection.can_move_to(status):
        raise ActionError(
            gettext("Keberatan berstatus %(old)s tidak dapat diubah menjadi %(new)s.")
            % {
                "old": objection.get_status_display().lower(),
                "new": Status(status).label.lower(),
            }
        )
    old = objection.status
    objection.status = status
    return old


def _settings(body: Any) -> ObjectionSettings:
    found = ObjectionSettings.objects.filter(body=body).first()
    return found if found is not None else ObjectionSettings(body=body)


def _replayed(idempotency_key: str | None, *, actor: Any) -> Objection | None:
    if not idempotency_key:
        return None
    existing = Objection.objects.filter(idempotency_key=idempotency_key).first()
    if existing is None:
        return None
    if actor.pk not in (existing.requester_id, existing.registered_by_id):
        raise ActionError(gettext("Formulir ini sudah pernah dikirim. Muat ulang halamannya."))
    return existing


def _checked_grounds(
    info_request: InfoRequest, codes: Sequence[str], received_at: dt.datetime
) -> list[clocks.ArisenGround]:
    if info_request.status == "withdrawn":
        raise ActionError(clocks.no_ground_reason(info_request))
    arisen = {ground.code: ground for ground in clocks.arisen_grounds(info_request, received_at)}
    if not arisen:
        raise ActionError(clocks.no_ground_reason(info_request))
    wanted = [code for code in Ground.values if code in set(codes)]
    if not wanted:
        raise ActionError(gettext("Pilih sekurang-kurangnya satu alasan keberatan."))
    chosen = []
    for code in wanted:
        ground = arisen.get(code)
        if ground is None:
            raise ActionError(
                gettext("Alasan “%(ground)s” tidak berlaku untuk permohonan ini.")
                % {"ground": Ground(code).label}
            )
        if ground.taken:
            raise ActionError(
                gettext("Keberatan dengan alasan “%(ground)s” sudah diajukan untuk permohonan ini.")
                % {"ground": Ground(code).label}
            )
        chosen.append(ground)
    return chosen


@dataclass(frozen=True)
class BerkalaSubject:
    """What an objection on ground b without a request is about (Pasal 35(1)b): the body
    whose berkala information is not provided, what is missing, and the DIP entry it was
    filed from, if any."""

    body: Body
    information: str
    catalog_entry: Entry | None = None


def _checked_berkala(
    subject: BerkalaSubject, codes: Sequence[str], *, requester: Any, received_at: dt.datetime
) -> tuple[BerkalaSubject, Body, list[clocks.ArisenGround]]:
    body = Body.objects.filter(pk=subject.body.pk, is_active=True).first()
    ppid_body = body.ppid_body if body is not None else None
    if body is None or ppid_body is None:
        raise ActionError(gettext("Badan publik ini tidak melayani keberatan melalui Terbuka."))
    entry = subject.catalog_entry
    if entry is not None:
        # Locked: two objections on the same entry by the same requester cannot pass the
        # check below together.
        entry = Entry.objects.select_for_update().filter(pk=entry.pk, body=body).first()
        if entry is None or entry.category != Category.BERKALA or not entry.is_published:
            raise ActionError(
                gettext(
                    "Keberatan tanpa permohonan hanya dapat diajukan atas informasi berkala"
                    " badan publik ini (UU 14/2008 Pasal 35 ayat 1 huruf b)."
                )
            )
    if list(codes) != [Ground.BERKALA_NOT_PROVIDED]:
        raise ActionError(
            gettext(
                "Tanpa permohonan, keberatan hanya dapat diajukan dengan alasan informasi"
                " berkala tidak disediakan (huruf b). Untuk alasan lain, ajukan keberatan dari"
                " halaman permohonan Anda."
            )
        )
    information = subject.information.strip()
    if not information:
        raise ActionError(gettext("Sebutkan informasi berkala yang tidak disediakan."))
    if entry is not None and requester is not None:
        pending = (
            Objection.objects.filter(
                catalog_entry=entry,
                requester=requester,
                status__in=[Status.RECEIVED, Status.GRANTED],
            )
            .order_by("received_at")
            .first()
        )
        if pending is not None:
            raise ActionError(
                gettext(
                    "Anda sudah mengajukan keberatan atas informasi berkala ini dengan nomor"
                    " %(number)s dan keberatan itu belum selesai."
                )
                % {"number": pending.number}
            )
    checked = BerkalaSubject(body=body, information=information, catalog_entry=entry)
    return checked, ppid_body, [clocks.berkala_ground(ppid_body, received_at)]


def _create(
    *,
    actor: Any,
    content: ObjectionContent,
    identity: Identity,
    channel: str,
    received_at: dt.datetime,
    requester: Any,
    registered_by: Any,
    idempotency_key: str | None,
    info_request: InfoRequest | None = None,
    berkala: BerkalaSubject | None = None,
) -> tuple[Objection, bool]:
    replay = _replayed(idempotency_key, actor=actor)
    if replay is not None:
        return replay, False
    if info_request is not None:
        # The request is locked: two objections on the same ground cannot pass the check
        # together.
        info_request = (
            InfoRequest.objects.select_for_update(of=("self",))
            .select_related("body", "ppid_body")
            .get(pk=info_request.pk)
        )
        grounds = _checked_grounds(info_request, content.grounds, received_at)
        body, ppid_body = info_request.body, info_request.ppid_body
        berkala = None
    else:
        assert berkala is not None
        berkala, ppid_body, grounds = _checked_berkala(
            berkala, content.grounds, requester=requester, received_at=received_at
        )
        body = berkala.body
    if not content.case_description.strip():
        raise ActionError(
            gettext("Uraikan kasus posisi keberatan Anda (UU 14/2008 Pasal 36 ayat 1).")
        )
    identity.validate()
    attachments = [
        files.validate_upload(item, FileKind.OBJECTION_ATTACHMENT) for item in content.attachments
    ]
    power = [
        files.validate_upload(item, FileKind.POWER_OF_ATTORNEY)
        for item in content.power_of_attorney
    ]
    if content.proxy_name.strip() and not power:
        raise ActionError(
            gettext("Lampirkan surat kuasa bila keberatan diajukan oleh kuasa pemohon.")
        )
    calendar = clocks.calendar_for(ppid_body)
    # The most favourable claimed ground decides whether it is in time (any one in time
    # makes the objection timely); a late one is accepted and marked, never refused.
    latest = max(grounds, key=lambda ground: ground.filing_due)
    local_day = timezone.localtime(received_at, ppid_body.tzinfo).date()
    try:
        with transaction.atomic():
            number = numbering.take_number(
                ppid_body,
                received_at,
                sequence_model=ObjectionSequence,
                number_format=_settings(ppid_body).number_format,
            )
            entry = berkala.catalog_entry if berkala is not None else None
            objection = Objection.objects.create(
                info_request=info_request,
                body=body,
                catalog_entry=entry,
                information=berkala.information if berkala is not None else "",
                missing_since=clocks.missing_since(entry),
                ppid_body=ppid_body,
                number=number.text,
                number_year=number.year,
                number_seq=number.seq,
                requester=requester,
                requester_type=identity.requester_type,
                requester_name=identity.name.strip(),
                requester_nik=identity.nik,
                requester_address=identity.address.strip(),
                requester_phone=identity.phone.strip(),
                requester_email=identity.email.strip(),
                proxy_name=content.proxy_name.strip(),
                proxy_address=content.proxy_address.strip(),
                grounds=[ground.code for ground in grounds],
                ground_arose_on=latest.arose_on,
                filing_due=latest.filing_due,
                filed_late=local_day > latest.filing_due,
                case_description=content.case_description.strip(),
                purpose=content.purpose.strip(),
                channel=channel,
                received_at=received_at,
                registered_by=registered_by,
                answer_due=clocks.answer_due(local_day, calendar),
                idempotency_key=idempotency_key or None,
            )
    except IntegrityError:
        replay = _replayed(idempotency_key, actor=actor)
        if replay is None:
            raise
        return replay, False
    for checked, kind in [(item, FileKind.OBJECTION_ATTACHMENT) for item in attachments] + [
        (item, FileKind.POWER_OF_ATTORNEY) for item in power
    ]:
        stored = files.store_upload(
            info_request=info_request, checked=checked, kind=kind, uploaded_by=actor
        )
        ObjectionFile.objects.create(objection=objection, request_file=stored)
    return objection, True


def _after_receipt(objection: Objection, *, actor: Any, kind: str, requester_acting: bool) -> None:
    _event(
        objection,
        actor=actor,
        kind=kind,
        grounds=objection.grounds,
        ground_arose_on=objection.ground_arose_on.isoformat(),
        filing_due=objection.filing_due.isoformat(),
        filed_late=objection.filed_late,
        answer_due=objection.answer_due.isoformat(),
    )
    notify.later(
        "receipt",
        objection_id=objection.pk,
        to_requester=True,
        requester_acting=requester_acting,
        subject=notify.subject_line(gettext_lazy("Tanda terima keberatan"), objection),
    )
    notify.later(
        "new_objection",
        objection_id=objection.pk,
        officers=(notify.ATASAN, notify.HANDLERS),
        subject=notify.subject_line(gettext_lazy("Keberatan baru"), objection),
    )


def _receive(
    *,
    actor: Any,
    online: bool,
    content: ObjectionContent,
    identity: Identity,
    received_at: dt.datetime,
    channel: str,
    idempotency_key: str | None,
    info_request: InfoRequest | None = None,
    berkala: BerkalaSubject | None = None,
) -> Objection:
    """Number and record an objection filed online by its objector, or registered by an
    officer (desk, letter, e-mail); a replayed submission returns the first one."""
    if online:
        requester, registered_by = actor, None
    else:
        requester = info_request.requester if info_request is not None else None
        registered_by = actor
    objection, created = _create(
        actor=actor,
        info_request=info_request,
        berkala=berkala,
        content=content,
        identity=identity,
        channel=channel,
        received_at=received_at,
        requester=requester,
        registered_by=registered_by,
        idempotency_key=idempotency_key,
    )
    if created:
        _after_receipt(
            objection,
            actor=actor,
            kind=EventKind.FILED if online else EventKind.REGISTERED,
            requester_acting=online,
        )
    return objection


@files.cleans_up_on_error
@transaction.atomic
def file_objection(
    *,
    actor: Any,
    info_request: InfoRequest,
    content: ObjectionContent,
    idempotency_key: str | None = None,
) -> Objection:
    """The requester objects online to the Atasan PPID (Pasal 35–36(1)); numbered at once."""
    if not request_access.is_requester_of(actor, info_request):
        raise PermissionDenied(
            gettext("Anda hanya dapat mengajukan keberatan atas permohonan Anda.")
        )
    return _receive(
        actor=actor,
        online=True,
        info_request=info_request,
        content=content,
        identity=Identity.of(info_request),
        channel=Channel.ONLINE,
        received_at=timezone.now(),
        idempotency_key=idempotency_key,
    )


@files.cleans_up_on_error
@transaction.atomic
def file_berkala_objection(
    *,
    actor: Any,
    subject: BerkalaSubject,
    content: ObjectionContent,
    idempotency_key: str | None = None,
) -> Objection:
    """The requester objects online, without a request, that a body does not provide
    information it must publish routinely (Pasal 9, Pasal 35(1)b); numbered at once."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(gettext("Masuk ke akun Anda untuk mengajukan keberatan."))
    return _receive(
        actor=actor,
        online=True,
        berkala=subject,
        content=content,
        identity=Identity.from_profile(actor),
        channel=Channel.ONLINE,
        received_at=timezone.now(),
        idempotency_key=idempotency_key,
    )


@files.cleans_up_on_error
@transaction.atomic
def register_berkala_objection(
    *,
    actor: Any,
    subject: BerkalaSubject,
    content: ObjectionContent,
    identity: Identity,
    channel: str,
    received_at: dt.datetime,
    idempotency_key: str | None = None,
) -> Objection:
    """A ground-b objection without a request, received at the desk or by letter or e-mail
    and registered by an officer of the PPID body with the identity the objector gave."""
    ppid_body = subject.body.ppid_body
    if ppid_body is None or not permissions.can_handle_body(actor, ppid_body.pk):
        raise PermissionDenied(
            gettext("Anda tidak dapat mendaftarkan keberatan untuk badan publik ini.")
        )
    _check_receipt(channel, received_at)
    return _receive(
        actor=actor,
        online=False,
        berkala=subject,
        content=content,
        identity=identity,
        channel=channel,
        received_at=received_at,
        idempotency_key=idempotency_key,
    )


def _check_receipt(channel: str, received_at: dt.datetime) -> None:
    if channel not in (Channel.WALK_IN, Channel.LETTER, Channel.EMAIL):
        raise ActionError(gettext("Pilih saluran penerimaan: langsung, surat atau e-mail."))
    if timezone.is_naive(received_at):
        raise ActionError(gettext("Waktu diterima harus mencantumkan zona waktu."))
    if received_at > timezone.now() + RECEIPT_CLOCK_SKEW:
        raise ActionError(gettext("Waktu diterima tidak boleh di masa depan."))


@files.cleans_up_on_error
@transaction.atomic
def register_objection(
    *,
    actor: Any,
    info_request: InfoRequest,
    content: ObjectionContent,
    channel: str,
    received_at: dt.datetime,
    idempotency_key: str | None = None,
) -> Objection:
    """An objection received at the desk or by letter or e-mail, registered by an officer
    of the PPID body with the real time of receipt; numbered like online objections."""
    if not access.can_register(actor, info_request):
        raise PermissionDenied(
            gettext("Anda tidak dapat mendaftarkan keberatan untuk permohonan ini.")
        )
    _check_receipt(channel, received_at)
    return _receive(
        actor=actor,
        online=False,
        info_request=info_request,
        content=content,
        identity=Identity.of(info_request),
        channel=channel,
        received_at=received_at,
        idempotency_key=idempotency_key,
    )


def _atasan_position(actor: Any, objection: Objection) -> str:
    found = permissions.atasan_position(actor, objection.ppid_body_id)
    return found or gettext("Atasan PPID %(body)s") % {"body": objection.ppid_body.name}


@transaction.atomic
def decide(
    *,
    actor: Any,
    objection: Objection,
    upheld: bool,
    reasons: str,
    instruction: str = "",
    instruction_days: int | None = None,
) -> Objection:
    """The Atasan PPID's answer (Pasal 36(2)–(3)): uphold the PPID's decision with written
    reasons, or grant the objection with an instruction to the PPID and its deadline."""
    objection = _lock(objection)
    if not access.can_decide(actor, objection):
        raise PermissionDenied(gettext("Hanya Atasan PPID yang dapat memutus keberatan ini."))
    if not reasons.strip():
        raise ActionError(
            gettext("Tuliskan pertimbangan tertulis tanggapan Anda (UU 14/2008 Pasal 36 ayat 3).")
        )
    calendar = clocks.calendar_for(objection.ppid_body)
    now = timezone.now()
    if upheld:
        old = _move(objection, Status.UPHELD)
    else:
        if not instruction.strip():
            raise ActionError(
                gettext(
                    "Tuliskan perintah kepada PPID: apa yang harus dilakukan (memberikan"
                    " informasi, menjawab, memperbaiki biaya …)."
                )
            )
        if not instruction_days or not 1 <= instruction_days <= MAX_INSTRUCTION_WORKING_DAYS:
            raise ActionError(
                gettext("Tentukan jangka waktu pelaksanaan perintah: 1 sampai %(max)s hari kerja.")
                % {"max": MAX_INSTRUCTION_WORKING_DAYS}
            )
        old = _move(objection, Status.GRANTED)
        today = timezone.localtime(now, objection.ppid_body.tzinfo).date()
        objection.instruction = instruction.strip()
        objection.instruction_due = counting.add_working_days(today, instruction_days, calendar).due
        if objection.info_request is not None:
            # The answered request is reopened under the instruction until its date.
            request_actions.reopen(
                actor=actor,
                info_request=objection.info_request,
                until=objection.instruction_due,
                instruction=objection.instruction,
                reference=objection.number,
            )
    objection.reasons = reasons.strip()
    objection.decided_at = now
    objection.decided_by = actor
    objection.atasan_name = actor.get_full_name() or actor.username
    objection.atasan_position = _atasan_position(actor, objection)
    objection.save()
    _event(
        objection,
        actor=actor,
        kind=EventKind.UPHELD if upheld else EventKind.GRANTED,
        note=objection.reasons,
        old_status=old,
        instruction_due=objection.instruction_due.isoformat()
        if objection.instruction_due
        else None,
        late=now.astimezone(objection.ppid_body.tzinfo).date() > objection.answer_due,
    )
    notify.later(
        "decided",
        objection_id=objection.pk,
        to_requester=True,
        officers=(notify.HANDLERS,),
        subject=notify.subject_line(
            gettext_lazy("Tanggapan Atasan PPID atas keberatan"), objection
        ),
    )
    return objection


@files.cleans_up_on_error
@transaction.atomic
def report_instruction_done(
    *, actor: Any, objection: Objection, report: str, released: Sequence[Any] = ()
) -> Objection:
    """The PPID reports how he carried out the Atasan's instruction: the reopened request
    is answered again under it, with the information released now (if any)."""
    objection = _lock(objection)
    if not access.can_carry_out(actor, objection):
        raise PermissionDenied(gettext("Hanya PPID yang dapat melaksanakan perintah ini."))
    if not report.strip():
        raise ActionError(gettext("Tuliskan bagaimana perintah Atasan PPID dilaksanakan."))
    old = _move(objection, Status.INSTRUCTION_DONE)
    info_request = objection.info_request
    if (
        info_request is not None
        and InfoRequest.objects.filter(pk=info_request.pk, reopened_until__isnull=False).exists()
    ):
        request_actions.answer_under_instruction(
            actor=actor, info_request=info_request, report=report, released=released
        )
    elif released:
        raise ActionError(
            gettext(
                "Tidak ada permohonan yang dibuka kembali untuk keberatan ini: kirim informasinya"
                " melalui pemberitahuan tertulis permohonan."
            )
        )
    objection.instruction_report = report.strip()
    objection.instruction_done_at = timezone.now()
    objection.save(
        update_fields=["status", "instruction_report", "instruction_done_at", "updated_at"]
    )
    _event(
        objection,
        actor=actor,
        kind=EventKind.INSTRUCTION_DONE,
        note=objection.instruction_report,
        old_status=old,
    )
    notify.later(
        "instruction_done",
        objection_id=objection.pk,
        to_requester=True,
        officers=(notify.ATASAN,),
        subject=notify.subject_line(gettext_lazy("Perintah Atasan PPID dilaksanakan"), objection),
    )
    return objection


@transaction.atomic
def record_response(*, actor: Any, objection: Objection, response: str) -> Objection:
    """The requester says whether he accepts the Atasan's answer or goes to the Komisi
    Informasi (the register's last column)."""
    objection = _lock(objection)
    if not access.is_objector(actor, objection):
        raise PermissionDenied(gettext("Hanya pemohon yang dapat mencatat tanggapannya."))
    if not objection.is_decided:
        raise ActionError(gettext("Atasan PPID belum menanggapi keberatan ini."))
    if response not in Response.values:
        raise ActionError(gettext("Pilih tanggapan Anda."))
    objection.response = response
    objection.responded_at = timezone.now()
    objection.save(update_fields=["response", "responded_at", "updated_at"])
    _event(objection, actor=actor, kind=EventKind.RESPONDED, response=response)
    return objection


@transaction.atomic
def withdraw_objection(*, actor: Any, objection: Objection) -> Objection:
    objection = _lock(objection)
    if not access.is_objector(actor, objection):
        raise PermissionDenied(gettext("Hanya pemohon yang dapat mencabut keberatannya."))
    old = _move(objection, Status.WITHDRAWN)
    objection.withdrawn_at = timezone.now()
    objection.save(update_fields=["status", "withdrawn_at", "updated_at"])
    _event(objection, actor=actor, kind=EventKind.WITHDRAWN, old_status=old)
    notify.later(
        "withdrawn",
        objection_id=objection.pk,
        officers=(notify.ATASAN, notify.HANDLERS),
        subject=notify.subject_line(gettext_lazy("Keberatan dicabut"), objection),
    )
    return objection
