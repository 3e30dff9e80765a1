"""The written notice (pemberitahuan tertulis, UU 14/2008 Pasal 22(7)): its draft, sending
it with the letter and the released documents, the referral to the body that holds the
information, and corrections after it was sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from terbuka import law, pagecache
from terbuka.bodies.models import Body
from terbuka.letters import issuing
from terbuka.letters.signing import SigningError
from terbuka.requests import deadlines, files, hooks, letters, notify, numbering, queries
from terbuka.requests.actions.receipt import Identity, RequestContent, _create
from terbuka.requests.actions.shared import (
    _close_dispositions,
    _event,
    _lock,
    _move,
    _require_handler,
    _require_open,
)
from terbuka.requests.errors import ActionError
from terbuka.requests.indexing import reindex_request
from terbuka.requests.models import (
    Channel,
    Delivery,
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
        "place",
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
    if outcome == Outcome.NOT_YET_DOCUMENTED and not notice.available_on:
        raise ActionError(gettext("Sebutkan tanggal informasi akan tersedia."))
    # Not held: Pasal 22(7)b names the holder only if it is known, so none is required.


_GRANTED = frozenset({Outcome.GRANTED, Outcome.GRANTED_IN_PART})


def _check_material(notice: Notice, released: list[RequestFile]) -> None:
    """A grant gives the requester the information (Pasal 22(7)): a copy sent by e-mail or
    downloaded as a softcopy needs a released document; viewing at the office (the form
    "melihat") needs the day and the place."""
    if notice.outcome not in _GRANTED:
        return
    if notice.form != HowToObtain.VIEW:
        electronic = notice.delivery == Delivery.EMAIL or notice.form == HowToObtain.SOFTCOPY
        if electronic and not released:
            raise ActionError(
                gettext(
                    "Informasi yang dikabulkan untuk dikirim lewat e-mail atau diunduh memerlukan"
                    " dokumen: pilih paling sedikit satu dokumen yang diberikan kepada pemohon."
                )
            )
    else:
        day, place = notice.available_on, notice.place.strip()
        if not day and not place:
            raise ActionError(
                gettext(
                    "Untuk melihat informasi di kantor, sebutkan tanggal dan tempat pemohon"
                    " dapat melihatnya."
                )
            )
        if not day:
            raise ActionError(
                gettext("Untuk melihat informasi di kantor, sebutkan tanggal pemohon dapat datang.")
            )
        if not place:
            raise ActionError(
                gettext("Untuk melihat informasi di kantor, sebutkan tempat pemohon dapat datang.")
            )


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


def _ready_to_send(
    *,
    actor: Any,
    info_request: InfoRequest,
    notice: Notice | None,
    released_file_ids: Iterable[Any],
) -> tuple[Notice, list[RequestFile]]:
    """The checks before a notice is sent, and the draft documents it releases."""
    _require_handler(actor, info_request)
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
    hooks.check_release(chosen)  # e.g. the original of a blacked-out file stays private
    _check_material(notice, chosen)
    return notice, chosen


@files.cleans_up_on_error
def send_notice(
    *, actor: Any, info_request: InfoRequest, released_file_ids: Iterable[Any] = ()
) -> Notice:
    """Send the written notice: one action that renders the letter, releases the chosen
    documents, answers the request and, for information held by another body on the
    platform, refers it there (Pasal 22(7)).

    The letter is rendered before the transaction, from the request and notice as they
    are read then: WeasyPrint takes a second or more, and under the row lock (on SQLite:
    the database's write lock) it held up every other action on the request. Rendering
    after commit instead would leave an answered request without its letter when the
    render fails, and the requester's e-mail would have to wait for a second step. Under
    the lock the action checks that neither the request nor the notice nor the chosen
    documents changed since they were read; if they did, it refuses and the officer
    sends again, seeing what a colleague changed, rather than a letter that no longer
    says what was saved.
    """
    released_file_ids = list(released_file_ids)
    read = InfoRequest.objects.select_related("body", "ppid_body").get(pk=info_request.pk)
    draft, released = _ready_to_send(
        actor=actor,
        info_request=read,
        notice=Notice.objects.filter(info_request=read).first(),
        released_file_ids=released_file_ids,
    )
    draft.info_request = read  # the letter shows what was read, and compared below
    now = timezone.now()
    draft.sent_at = now  # the letter's date is the day it is sent
    try:
        letter = letters.render_notice(
            draft, released=released, signer=letters.signer_of(actor, read)
        )
    except SigningError as error:
        # Never sent unsigned when the body has a key that does not work: nothing changes.
        raise ActionError(
            gettext("Pemberitahuan tertulis belum dikirim: %(reason)s Hubungi administrator.")
            % {"reason": str(error)}
        ) from error
    with transaction.atomic():
        info_request = _lock(info_request)
        notice, chosen = _ready_to_send(
            actor=actor,
            info_request=info_request,
            notice=Notice.objects.select_for_update().filter(info_request=info_request).first(),
            released_file_ids=released_file_ids,
        )
        if (
            info_request.updated_at != read.updated_at
            or (notice.pk, notice.updated_at) != (draft.pk, draft.updated_at)
            or {item.pk for item in chosen} != {item.pk for item in released}
        ):
            raise ActionError(
                gettext(
                    "Permohonan atau pemberitahuan tertulis ini diubah saat suratnya disiapkan."
                    " Periksa kembali, lalu kirim ulang."
                )
            )
        old = _move(info_request, Status.ANSWERED)
        info_request.answered_at = now
        notice.sent_at = now
        notice.sent_by = actor
        notice.save(update_fields=["sent_at", "sent_by", "updated_at"])
        RequestFile.objects.filter(pk__in=[item.pk for item in chosen]).update(
            kind=FileKind.RELEASED
        )
        issuing.record(letter, subject=letters.notice_subject(info_request))
        files.store_bytes(
            info_request=info_request,
            content=letter.pdf,
            kind=FileKind.LETTER,
            original_name=letters.letter_filename(info_request),
            content_type="application/pdf",
            uploaded_by=actor,
        )
        # Its timing is stored with the answer: the statistics read it (issue 10).
        timing = queries.apply_timing(info_request, deadlines.calendar_for(info_request))
        info_request.save(
            update_fields=["status", "answered_at", *queries.TIMING_FIELDS, "updated_at"]
        )
        if info_request.publish_allowed:
            pagecache.bump()  # it joins the public request log
        _close_dispositions(info_request)
        data: dict[str, Any] = {
            "outcome": notice.outcome,
            "released": len(chosen),
            "signed": letter.is_signed,
        }
        if timing.late:
            # Sent after the due date: a ground for an objection (Pasal 35(1)g), kept as
            # it was counted on the day it was sent.
            data |= {
                "late": True,
                "working_days_late": timing.working_days_late,
                "working_days_taken": timing.working_days_taken,
            }
        _event(
            info_request,
            actor=actor,
            kind=EventKind.NOTICE_SENT,
            old_status=old,
            new_status=info_request.status,
            note=notice.get_outcome_display(),
            data=data,
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
    referral, _created = _create(
        actor=actor,
        body=to,
        channel=Channel.REFERRAL,
        received_at=timezone.now(),
        identity=Identity.of(info_request),
        content=RequestContent.of(info_request),
        requester=info_request.requester,
        registered_by=actor,
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
