"""Work on a received request inside the body: the officer in charge, disposition to the
units that hold the information and their drafts, the one extension (Pasal 22(8)),
withdrawal, and messages between requester and officers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.letters import issuing
from terbuka.letters.signing import SigningError
from terbuka.requests import access, deadlines, files, letters, notify
from terbuka.requests.actions.shared import (
    _close_dispositions,
    _event,
    _lock,
    _make_visible,
    _move,
    _require_handler,
    _require_open,
    _today,
)
from terbuka.requests.errors import ActionError
from terbuka.requests.models import (
    OPEN_STATUSES,
    Disposition,
    Event,
    EventKind,
    FileKind,
    InfoRequest,
    Status,
)

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
    for unit in units:
        _make_visible(info_request, unit.pk, works=True)
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
    if disposition.state in (Disposition.State.CLOSED, Disposition.State.LAPSED):
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


# --- extension, withdrawal, messages -----------------------------------------------------


def _check_extension(actor: Any, info_request: InfoRequest, days: int, reason: str) -> None:
    """What Pasal 22(8) allows: once, by at most 7 working days, with written reasons,
    before the due date has passed."""
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
    if not reason:
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


def _apply_extension(info_request: InfoRequest, *, days: int, reason: str, at: dt.datetime) -> None:
    info_request.extended_at = at
    info_request.extension_days = days
    info_request.extension_reason = reason
    deadlines.apply_due(info_request)


@files.cleans_up_on_error
def extend(*, actor: Any, info_request: InfoRequest, days: int, reason: str) -> InfoRequest:
    """Extend the deadline once, by at most 7 working days, with written reasons, before it
    has passed (UU 14/2008 Pasal 22(8)), and send the requester the written extension
    notice: a letter signed with the PPID body's key, like the written notice.

    As in ``send_notice``, the letter is rendered before the transaction from the request
    as read then, with the extension applied to that copy (its new due date and how it
    was counted); under the lock the action refuses if the request changed meanwhile, so
    the letter always says what was saved. A key that cannot sign stops the action
    before anything changes; a body without a certificate sends the letter unsigned.
    """
    reason = reason.strip()
    read = InfoRequest.objects.select_related("body", "ppid_body").get(pk=info_request.pk)
    _check_extension(actor, read, days, reason)
    read_version = read.updated_at
    old_due = read.due_date
    now = timezone.now()
    _apply_extension(read, days=days, reason=reason, at=now)
    try:
        letter = letters.render_extension(
            read,
            old_due=old_due,
            signer=letters.signer_of(actor, read),
            date=now.astimezone(read.ppid_body.tzinfo).date(),
        )
    except SigningError as error:
        # Never sent unsigned when the body has a key that does not work: nothing changes.
        raise ActionError(
            gettext(
                "Jangka waktu belum diperpanjang: surat perpanjangan tidak dapat"
                " ditandatangani. %(reason)s Hubungi administrator."
            )
            % {"reason": str(error)}
        ) from error
    with transaction.atomic():
        info_request = _lock(info_request)
        _check_extension(actor, info_request, days, reason)
        if info_request.updated_at != read_version:
            raise ActionError(
                gettext(
                    "Permohonan ini diubah saat surat perpanjangannya disiapkan. Periksa"
                    " kembali, lalu perpanjang ulang."
                )
            )
        _apply_extension(info_request, days=days, reason=reason, at=now)
        if (info_request.due_date, info_request.due_explanation) != (
            read.due_date,
            read.due_explanation,
        ):
            raise ActionError(
                gettext(
                    "Batas waktu baru berubah saat surat perpanjangannya disiapkan (kalender"
                    " hari kerja diubah). Perpanjang ulang."
                )
            )
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
        issuing.record(letter, subject=letters.extension_subject(info_request))
        stored = files.store_bytes(
            info_request=info_request,
            content=letter.pdf,
            kind=FileKind.EXTENSION_LETTER,
            original_name=letters.extension_filename(info_request),
            content_type="application/pdf",
            uploaded_by=actor,
        )
        _event(
            info_request,
            actor=actor,
            kind=EventKind.EXTENDED,
            note=reason,
            data={
                "days": days,
                "old_due": old_due.isoformat() if old_due else None,
                "new_due": info_request.due_date.isoformat() if info_request.due_date else None,
                "signed": letter.is_signed,
            },
        )
        notify.later(
            "extended",
            info_request_id=info_request.pk,
            to_requester=True,
            subject=notify.subject_line(gettext_lazy("Perpanjangan jangka waktu"), info_request),
            extra={
                "days": days,
                "reason": reason,
                "letter_link": notify.link("requests:download", file_public_id=stored.public_id),
            },
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
    _close_dispositions(info_request)
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
