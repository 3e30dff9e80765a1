"""Receiving a request: online submission, registration of a request received at the desk,
by letter, e-mail or phone, and the requester's identity (UU 14/2008 Pasal 22(1)–(6)).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from terbuka.accounts.models import RequesterType
from terbuka.accounts.nik import is_valid_nik
from terbuka.bodies.models import Body
from terbuka.requests import access, deadlines, files, notify, numbering
from terbuka.requests.actions.shared import (
    _actor,
    _checked,
    _event,
    _lock,
    _make_visible,
    _move,
    _require_handler,
)
from terbuka.requests.errors import ActionError
from terbuka.requests.models import (
    Channel,
    Delivery,
    EventKind,
    FileKind,
    HowToObtain,
    InfoRequest,
    Status,
)
from terbuka.workdays import counting

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
    def of(cls, info_request: InfoRequest) -> Identity:
        """The identity recorded on a request (for its referral): ``apply_to`` reversed."""
        return cls(
            requester_type=info_request.requester_type,
            name=info_request.requester_name,
            nik=info_request.requester_nik,
            legal_entity_decree=info_request.requester_legal_entity_decree,
            address=info_request.requester_address,
            phone=info_request.requester_phone,
            email=info_request.requester_email,
            acting_for=info_request.acting_for,
        )

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
        if nik and not is_valid_nik(nik):
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


@dataclass(frozen=True)
class RequestContent:
    """What the requester asks for and how he wants it (Pasal 22(2)–(3)), with the files
    he sends along: the same for an online request, one registered at the desk and a
    referral. Built once by each receiving action and handed to ``_create``."""

    subject: str
    purpose: str
    how_to_obtain: str
    delivery: str
    publish_allowed: bool = False
    attachments: Sequence[Any] = ()
    identity_documents: Sequence[Any] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RequestContent:
        """From a form's cleaned data (or any mapping): the fields it names, the rest left
        at their defaults."""
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{name: value for name, value in data.items() if name in names})

    @classmethod
    def of(cls, info_request: InfoRequest) -> RequestContent:
        """What an existing request asks (for its referral). No uploads: the referral
        copies the stored files instead."""
        return cls(
            subject=info_request.subject,
            purpose=info_request.purpose,
            how_to_obtain=info_request.how_to_obtain,
            delivery=info_request.delivery,
            publish_allowed=info_request.publish_allowed,
        )

    def validate(self) -> None:
        if not self.subject.strip():
            raise ActionError(
                gettext(
                    "Rincian informasi yang dibutuhkan wajib diisi (UU 14/2008 Pasal 22 ayat 2)."
                )
            )
        if self.how_to_obtain not in HowToObtain.values:
            raise ActionError(gettext("Pilih cara memperoleh informasi."))
        if self.delivery and self.delivery not in Delivery.values:
            raise ActionError(gettext("Pilih cara mendapatkan salinan informasi."))
        if self.how_to_obtain != HowToObtain.VIEW and not self.delivery:
            raise ActionError(gettext("Pilih cara mendapatkan salinan informasi."))

    def apply_to(self, info_request: InfoRequest) -> None:
        info_request.subject = self.subject.strip()
        info_request.purpose = self.purpose.strip()
        info_request.how_to_obtain = self.how_to_obtain
        info_request.delivery = self.delivery
        info_request.publish_allowed = self.publish_allowed


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
    content: RequestContent,
    requester: Any,
    registered_by: Any,
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
    content.validate()
    if channel not in Channel.values:
        raise ActionError(gettext("Pilih saluran penerimaan permohonan."))
    checked_attachments = _checked(content.attachments, FileKind.ATTACHMENT)
    checked_identity = _checked(content.identity_documents, FileKind.IDENTITY)
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
                channel=channel,
                received_at=received_at,
                registered_by=registered_by,
                referred_from=referred_from,
                idempotency_key=idempotency_key or None,
            )
            identity.apply_to(info_request)
            content.apply_to(info_request)
            deadlines.apply_due(info_request)
            info_request.save()
            _make_visible(info_request, ppid_body.pk, handles=True)
            _make_visible(info_request, body.pk, works=True)
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
    content: RequestContent,
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
        content=content,
        requester=actor,
        registered_by=None,
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
    content: RequestContent,
    requester: Any = None,
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
        content=content,
        requester=requester,
        registered_by=actor,
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
    """Ask the requester to complete the identity (DOMAIN.md practice).

    The request's 10 working days belong to the requester (Pasal 22(7)), so asking must not
    become a way to erase them: it is allowed once, within the body's first
    ``identity_days`` working days after receipt, never once the request was extended or
    its due date has passed (issue 9)."""
    info_request = _lock(info_request)
    _require_handler(actor, info_request)
    if not message.strip():
        raise ActionError(gettext("Tuliskan apa yang perlu dilengkapi pemohon."))
    refusal = identity_request_refusal(info_request)
    if refusal is not None:
        raise ActionError(refusal)
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


def identity_request_deadline(info_request: InfoRequest) -> dt.date:
    """The last day the handlers may ask for the identity: the body's ``identity_days``
    working days after the day of receipt, in the body's calendar."""
    calendar = deadlines.calendar_for(info_request)
    received = deadlines.today(info_request, info_request.received_at)
    days = numbering.service_settings(info_request.ppid_body).identity_days
    return counting.nth_working_day_after(received, days, calendar) if days else received


def identity_request_refusal(info_request: InfoRequest) -> str | None:
    """Why the handlers may not (any longer) ask for the identity, or None if they may.
    The action refuses with it and the officer's page shows it instead of the form."""
    if info_request.status not in (Status.RECEIVED, Status.IN_PROGRESS):
        return gettext("Permohonan ini tidak sedang berjalan: identitas tidak dapat diminta.")
    if info_request.identity_requested_at is not None:
        return gettext(
            "Kelengkapan identitas sudah pernah diminta untuk permohonan ini; permintaan hanya"
            " boleh sekali."
        )
    if info_request.was_extended:
        return gettext(
            "Jangka waktu permohonan ini sudah diperpanjang: identitas tidak dapat lagi diminta."
        )
    today = deadlines.today(info_request)
    if info_request.due_date is not None and today > info_request.due_date:
        return gettext(
            "Batas waktu permohonan ini sudah lewat: identitas tidak dapat lagi diminta."
        )
    last_day = identity_request_deadline(info_request)
    if today > last_day:
        return gettext(
            "Kelengkapan identitas hanya dapat diminta sampai %(day)s (%(n)s hari kerja setelah"
            " permohonan diterima)."
        ) % {
            "day": date_format(last_day, "j F Y"),
            "n": numbering.service_settings(info_request.ppid_body).identity_days,
        }
    return None


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
