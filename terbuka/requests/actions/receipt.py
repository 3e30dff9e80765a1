"""Every state change of an information request (STYLE.md "Workflows").

Each action is keyword-only and atomic, takes the acting user, re-reads the request under
``select_for_update``, checks the move against ``TRANSITIONS`` and the actor's rights
(``access``), saves, writes an ``Event`` and sends its e-mails after commit (``notify``).
A refused action raises ``ActionError`` (a ``ValidationError`` whose message is a complete
Indonesian sentence) and changes nothing; a user acting outside his rights gets
``PermissionDenied``. Actions that store files also delete them again if they fail
(``files.cleans_up_on_error``, PITFALLS.md 6).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from stdnum.id import nik as nik_rules

from terbuka import law
from terbuka.accounts.models import RequesterType
from terbuka.audit import log as audit_log
from terbuka.bodies.models import Body
from terbuka.requests import access, deadlines, files, letters, notify, numbering
from terbuka.requests.files import ActionError
from terbuka.requests.indexing import reindex_request
from terbuka.requests.models import (
    INTERNAL_EVENT_KINDS,
    OPEN_STATUSES,
    Channel,
    Delivery,
    Disposition,
    Event,
    EventKind,
    FileKind,
    HowToObtain,
    InfoRequest,
    Notice,
    Outcome,
    RequestFile,
    Status,
)

__all__ = [
    "ActionError",
    "Identity",
    "assign",
    "complete_identity",
    "correct_notice",
    "extend",
    "forward",
    "mark_identity_incomplete",
    "post_message",
    "register",
    "save_notice",
    "send_notice",
    "submit",
    "submit_draft",
    "withdraw",
]

# How far in the future a registered receipt time may lie (clock skew at the desk).
RECEIPT_CLOCK_SKEW = dt.timedelta(minutes=5)


@dataclass
class Identity:
    """The requester's identity as recorded on the request (Pasal 22(2))."""

    requester_type: str
    name: str
    nik: str = ""
    legal_entity_decree: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    acting_for: str = ""

    @classmethod
    def from_profile(cls, user: Any) -> Identity:
        profile = getattr(user, "requester_profile", None)
        if profile is None:
            return cls(
                requester_type=RequesterType.INDIVIDUAL,
                name=user.get_full_name() or user.username,
                email=user.email,
            )
        return cls(
            requester_type=profile.requester_type,
            name=profile.full_name,
            nik=profile.nik,
            legal_entity_decree=profile.legal_entity_decree,
            address=profile.address,
            phone=profile.phone,
            email=user.email,
        )

    def validate(self) -> None:
        if self.requester_type not in RequesterType.values:
            raise ActionError(gettext("Pilih jenis pemohon."))
        if not self.name.strip():
            raise ActionError(gettext("Nama pemohon wajib diisi (UU 14/2008 Pasal 22 ayat 2)."))
        nik = "".join(self.nik.split())
        if nik and not nik_rules.is_valid(nik):
            # Never echo the NIK itself in a message (personal data).
            raise ActionError(
                gettext(
                    "NIK tidak valid: periksa 16 digitnya (kode wilayah, tanggal lahir dan"
                    " nomor urut)."
                )
            )
        self.nik = nik

    def apply_to(self, info_request: InfoRequest) -> None:
        info_request.requester_type = self.requester_type
        info_request.requester_name = self.name.strip()
        info_request.requester_nik = self.nik
        info_request.requester_legal_entity_decree = self.legal_entity_decree.strip()
        info_request.requester_address = self.address.strip()
        info_request.requester_phone = self.phone.strip()
        info_request.requester_email = self.email.strip()
        info_request.acting_for = self.acting_for.strip()


IDENTITY_FIELDS = [
    "requester_type",
    "requester_name",
    "requester_nik",
    "requester_legal_entity_decree",
    "requester_address",
    "requester_phone",
    "requester_email",
    "acting_for",
]


# --- helpers -----------------------------------------------------------------------------


def _lock(info_request: InfoRequest) -> InfoRequest:
    return (
        InfoRequest.objects.select_for_update(of=("self",))
        .select_related("body", "ppid_body")
        .get(pk=info_request.pk)
    )


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _event(
    info_request: InfoRequest,
    *,
    actor: Any,
    kind: str,
    old_status: str = "",
    new_status: str = "",
    note: str = "",
    internal: bool | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """The timeline event of an action, and its audit record (issue 5: every action).

    The audit record names the kind and the status change, never the note: notes and
    messages may carry what a requester typed about himself.
    """
    event = Event.objects.create(
        info_request=info_request,
        actor=_actor(actor),
        kind=kind,
        old_status=old_status,
        new_status=new_status,
        note=note,
        is_internal=kind in INTERNAL_EVENT_KINDS if internal is None else internal,
        data=data or {},
    )
    audit_log.record(
        actor=actor,
        action=f"request.{kind}",
        obj=info_request,
        summary=info_request.number,
        detail={"event": event.pk, "old_status": old_status, "new_status": new_status},
    )
    return event


def _require_handler(actor: Any, info_request: InfoRequest) -> None:
    if not access.can_handle(actor, info_request):
        raise PermissionDenied(
            gettext(
                "Anda bukan PPID atau petugas layanan badan publik yang menangani permohonan ini."
            )
        )


def _require_open(info_request: InfoRequest) -> None:
    if info_request.status not in OPEN_STATUSES:
        raise ActionError(
            gettext("Permohonan ini sudah %(status)s; tidak ada lagi yang dapat diubah.")
            % {"status": info_request.get_status_display().lower()}
        )


def _move(info_request: InfoRequest, status: str) -> str:
    if not info_request.can_move_to(status):
        raise ActionError(
            gettext("Permohonan berstatus %(old)s tidak dapat diubah menjadi %(new)s.")
            % {
                "old": info_request.get_status_display().lower(),
                "new": Status(status).label.lower(),
            }
        )
    old = info_request.status
    info_request.status = status
    return old


def _today(info_request: InfoRequest) -> dt.date:
    return deadlines.today(info_request)


def _checked(uploads: Iterable[Any], kind: str) -> list[files.CheckedUpload]:
    return [files.validate_upload(upload, kind) for upload in uploads]


def _validate_request_fields(
    *, subject: str, how_to_obtain: str, delivery: str, channel: str
) -> None:
    if not subject.strip():
        raise ActionError(
            gettext("Rincian informasi yang dibutuhkan wajib diisi (UU 14/2008 Pasal 22 ayat 2).")
        )
    if how_to_obtain not in HowToObtain.values:
        raise ActionError(gettext("Pilih cara memperoleh informasi."))
    if delivery and delivery not in Delivery.values:
        raise ActionError(gettext("Pilih cara mendapatkan salinan informasi."))
    if how_to_obtain != HowToObtain.VIEW and not delivery:
        raise ActionError(gettext("Pilih cara mendapatkan salinan informasi."))
    if channel not in Channel.values:
        raise ActionError(gettext("Pilih saluran penerimaan permohonan."))


def _replayed(idempotency_key: str | None, *, actor: Any) -> InfoRequest | None:
    if not idempotency_key:
        return None
    existing = InfoRequest.objects.filter(idempotency_key=idempotency_key).first()
    if existing is None:
        return None
    if _actor(actor) is None or actor.pk not in (existing.requester_id, existing.registered_by_id):
        raise ActionError(gettext("Formulir ini sudah pernah dikirim. Muat ulang halamannya."))
    return existing


def _create(
    *,
    actor: Any,
    body: Body,
    channel: str,
    received_at: dt.datetime,
    identity: Identity,
    requester: Any,
    registered_by: Any,
    subject: str,
    purpose: str,
    how_to_obtain: str,
    delivery: str,
    publish_allowed: bool,
    attachments: Sequence[Any],
    identity_documents: Sequence[Any],
    idempotency_key: str | None,
    referred_from: InfoRequest | None = None,
) -> tuple[InfoRequest, bool]:
    """Create a numbered request with its deadline; (request, created). A replay of the
    same idempotency key returns the first request (PITFALLS.md 5)."""
    replay = _replayed(idempotency_key, actor=actor)
    if replay is not None:
        return replay, False
    ppid_body = body.ppid_body
    if ppid_body is None or not body.is_active:
        raise ActionError(
            gettext(
                "Badan publik ini belum memiliki PPID yang menerima permohonan melalui Terbuka."
                " Silakan hubungi badan publik tersebut secara langsung."
            )
        )
    identity.validate()
    _validate_request_fields(
        subject=subject, how_to_obtain=how_to_obtain, delivery=delivery, channel=channel
    )
    checked_attachments = _checked(attachments, FileKind.ATTACHMENT)
    checked_identity = _checked(identity_documents, FileKind.IDENTITY)
    try:
        # A savepoint: when a concurrent replay of the same key committed first, the insert
        # fails here, the number taken inside goes back, and the first request is returned.
        with transaction.atomic():
            number = numbering.take_number(ppid_body, received_at)
            info_request = InfoRequest(
                body=body,
                ppid_body=ppid_body,
                number=number.text,
                number_year=number.year,
                number_seq=number.seq,
                requester=requester,
                subject=subject.strip(),
                purpose=purpose.strip(),
                how_to_obtain=how_to_obtain,
                delivery=delivery,
                publish_allowed=publish_allowed,
                channel=channel,
                received_at=received_at,
                registered_by=registered_by,
                referred_from=referred_from,
                idempotency_key=idempotency_key or None,
            )
            identity.apply_to(info_request)
            deadlines.apply_due(info_request)
            info_request.save()
    except IntegrityError:
        replay = _replayed(idempotency_key, actor=actor)
        if replay is None:
            raise
        return replay, False
    for checked in checked_attachments:
        files.store_upload(
            info_request=info_request, checked=checked, kind=FileKind.ATTACHMENT, uploaded_by=actor
        )
    for checked in checked_identity:
        files.store_upload(
            info_request=info_request, checked=checked, kind=FileKind.IDENTITY, uploaded_by=actor
        )
    return info_request, True


def _notify_receipt(info_request: InfoRequest, *, requester_acting: bool) -> None:
    notify.later(
        "receipt",
        info_request_id=info_request.pk,
        to_requester=True,
        requester_acting=requester_acting,
        subject=notify.subject_line(gettext_lazy("Tanda bukti permohonan informasi"), info_request),
    )
    notify.later(
        "new_request",
        info_request_id=info_request.pk,
        officers_of=(info_request.ppid_body_id, notify.HANDLERS),
        subject=notify.subject_line(gettext_lazy("Permohonan informasi baru"), info_request),
    )


# --- receipt -----------------------------------------------------------------------------


@files.cleans_up_on_error
@transaction.atomic
def submit(
    *,
    actor: Any,
    body: Body,
    subject: str,
    purpose: str,
    how_to_obtain: str,
    delivery: str,
    publish_allowed: bool = False,
    attachments: Sequence[Any] = (),
    identity_documents: Sequence[Any] = (),
    idempotency_key: str | None = None,
) -> InfoRequest:
    """An online request by a logged-in requester; numbered at once (Pasal 22(4)–(5))."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(gettext("Masuk terlebih dahulu untuk mengajukan permohonan."))
    info_request, created = _create(
        actor=actor,
        body=body,
        channel=Channel.ONLINE,
        received_at=timezone.now(),
        identity=Identity.from_profile(actor),
        requester=actor,
        registered_by=None,
        subject=subject,
        purpose=purpose,
        how_to_obtain=how_to_obtain,
        delivery=delivery,
        publish_allowed=publish_allowed,
        attachments=attachments,
        identity_documents=identity_documents,
        idempotency_key=idempotency_key,
    )
    if created:
        _event(
            info_request,
            actor=actor,
            kind=EventKind.SUBMITTED,
            new_status=info_request.status,
            data={"number": info_request.number, "due_date": info_request.due_date.isoformat()}
            if info_request.due_date
            else {"number": info_request.number},
        )
        _notify_receipt(info_request, requester_acting=True)
    return info_request


@files.cleans_up_on_error
@transaction.atomic
def register(
    *,
    actor: Any,
    body: Body,
    channel: str,
    received_at: dt.datetime,
    identity: Identity,
    subject: str,
    purpose: str,
    how_to_obtain: str,
    delivery: str,
    requester: Any = None,
    publish_allowed: bool = False,
    attachments: Sequence[Any] = (),
    identity_documents: Sequence[Any] = (),
    idempotency_key: str | None = None,
) -> InfoRequest:
    """A request received at the desk, by letter, e-mail or phone, registered by an officer
    with the real time of receipt; numbered like online requests (Pasal 22(4)–(6))."""
    if not access.can_register_for(actor, body):
        raise PermissionDenied(gettext("Anda tidak dapat mendaftarkan permohonan untuk badan ini."))
    if channel in (Channel.ONLINE, Channel.REFERRAL):
        raise ActionError(
            gettext("Pilih saluran penerimaan: langsung, surat, e-mail atau telepon.")
        )
    if timezone.is_naive(received_at):
        raise ActionError(gettext("Waktu diterima harus mencantumkan zona waktu."))
    if received_at > timezone.now() + RECEIPT_CLOCK_SKEW:
        raise ActionError(gettext("Waktu diterima tidak boleh di masa depan."))
    info_request, created = _create(
        actor=actor,
        body=body,
        channel=channel,
        received_at=received_at,
        identity=identity,
        requester=requester,
        registered_by=actor,
        subject=subject,
        purpose=purpose,
        how_to_obtain=how_to_obtain,
        delivery=delivery,
        publish_allowed=publish_allowed,
        attachments=attachments,
        identity_documents=identity_documents,
        idempotency_key=idempotency_key,
    )
    if created:
        _event(
            info_request,
            actor=actor,
            kind=EventKind.REGISTERED,
            new_status=info_request.status,
            note=gettext("Diterima melalui: %(channel)s.")
            % {"channel": info_request.get_channel_display()},
            data={"number": info_request.number, "channel": channel},
        )
        _notify_receipt(info_request, requester_acting=False)
    return info_request


# --- identity ----------------------------------------------------------------------------


@transaction.atomic
def mark_identity_incomplete(*, actor: Any, info_request: InfoRequest, message: str) -> InfoRequest:
    """Ask the requester to complete the identity (DOMAIN.md practice)."""
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    if not message.strip():
        raise ActionError(gettext("Tuliskan apa yang perlu dilengkapi pemohon."))
    old = _move(info_request, Status.IDENTITY_INCOMPLETE)
    info_request.identity_requested_at = timezone.now()
    info_request.save(update_fields=["status", "identity_requested_at", "updated_at"])
    _event(
        info_request,
        actor=actor,
        kind=EventKind.IDENTITY_INCOMPLETE,
        old_status=old,
        new_status=info_request.status,
        note=message.strip(),
    )
    restarts = numbering.service_settings(info_request.ppid_body).identity_restarts_clock
    notify.later(
        "identity_incomplete",
        info_request_id=info_request.pk,
        to_requester=True,
        subject=notify.subject_line(gettext_lazy("Identitas perlu dilengkapi"), info_request),
        extra={"message": message.strip(), "restarts_clock": restarts},
    )
    return info_request


@files.cleans_up_on_error
@transaction.atomic
def complete_identity(
    *,
    actor: Any,
    info_request: InfoRequest,
    identity: Identity,
    identity_documents: Sequence[Any] = (),
) -> InfoRequest:
    """The requester (or an officer for him) completes the identity. Under the body's rule
    the 10 working days count again from now; otherwise the clock ran on."""
    info_request = _lock(info_request)
    if not (access.is_requester_of(actor, info_request) or access.can_handle(actor, info_request)):
        raise PermissionDenied(gettext("Anda tidak dapat mengubah identitas pada permohonan ini."))
    if info_request.status != Status.IDENTITY_INCOMPLETE:
        raise ActionError(gettext("Permohonan ini tidak sedang menunggu kelengkapan identitas."))
    identity.validate()
    checked = _checked(identity_documents, FileKind.IDENTITY)
    was_forwarded = info_request.dispositions.exists()
    old = _move(info_request, Status.IN_PROGRESS if was_forwarded else Status.RECEIVED)
    identity.apply_to(info_request)
    old_due = info_request.due_date
    settings = numbering.service_settings(info_request.ppid_body)
    if settings.identity_restarts_clock:
        info_request.counting_from = timezone.now()
    deadlines.apply_due(info_request)
    info_request.save(
        update_fields=[
            *IDENTITY_FIELDS,
            "status",
            "counting_from",
            "due_date",
            "due_explanation",
            "updated_at",
        ]
    )
    for item in checked:
        files.store_upload(
            info_request=info_request, checked=item, kind=FileKind.IDENTITY, uploaded_by=actor
        )
    note = (
        gettext("Identitas dilengkapi; jangka waktu dihitung ulang, batas waktu baru %(due)s.")
        if settings.identity_restarts_clock
        else gettext("Identitas dilengkapi; batas waktu tetap %(due)s.")
    ) % {"due": info_request.due_date.isoformat() if info_request.due_date else "-"}
    _event(
        info_request,
        actor=actor,
        kind=EventKind.IDENTITY_COMPLETED,
        old_status=old,
        new_status=info_request.status,
        note=note,
        data={
            "old_due": old_due.isoformat() if old_due else None,
            "new_due": info_request.due_date.isoformat() if info_request.due_date else None,
        },
    )
    notify.later(
        "identity_completed",
        info_request_id=info_request.pk,
        to_requester=True,
        officers_of=(info_request.ppid_body_id, notify.HANDLERS),
        subject=notify.subject_line(gettext_lazy("Identitas pemohon dilengkapi"), info_request),
    )
    return info_request


# --- work inside the body ----------------------------------------------------------------


@transaction.atomic
def assign(*, actor: Any, info_request: InfoRequest, officer: Any) -> InfoRequest:
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    _require_open(info_request)
    if officer is not None and not access.can_work_on(officer, info_request):
        raise ActionError(
            gettext(
                "Petugas yang dipilih tidak bertugas pada badan publik yang menangani permohonan ini."
            )
        )
    info_request.assigned_to = officer
    info_request.save(update_fields=["assigned_to", "updated_at"])
    _event(
        info_request,
        actor=actor,
        kind=EventKind.ASSIGNED,
        note=str(officer) if officer is not None else gettext("Penanggung jawab dikosongkan."),
        data={"officer_id": officer.pk if officer is not None else None},
    )
    if officer is not None and officer.email:
        notify.later(
            "assigned",
            info_request_id=info_request.pk,
            to=[officer.email],
            subject=notify.subject_line(
                gettext_lazy("Anda penanggung jawab permohonan"), info_request
            ),
        )
    return info_request


@transaction.atomic
def forward(
    *,
    actor: Any,
    info_request: InfoRequest,
    units: Iterable[Body],
    instruction: str,
    internal_due_date: dt.date,
) -> list[Disposition]:
    """Disposisi: the PPID Utama sends the request to the PPID Pelaksana units that hold
    the information. The instruction is internal; the requester sees that it was forwarded."""
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    _require_open(info_request)
    if info_request.status == Status.IDENTITY_INCOMPLETE:
        raise ActionError(
            gettext("Identitas pemohon belum lengkap; disposisi dapat dibuat setelah dilengkapi.")
        )
    units = list(dict.fromkeys(units))
    if not units:
        raise ActionError(gettext("Pilih paling sedikit satu unit PPID Pelaksana."))
    if not instruction.strip():
        raise ActionError(gettext("Tuliskan instruksi disposisi."))
    today = _today(info_request)
    if internal_due_date < today:
        raise ActionError(gettext("Batas waktu internal tidak boleh sebelum hari ini."))
    # Before the statutory due date the unit must answer within it; a request already late
    # still has to be answered, so then any date from today on is accepted.
    if (
        info_request.due_date
        and info_request.due_date >= today
        and internal_due_date > info_request.due_date
    ):
        raise ActionError(
            gettext(
                "Batas waktu internal tidak boleh melewati batas waktu pemberitahuan (%(due)s)."
            )
            % {"due": info_request.due_date.isoformat()}
        )
    for unit in units:
        if unit.ppid_body != info_request.ppid_body:
            raise ActionError(
                gettext("%(unit)s tidak dilayani oleh PPID %(ppid)s.")
                % {"unit": unit.name, "ppid": info_request.ppid_body.name}
            )
        if info_request.dispositions.filter(unit=unit, state=Disposition.State.OPEN).exists():
            raise ActionError(
                gettext("Permohonan ini sudah didisposisikan ke %(unit)s dan masih menunggu draf.")
                % {"unit": unit.name}
            )
    old = info_request.status
    if info_request.status == Status.RECEIVED:
        _move(info_request, Status.IN_PROGRESS)
        info_request.save(update_fields=["status", "updated_at"])
    dispositions = [
        Disposition.objects.create(
            info_request=info_request,
            unit=unit,
            instruction=instruction.strip(),
            internal_due_date=internal_due_date,
            forwarded_by=actor,
        )
        for unit in units
    ]
    _event(
        info_request,
        actor=actor,
        kind=EventKind.FORWARDED,
        old_status=old,
        new_status=info_request.status,
        note=", ".join(unit.name for unit in units),
        data={"units": [unit.pk for unit in units]},
    )
    for disposition in dispositions:
        notify.later(
            "disposition",
            info_request_id=info_request.pk,
            officers_of=(disposition.unit_id, notify.UNIT_OFFICERS),
            subject=notify.subject_line(
                gettext_lazy("Disposisi permohonan informasi"), info_request
            ),
            extra={
                "unit_name": disposition.unit.name,
                "instruction": disposition.instruction,
                "internal_due_date": disposition.internal_due_date,
            },
        )
    return dispositions


@files.cleans_up_on_error
@transaction.atomic
def submit_draft(
    *, actor: Any, disposition: Disposition, draft_text: str, files: Sequence[Any] = ()
) -> Disposition:
    """The Pelaksana unit hands its draft answer (and documents) to the PPID Utama."""
    from terbuka.requests import files as file_store  # the parameter shadows the module

    # Lock the request first, then the disposition: the order every action uses, so two
    # actions on the same request never wait on each other (no deadlock).
    info_request = _lock(disposition.info_request)
    disposition = (
        Disposition.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=disposition.pk)
    )
    disposition.info_request = info_request
    if not access.can_draft(actor, disposition):
        raise PermissionDenied(gettext("Disposisi ini bukan untuk unit Anda."))
    _require_open(info_request)
    if disposition.state == Disposition.State.CLOSED:
        raise ActionError(gettext("Disposisi ini sudah ditutup."))
    if not draft_text.strip() and not files:
        raise ActionError(gettext("Tuliskan draf jawaban atau lampirkan dokumennya."))
    checked = [file_store.validate_upload(upload, FileKind.DRAFT) for upload in files]
    disposition.draft_text = draft_text.strip()
    disposition.drafted_by = actor
    disposition.drafted_at = timezone.now()
    disposition.state = Disposition.State.DRAFTED
    disposition.save(update_fields=["draft_text", "drafted_by", "drafted_at", "state"])
    for item in checked:
        file_store.store_upload(
            info_request=info_request,
            checked=item,
            kind=FileKind.DRAFT,
            uploaded_by=actor,
            disposition=disposition,
        )
    _event(
        info_request,
        actor=actor,
        kind=EventKind.DRAFTED,
        note=disposition.unit.name,
        data={"disposition": disposition.pk, "files": len(checked)},
    )
    notify.later(
        "draft_submitted",
        info_request_id=info_request.pk,
        officers_of=(info_request.ppid_body_id, notify.UTAMA),
        subject=notify.subject_line(gettext_lazy("Draf jawaban diserahkan"), info_request),
        extra={"unit_name": disposition.unit.name},
    )
    return disposition


# --- the written notice (Pasal 22(7)) ----------------------------------------------------

NOTICE_FIELDS = frozenset(
    {
        "outcome",
        "material",
        "withheld",
        "exemption_ground",
        "consequence_test",
        "holding_body",
        "holding_body_name",
        "available_on",
        "form",
        "delivery",
        "pages",
        "fee_per_page",
        "delivery_cost",
        "payment_instructions",
        "letter_text",
    }
)


@transaction.atomic
def save_notice(*, actor: Any, info_request: InfoRequest, **fields: Any) -> Notice:
    """Create or edit the draft notice; refused once it has been sent."""
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    unknown = set(fields) - NOTICE_FIELDS
    if unknown:
        raise TypeError(f"save_notice() got unexpected fields: {sorted(unknown)}")
    notice = Notice.objects.select_for_update().filter(info_request=info_request).first()
    if notice is not None and notice.is_sent:
        raise ActionError(
            gettext(
                "Pemberitahuan tertulis sudah dikirim dan tidak dapat diubah. Gunakan ralat"
                " untuk mencatat koreksi."
            )
        )
    _require_open(info_request)
    if notice is None:
        settings = numbering.service_settings(info_request.ppid_body)
        notice = Notice(
            info_request=info_request,
            fee_per_page=settings.fee_per_page,
            form=info_request.how_to_obtain,
            delivery=info_request.delivery,
        )
    if fields.get("outcome") and fields["outcome"] not in Outcome.values:
        raise ActionError(gettext("Pilih keputusan yang tersedia."))
    if fields.get("exemption_ground") and not law.is_valid_ground(fields["exemption_ground"]):
        raise ActionError(gettext("Pilih dasar pengecualian dari Pasal 17 UU 14/2008."))
    for name, value in fields.items():
        if value is None and name not in _NULLABLE:
            value = 0 if name in _NUMBERS else ""
        setattr(notice, name, value)
    notice.prepared_by = actor
    notice.save()
    return notice


_NULLABLE = frozenset({"holding_body", "available_on"})
_NUMBERS = frozenset({"pages", "fee_per_page", "delivery_cost"})


def _check_notice(notice: Notice) -> None:
    """What Pasal 22(7) requires the notice to state for its outcome."""
    outcome = notice.outcome
    if not outcome:
        raise ActionError(gettext("Pilih keputusan pemberitahuan tertulis sebelum mengirimkannya."))
    if outcome == Outcome.REFUSED_EXEMPT and not (
        notice.exemption_ground and notice.consequence_test.strip()
    ):
        raise ActionError(
            gettext(
                "Penolakan harus menyebut dasar pengecualian Pasal 17 dan hasil uji konsekuensi"
                " (UU 14/2008 Pasal 19 dan 22 ayat 7)."
            )
        )
    if outcome == Outcome.GRANTED_IN_PART and not notice.withheld.strip():
        raise ActionError(
            gettext("Jelaskan bagian yang dihitamkan atau dikecualikan beserta alasannya.")
        )
    if outcome == Outcome.NOT_HELD and not (
        notice.holding_body_id or notice.holding_body_name.strip()
    ):
        raise ActionError(
            gettext("Sebutkan badan publik yang menguasai informasi (UU 14/2008 Pasal 22 ayat 7).")
        )
    if outcome == Outcome.NOT_YET_DOCUMENTED and not notice.available_on:
        raise ActionError(gettext("Sebutkan tanggal informasi akan tersedia."))


def _file_lookup(ids: Iterable[Any]) -> tuple[set[int], set[uuid.UUID]]:
    pks: set[int] = set()
    public_ids: set[uuid.UUID] = set()
    for value in ids:
        if isinstance(value, int):
            pks.add(value)
            continue
        try:
            public_ids.add(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
        except ValueError:
            if str(value).isdigit():
                pks.add(int(value))
            else:
                raise ActionError(gettext("Dokumen yang dipilih tidak ditemukan.")) from None
    return pks, public_ids


@files.cleans_up_on_error
@transaction.atomic
def send_notice(
    *, actor: Any, info_request: InfoRequest, released_file_ids: Iterable[Any] = ()
) -> Notice:
    """Send the written notice: one action that renders the letter, releases the chosen
    documents, answers the request and, for information held by another body on the
    platform, refers it there (Pasal 22(7))."""
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    notice = Notice.objects.select_for_update().filter(info_request=info_request).first()
    if notice is not None and notice.is_sent:
        raise ActionError(gettext("Pemberitahuan tertulis ini sudah dikirim."))
    _require_open(info_request)
    if notice is None:
        raise ActionError(gettext("Pilih keputusan pemberitahuan tertulis sebelum mengirimkannya."))
    _check_notice(notice)
    pks, public_ids = _file_lookup(released_file_ids)
    chosen = list(
        RequestFile.objects.filter(info_request=info_request, kind=FileKind.DRAFT).filter(
            pk__in=pks
        )
    ) + list(
        RequestFile.objects.filter(
            info_request=info_request, kind=FileKind.DRAFT, public_id__in=public_ids
        )
    )
    if len({item.pk for item in chosen}) != len(pks) + len(public_ids):
        raise ActionError(gettext("Dokumen yang dipilih tidak ditemukan pada permohonan ini."))
    now = timezone.now()
    old = _move(info_request, Status.ANSWERED)
    info_request.answered_at = now
    notice.sent_at = now
    notice.sent_by = actor
    notice.save(update_fields=["sent_at", "sent_by", "updated_at"])
    RequestFile.objects.filter(pk__in=[item.pk for item in chosen]).update(kind=FileKind.RELEASED)
    pdf = letters.render_notice(notice, released=chosen)
    files.store_bytes(
        info_request=info_request,
        content=pdf,
        kind=FileKind.LETTER,
        original_name=letters.letter_filename(info_request),
        content_type="application/pdf",
        uploaded_by=actor,
    )
    info_request.save(update_fields=["status", "answered_at", "updated_at"])
    info_request.dispositions.exclude(state=Disposition.State.CLOSED).update(
        state=Disposition.State.CLOSED
    )
    _event(
        info_request,
        actor=actor,
        kind=EventKind.NOTICE_SENT,
        old_status=old,
        new_status=info_request.status,
        note=notice.get_outcome_display(),
        data={"outcome": notice.outcome, "released": len(chosen)},
    )
    notify.later(
        "notice_sent",
        info_request_id=info_request.pk,
        to_requester=True,
        subject=notify.subject_line(gettext_lazy("Pemberitahuan tertulis"), info_request),
        extra={"outcome": Outcome(notice.outcome).label},
    )
    if info_request.publish_allowed:
        # Now in the public request log: findable from this commit on (same transaction).
        reindex_request(info_request)
    if notice.outcome == Outcome.NOT_HELD and notice.holding_body is not None:
        _refer(actor=actor, info_request=info_request, to=notice.holding_body)
    return notice


def _refer(*, actor: Any, info_request: InfoRequest, to: Body) -> InfoRequest | None:
    """The linked request at the body that holds the information, with its own number and
    its own deadline counted from the referral."""
    if to.ppid_body is None or to.ppid_body == info_request.ppid_body:
        return None
    identity = Identity(
        requester_type=info_request.requester_type,
        name=info_request.requester_name,
        nik=info_request.requester_nik,
        legal_entity_decree=info_request.requester_legal_entity_decree,
        address=info_request.requester_address,
        phone=info_request.requester_phone,
        email=info_request.requester_email,
        acting_for=info_request.acting_for,
    )
    referral, _created = _create(
        actor=actor,
        body=to,
        channel=Channel.REFERRAL,
        received_at=timezone.now(),
        identity=identity,
        requester=info_request.requester,
        registered_by=actor,
        subject=info_request.subject,
        purpose=info_request.purpose,
        how_to_obtain=info_request.how_to_obtain,
        delivery=info_request.delivery,
        publish_allowed=info_request.publish_allowed,
        attachments=(),
        identity_documents=(),
        idempotency_key=None,
        referred_from=info_request,
    )
    for request_file in info_request.files.filter(
        kind__in=[FileKind.ATTACHMENT, FileKind.IDENTITY]
    ):
        files.copy_file(request_file, to=referral, by=actor)
    _event(
        referral,
        actor=actor,
        kind=EventKind.REGISTERED,
        new_status=referral.status,
        note=gettext("Rujukan dari %(body)s, permohonan %(number)s.")
        % {"body": info_request.ppid_body.name, "number": info_request.number},
        data={"referred_from": info_request.number, "number": referral.number},
    )
    _event(
        info_request,
        actor=actor,
        kind=EventKind.REFERRED,
        note=gettext("Dirujuk ke %(body)s dengan nomor %(number)s.")
        % {"body": to.name, "number": referral.number},
        data={"referral_number": referral.number, "referral_id": str(referral.public_id)},
    )
    notify.later(
        "referred",
        info_request_id=info_request.pk,
        to_requester=True,
        subject=notify.subject_line(gettext_lazy("Permohonan dirujuk"), info_request),
        extra={
            "new_body": to.name,
            "new_number": referral.number,
            "new_due": referral.due_date,
            "new_link": notify.link("requests:detail", public_id=referral.public_id),
        },
    )
    notify.later(
        "new_request",
        info_request_id=referral.pk,
        officers_of=(referral.ppid_body_id, notify.HANDLERS),
        subject=notify.subject_line(gettext_lazy("Permohonan rujukan baru"), referral),
    )
    return referral


@transaction.atomic
def correct_notice(*, actor: Any, info_request: InfoRequest, note: str) -> Event:
    """A sent notice is never changed; a correction is a new, public event."""
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    notice = Notice.objects.filter(info_request=info_request).first()
    if notice is None or not notice.is_sent:
        raise ActionError(gettext("Belum ada pemberitahuan tertulis yang dikirim untuk diralat."))
    if not note.strip():
        raise ActionError(gettext("Tuliskan isi ralat."))
    event = _event(info_request, actor=actor, kind=EventKind.NOTICE_CORRECTED, note=note.strip())
    notify.later(
        "notice_corrected",
        info_request_id=info_request.pk,
        to_requester=True,
        subject=notify.subject_line(gettext_lazy("Ralat pemberitahuan tertulis"), info_request),
        extra={"note": note.strip()},
    )
    return event


# --- extension, withdrawal, messages -----------------------------------------------------


@transaction.atomic
def extend(*, actor: Any, info_request: InfoRequest, days: int, reason: str) -> InfoRequest:
    """Extend the deadline once, by at most 7 working days, with written reasons, before it
    has passed (UU 14/2008 Pasal 22(8))."""
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    _require_open(info_request)
    if info_request.was_extended:
        raise ActionError(
            gettext(
                "Jangka waktu permohonan ini sudah pernah diperpanjang. Perpanjangan hanya"
                " boleh satu kali (UU 14/2008 Pasal 22 ayat 8)."
            )
        )
    if not isinstance(days, int) or not 1 <= days <= law.NOTICE_EXTENSION_MAX_WORKING_DAYS:
        raise ActionError(
            gettext(
                "Perpanjangan paling lama %(days)s hari kerja (UU 14/2008 Pasal 22 ayat 8); isi 1"
                " sampai %(days)s."
            )
            % {"days": law.NOTICE_EXTENSION_MAX_WORKING_DAYS}
        )
    if not reason.strip():
        raise ActionError(
            gettext("Perpanjangan wajib disertai alasan tertulis (UU 14/2008 Pasal 22 ayat 8).")
        )
    if info_request.due_date is not None and _today(info_request) > info_request.due_date:
        raise ActionError(
            gettext(
                "Batas waktu %(due)s sudah lewat. Jangka waktu hanya dapat diperpanjang sebelum"
                " batas waktu berakhir (UU 14/2008 Pasal 22 ayat 8)."
            )
            % {"due": info_request.due_date.isoformat()}
        )
    old_due = info_request.due_date
    info_request.extended_at = timezone.now()
    info_request.extension_days = days
    info_request.extension_reason = reason.strip()
    deadlines.apply_due(info_request)
    info_request.save(
        update_fields=[
            "extended_at",
            "extension_days",
            "extension_reason",
            "due_date",
            "due_explanation",
            "updated_at",
        ]
    )
    _event(
        info_request,
        actor=actor,
        kind=EventKind.EXTENDED,
        note=reason.strip(),
        data={
            "days": days,
            "old_due": old_due.isoformat() if old_due else None,
            "new_due": info_request.due_date.isoformat() if info_request.due_date else None,
        },
    )
    notify.later(
        "extended",
        info_request_id=info_request.pk,
        to_requester=True,
        subject=notify.subject_line(gettext_lazy("Perpanjangan jangka waktu"), info_request),
        extra={"days": days, "reason": reason.strip()},
    )
    return info_request


@transaction.atomic
def withdraw(*, actor: Any, info_request: InfoRequest, reason: str = "") -> InfoRequest:
    """The requester withdraws a request that is not yet answered. For a request without an
    account (desk, letter, phone) the handling officer records the requester's withdrawal;
    an officer can never close a requester's own online request this way."""
    info_request = _lock(info_request)
    records_for_requester = info_request.requester_id is None and access.can_handle(
        actor, info_request
    )
    if not (access.is_requester_of(actor, info_request) or records_for_requester):
        raise PermissionDenied(gettext("Hanya pemohon yang dapat mencabut permohonan ini."))
    if info_request.status not in OPEN_STATUSES:
        raise ActionError(
            gettext("Permohonan yang sudah dijawab atau sudah dicabut tidak dapat dicabut lagi.")
        )
    old = _move(info_request, Status.WITHDRAWN)
    info_request.withdrawn_at = timezone.now()
    info_request.save(update_fields=["status", "withdrawn_at", "updated_at"])
    info_request.dispositions.exclude(state=Disposition.State.CLOSED).update(
        state=Disposition.State.CLOSED
    )
    _event(
        info_request,
        actor=actor,
        kind=EventKind.WITHDRAWN,
        old_status=old,
        new_status=info_request.status,
        note=reason.strip(),
    )
    notify.later(
        "withdrawn",
        info_request_id=info_request.pk,
        to_requester=True,
        officers_of=(info_request.ppid_body_id, notify.HANDLERS),
        subject=notify.subject_line(gettext_lazy("Permohonan dicabut"), info_request),
        extra={"reason": reason.strip()},
    )
    return info_request


@transaction.atomic
def post_message(
    *, actor: Any, info_request: InfoRequest, text: str, internal: bool = False
) -> Event:
    """A message between requester and officers (clarifications), or an internal note that
    never reaches the requester."""
    info_request = _lock(info_request)
    text = text.strip()
    if not text:
        raise ActionError(gettext("Pesan tidak boleh kosong."))
    if access.is_requester_of(actor, info_request) and not access.can_work_on(actor, info_request):
        if internal:
            raise PermissionDenied(gettext("Pemohon tidak dapat menulis catatan internal."))
        event = _event(info_request, actor=actor, kind=EventKind.MESSAGE_FROM_REQUESTER, note=text)
        recipients = [info_request.assigned_to.email] if info_request.assigned_to else []
        notify.later(
            "message_from_requester",
            info_request_id=info_request.pk,
            to=recipients,
            officers_of=None if recipients else (info_request.ppid_body_id, notify.HANDLERS),
            subject=notify.subject_line(gettext_lazy("Pesan dari pemohon"), info_request),
            extra={"text": text},
        )
        return event
    if not access.can_work_on(actor, info_request):
        raise PermissionDenied(gettext("Anda tidak dapat menulis pada permohonan ini."))
    if internal:
        return _event(info_request, actor=actor, kind=EventKind.INTERNAL_NOTE, note=text)
    _require_handler(actor, info_request)
    event = _event(info_request, actor=actor, kind=EventKind.MESSAGE_TO_REQUESTER, note=text)
    notify.later(
        "message_to_requester",
        info_request_id=info_request.pk,
        to_requester=True,
        subject=notify.subject_line(gettext_lazy("Pesan dari petugas PPID"), info_request),
        extra={"text": text},
    )
    return event
