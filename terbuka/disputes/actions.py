"""Every state change of a dispute (STYLE.md "Workflows"), UU 14/2008 Pasal 37–38, 48;
Perki 1/2013.

Each action is keyword-only and atomic, takes the acting user, re-reads the dispute under
``select_for_update``, checks the move against ``TRANSITIONS`` and the actor's right to keep
the PPID body's disputes (``access``), saves, and writes an ``Event`` with its audit record.
A refused action raises ``ActionError`` (a complete Indonesian sentence) and changes
nothing. Dates the law sets are counted by ``clocks`` on the PPID body's calendar. The
dates an officer types (filed, registered, decided …) are the Komisi Informasi's, so they
may lie in the past but never in the future; hearings may be scheduled ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from terbuka.audit import log as audit_log
from terbuka.bodies.models import Body
from terbuka.disputes import access, clocks
from terbuka.disputes.models import (
    CourtChallenge,
    Dispute,
    Event,
    EventKind,
    Hearing,
    HearingKind,
    Outcome,
    Release,
    Stage,
)
from terbuka.remedies import clocks as objection_clocks
from terbuka.remedies import dossier
from terbuka.remedies.models import Objection
from terbuka.requests.errors import ActionError
from terbuka.requests.models import InfoRequest
from terbuka.workdays import state as workdays_state

# Moves made by ``move_stage``; the others have their own verb (they carry data).
PLAIN_MOVES = frozenset({Stage.PRELIMINARY, Stage.ADJUDICATION})


@dataclass(frozen=True)
class Petition:
    """What the PPID body learns of the petition (from the KI's summons or the petitioner):
    who, at which KI, when, and, if it is known already, the KI's registration."""

    petitioner_name: str
    filed_on: dt.date
    commission: str = ""
    subject: str = ""
    registration_number: str = ""
    registered_on: dt.date | None = None


@dataclass(frozen=True)
class ExternalCase:
    """The request and objection of a case that came in outside the platform."""

    request_number: str = ""
    request_date: dt.date | None = None
    objection_number: str = ""
    objection_date: dt.date | None = None


def _event(
    dispute: Dispute,
    *,
    actor: Any,
    kind: str,
    note: str = "",
    old_stage: str = "",
    **data: Any,
) -> Event:
    """The timeline event and its audit record (never the note or the petitioner's name)."""
    event = Event.objects.create(
        dispute=dispute,
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        old_stage=old_stage,
        new_stage=dispute.stage if old_stage else "",
        note=note,
        data=data,
    )
    audit_log.record(
        actor=actor,
        action=f"dispute.{kind}",
        obj=dispute,
        summary=dispute.registration_number or str(dispute.public_id),
        detail={"event": event.pk, "stage": dispute.stage},
    )
    return event


def _lock(dispute: Dispute, actor: Any) -> Dispute:
    locked = (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("ppid_body", "info_request", "objection")
        .get(pk=dispute.pk)
    )
    if not access.can_keep(actor, locked):
        raise PermissionDenied(
            gettext("Hanya PPID Utama dan operator badan publik ini yang mencatat sengketa.")
        )
    return locked


def _move(dispute: Dispute, stage: str) -> str:
    if not dispute.can_move_to(stage):
        raise ActionError(
            gettext("Sengketa pada tahap %(old)s tidak dapat berpindah ke tahap %(new)s.")
            % {"old": dispute.get_stage_display().lower(), "new": Stage(stage).label.lower()}
        )
    old = dispute.stage
    dispute.stage = stage
    return old


def _today(body: Body) -> dt.date:
    return workdays_state.today(body)


def _not_future(day: dt.date | None, body: Body, what: str) -> None:
    if day is not None and day > _today(body):
        raise ActionError(
            gettext("%(what)s tidak boleh di masa depan.") % {"what": what.capitalize()}
        )


def _not_before(day: dt.date, earlier: dt.date | None, what: str, than: str) -> None:
    if earlier is not None and day < earlier:
        raise ActionError(
            gettext("%(what)s tidak boleh sebelum %(than)s (%(day)s).")
            % {"what": what.capitalize(), "than": than, "day": earlier.isoformat()}
        )


def _apply_registration(dispute: Dispute, number: str, registered_on: dt.date | None) -> None:
    number = number.strip()
    if registered_on is None:
        if number:
            raise ActionError(gettext("Isi tanggal registrasi beserta nomor registrasinya."))
        return
    if not number:
        raise ActionError(
            gettext("Isi nomor registrasi sengketa dari akta registrasi Komisi Informasi.")
        )
    _not_future(registered_on, dispute.ppid_body, gettext("tanggal registrasi"))
    _not_before(
        registered_on, dispute.filed_on, gettext("tanggal registrasi"), gettext("tanggal diajukan")
    )
    calendar = clocks.calendar_for(dispute.ppid_body)
    dispute.registration_number = number
    dispute.registered_on = registered_on
    dispute.start_due = clocks.start_due(registered_on, calendar)
    dispute.limit_due = clocks.limit_due(registered_on, calendar)


def _commission(objection: Objection | None, info_request: InfoRequest | None, body: Body) -> str:
    """Perki 1/2013 Pasal 6, from the case's body (the body objected to, the request's)."""
    if objection is not None:
        return dossier.competent_commission(objection)
    if info_request is not None:
        return dossier.commission_for_body(info_request.body)
    return dossier.commission_for_body(body)


def default_commission(
    *, objection: Objection | None = None, info_request: InfoRequest | None = None, body: Body
) -> str:
    """The KI to prefill on the form."""
    return _commission(objection, info_request, body)


def _create(
    *,
    actor: Any,
    ppid_body: Body,
    petition: Petition,
    objection: Objection | None = None,
    info_request: InfoRequest | None = None,
    external: ExternalCase | None = None,
) -> Dispute:
    if not access.can_record_for(actor, ppid_body):
        raise PermissionDenied(
            gettext("Hanya PPID Utama dan operator badan publik ini yang mencatat sengketa.")
        )
    if not petition.petitioner_name.strip():
        raise ActionError(gettext("Isi nama pemohon penyelesaian sengketa."))
    _not_future(petition.filed_on, ppid_body, gettext("tanggal diajukan"))
    external = external or ExternalCase()
    dispute = Dispute(
        ppid_body=ppid_body,
        objection=objection,
        info_request=info_request,
        external_request_number=external.request_number.strip(),
        external_request_date=external.request_date,
        external_objection_number=external.objection_number.strip(),
        external_objection_date=external.objection_date,
        subject=petition.subject.strip(),
        petitioner_name=petition.petitioner_name.strip(),
        commission=petition.commission.strip() or _commission(objection, info_request, ppid_body),
        filed_on=petition.filed_on,
        recorded_by=actor,
    )
    _apply_registration(dispute, petition.registration_number, petition.registered_on)
    dispute.save()
    _event(
        dispute,
        actor=actor,
        kind=EventKind.RECORDED,
        filed_on=dispute.filed_on.isoformat(),
        external=dispute.is_external,
    )
    if dispute.is_registered:
        _event(dispute, actor=actor, kind=EventKind.REGISTERED, **_registration_data(dispute))
    return dispute


def _registration_data(dispute: Dispute) -> dict[str, Any]:
    return {
        "registered_on": dispute.registered_on.isoformat() if dispute.registered_on else None,
        "start_due": dispute.start_due.isoformat() if dispute.start_due else None,
        "limit_due": dispute.limit_due.isoformat() if dispute.limit_due else None,
    }


@transaction.atomic
def record_from_objection(*, actor: Any, objection: Objection, petition: Petition) -> Dispute:
    """The requester took the objection to the Komisi Informasi."""
    objection = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("ppid_body")
        .get(pk=objection.pk)
    )
    if not access.can_record_from_objection(actor, objection):
        raise PermissionDenied(gettext("Anda tidak dapat mencatat sengketa untuk keberatan ini."))
    if objection.status == "withdrawn":
        raise ActionError(gettext("Keberatan ini sudah dicabut: tidak ada sengketa atasnya."))
    if Dispute.objects.filter(objection=objection).exclude(stage=Stage.WITHDRAWN).exists():
        raise ActionError(gettext("Sengketa atas keberatan ini sudah dicatat."))
    if objection_clocks.dispute_window(objection) is None:
        # UU Pasal 37(1): a dispute follows the Atasan's answer, or his silence.
        raise ActionError(
            gettext(
                "Sengketa atas keberatan ini belum dapat diajukan: Atasan PPID belum"
                " menanggapinya dan batas waktu tanggapannya belum lewat."
            )
        )
    # Never assume the objection has a request (a ground-b objection may have none).
    info_request = (
        InfoRequest.objects.select_related("body").get(pk=objection.info_request_id)
        if objection.info_request_id is not None
        else None
    )
    return _create(
        actor=actor,
        ppid_body=objection.ppid_body,
        petition=petition,
        objection=objection,
        info_request=info_request,
    )


@transaction.atomic
def record_from_request(*, actor: Any, info_request: InfoRequest, petition: Petition) -> Dispute:
    """A dispute about a request of the platform whose objection came in outside it."""
    info_request = InfoRequest.objects.select_related("body", "ppid_body").get(pk=info_request.pk)
    if not access.can_record_from_request(actor, info_request):
        raise PermissionDenied(gettext("Anda tidak dapat mencatat sengketa untuk permohonan ini."))
    if info_request.ppid_body is None:
        raise ActionError(gettext("Permohonan ini tidak memiliki PPID."))
    return _create(
        actor=actor, ppid_body=info_request.ppid_body, petition=petition, info_request=info_request
    )


@transaction.atomic
def record_external(
    *, actor: Any, ppid_body: Body, petition: Petition, external: ExternalCase
) -> Dispute:
    """A dispute whose request and objection came in outside the platform."""
    if not (external.request_number.strip() or external.objection_number.strip()):
        raise ActionError(
            gettext("Isi sekurang-kurangnya nomor permohonan atau nomor keberatan aslinya.")
        )
    return _create(actor=actor, ppid_body=ppid_body, petition=petition, external=external)


@transaction.atomic
def register(
    *, actor: Any, dispute: Dispute, registration_number: str, registered_on: dt.date
) -> Dispute:
    """The KI registered the petition (akta registrasi): its number, and the clocks of
    Pasal 38 start."""
    dispute = _lock(dispute, actor)
    if not dispute.is_pending:
        raise ActionError(gettext("Sengketa ini sudah diputus atau selesai."))
    _apply_registration(dispute, registration_number, registered_on)
    dispute.save()
    _event(dispute, actor=actor, kind=EventKind.REGISTERED, **_registration_data(dispute))
    return dispute


@transaction.atomic
def move_stage(*, actor: Any, dispute: Dispute, stage: str, note: str = "") -> Dispute:
    """To the pemeriksaan awal, or to adjudication (directly, or after failed mediation)."""
    dispute = _lock(dispute, actor)
    if stage not in PLAIN_MOVES:
        raise ActionError(gettext("Gunakan formulir langkah tersebut untuk berpindah tahap."))
    if not dispute.is_registered:
        raise ActionError(
            gettext("Catat dulu registrasi sengketa (nomor dan tanggal akta registrasi).")
        )
    old = _move(dispute, stage)
    dispute.save(update_fields=["stage", "updated_at"])
    _event(dispute, actor=actor, kind=EventKind.STAGE_CHANGED, note=note.strip(), old_stage=old)
    return dispute


@transaction.atomic
def schedule_hearing(
    *, actor: Any, dispute: Dispute, at: dt.datetime, kind: str, place: str = ""
) -> Hearing:
    dispute = _lock(dispute, actor)
    if not dispute.is_pending:
        raise ActionError(gettext("Sengketa ini tidak lagi diperiksa Komisi Informasi."))
    if kind not in HearingKind.values:
        raise ActionError(gettext("Pilih jenis sidang."))
    if timezone.is_naive(at):
        raise ActionError(gettext("Waktu sidang harus mencantumkan zona waktu."))
    local_day = timezone.localtime(at, dispute.ppid_body.tzinfo).date()
    _not_before(local_day, dispute.filed_on, gettext("tanggal sidang"), gettext("tanggal diajukan"))
    hearing = Hearing.objects.create(dispute=dispute, at=at, kind=kind, place=place.strip())
    _event(
        dispute,
        actor=actor,
        kind=EventKind.HEARING_SCHEDULED,
        hearing=str(hearing.public_id),
        at=at.isoformat(),
        hearing_kind=kind,
    )
    return hearing


@transaction.atomic
def record_hearing_result(*, actor: Any, hearing: Hearing, result: str) -> Hearing:
    dispute = _lock(hearing.dispute, actor)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk, dispute=dispute)
    if not result.strip():
        raise ActionError(gettext("Tuliskan hasil sidang."))
    if hearing.at > timezone.now():
        raise ActionError(gettext("Hasil sidang dicatat setelah sidang berlangsung."))
    hearing.result = result.strip()
    hearing.save(update_fields=["result"])
    _event(
        dispute,
        actor=actor,
        kind=EventKind.HEARING_RESULT,
        note=hearing.result,
        hearing=str(hearing.public_id),
    )
    return hearing


@transaction.atomic
def start_mediation(*, actor: Any, dispute: Dispute, first_session_on: dt.date) -> Dispute:
    """The first mediation session: 14 working days from it (Perki 1/2013 Pasal 41). Not
    for a refusal under Pasal 17, which the KI adjudicates (UU Pasal 40(2))."""
    dispute = _lock(dispute, actor)
    if dispute.objection is not None and "a" in dispute.objection.grounds:
        raise ActionError(
            gettext(
                "Sengketa atas penolakan berdasarkan Pasal 17 diselesaikan melalui ajudikasi,"
                " bukan mediasi (UU 14/2008 Pasal 40 ayat 2)."
            )
        )
    old = _move(dispute, Stage.MEDIATION)
    _not_future(first_session_on, dispute.ppid_body, gettext("tanggal sidang mediasi pertama"))
    _not_before(
        first_session_on, dispute.registered_on, gettext("sidang mediasi"), gettext("registrasi")
    )
    calendar = clocks.calendar_for(dispute.ppid_body)
    dispute.mediation_started_on = first_session_on
    dispute.mediation_due = clocks.mediation_due(first_session_on, calendar, extended=False)
    dispute.save()
    _event(
        dispute,
        actor=actor,
        kind=EventKind.MEDIATION_STARTED,
        old_stage=old,
        first_session_on=first_session_on.isoformat(),
        mediation_due=dispute.mediation_due.isoformat(),
    )
    return dispute


@transaction.atomic
def extend_mediation(*, actor: Any, dispute: Dispute, reason: str) -> Dispute:
    """Once, by 7 working days, with the written reason (Perki 1/2013 Pasal 41)."""
    dispute = _lock(dispute, actor)
    if dispute.stage != Stage.MEDIATION or dispute.mediation_started_on is None:
        raise ActionError(gettext("Hanya mediasi yang sedang berjalan dapat diperpanjang."))
    if dispute.mediation_extended:
        raise ActionError(gettext("Mediasi hanya dapat diperpanjang satu kali."))
    if not reason.strip():
        raise ActionError(gettext("Tuliskan alasan perpanjangan mediasi."))
    old_due = dispute.mediation_due
    calendar = clocks.calendar_for(dispute.ppid_body)
    dispute.mediation_extended = True
    dispute.mediation_extension_reason = reason.strip()
    dispute.mediation_due = clocks.mediation_due(
        dispute.mediation_started_on, calendar, extended=True
    )
    dispute.save()
    _event(
        dispute,
        actor=actor,
        kind=EventKind.MEDIATION_EXTENDED,
        note=dispute.mediation_extension_reason,
        old_due=old_due.isoformat() if old_due else None,
        new_due=dispute.mediation_due.isoformat(),
    )
    return dispute


@transaction.atomic
def record_decision(
    *,
    actor: Any,
    dispute: Dispute,
    decided_on: dt.date,
    outcome: str,
    orders: str = "",
    orders_release: bool = False,
    received_on: dt.date,
) -> Dispute:
    """The KI's decision (putusan) and the day the body received it: the 14 working days
    to go to court start (UU Pasal 48(1))."""
    dispute = _lock(dispute, actor)
    if outcome not in Outcome.values:
        raise ActionError(gettext("Pilih amar putusan."))
    if outcome == Outcome.AGREEMENT and dispute.stage != Stage.MEDIATION:
        raise ActionError(gettext("Kesepakatan mediasi hanya dapat dicatat dari tahap mediasi."))
    if outcome in (Outcome.GRANTED, Outcome.GRANTED_IN_PART, Outcome.AGREEMENT) and not (
        orders.strip()
    ):
        raise ActionError(gettext("Tuliskan apa yang diperintahkan putusan kepada badan publik."))
    old = _move(dispute, Stage.DECIDED)
    body = dispute.ppid_body
    _not_future(decided_on, body, gettext("tanggal putusan"))
    _not_future(received_on, body, gettext("tanggal putusan diterima"))
    _not_before(
        decided_on, dispute.filed_on, gettext("tanggal putusan"), gettext("tanggal diajukan")
    )
    _not_before(received_on, decided_on, gettext("tanggal diterima"), gettext("tanggal putusan"))
    dispute.decided_on = decided_on
    dispute.outcome = outcome
    dispute.orders = orders.strip()
    dispute.orders_release = bool(orders_release) and outcome != Outcome.REFUSED
    dispute.decision_received_on = received_on
    dispute.court_due = clocks.court_due(received_on, clocks.calendar_for(body))
    dispute.save()
    _event(
        dispute,
        actor=actor,
        kind=EventKind.DECIDED,
        old_stage=old,
        outcome=outcome,
        decided_on=decided_on.isoformat(),
        court_due=dispute.court_due.isoformat(),
    )
    return dispute


@transaction.atomic
def record_court_challenge(
    *, actor: Any, dispute: Dispute, challenged: bool, on: dt.date | None = None, note: str = ""
) -> Dispute:
    """A party went to court (UU Pasal 47–48), or the 14 working days passed without it."""
    dispute = _lock(dispute, actor)
    if dispute.stage != Stage.DECIDED or dispute.court_due is None:
        raise ActionError(gettext("Gugatan hanya dapat dicatat setelah putusan dicatat."))
    if dispute.court_challenge:
        raise ActionError(gettext("Gugatan atas putusan ini sudah dicatat."))
    body = dispute.ppid_body
    if challenged:
        if on is None:
            raise ActionError(gettext("Isi tanggal gugatan diajukan."))
        _not_future(on, body, gettext("tanggal gugatan"))
        _not_before(on, dispute.decided_on, gettext("tanggal gugatan"), gettext("tanggal putusan"))
    elif _today(body) <= dispute.court_due:
        raise ActionError(
            gettext(
                "Jangka waktu gugatan belum lewat (sampai %(due)s): catat “tidak ada gugatan”"
                " sesudahnya."
            )
            % {"due": dispute.court_due.isoformat()}
        )
    dispute.court_challenge = CourtChallenge.FILED if challenged else CourtChallenge.NONE
    dispute.court_challenge_on = on if challenged else None
    dispute.court_challenge_note = note.strip()
    dispute.save()
    _event(
        dispute,
        actor=actor,
        kind=EventKind.COURT_CHALLENGE,
        note=dispute.court_challenge_note,
        challenge=dispute.court_challenge,
    )
    return dispute


@transaction.atomic
def record_release(
    *, actor: Any, dispute: Dispute, released_on: dt.date, description: str
) -> Release:
    """Information given because of the decision or the mediation agreement."""
    dispute = _lock(dispute, actor)
    if dispute.stage not in (Stage.DECIDED, Stage.CLOSED):
        raise ActionError(
            gettext("Pemberian informasi dicatat setelah putusan atau kesepakatan mediasi.")
        )
    if not description.strip():
        raise ActionError(gettext("Tuliskan informasi apa yang diberikan."))
    _not_future(released_on, dispute.ppid_body, gettext("tanggal diberikan"))
    _not_before(
        released_on, dispute.decided_on, gettext("tanggal diberikan"), gettext("tanggal putusan")
    )
    release = Release.objects.create(
        dispute=dispute, released_on=released_on, description=description.strip(), recorded_by=actor
    )
    _event(
        dispute,
        actor=actor,
        kind=EventKind.RELEASED,
        note=release.description,
        released_on=released_on.isoformat(),
    )
    return release


@transaction.atomic
def withdraw(*, actor: Any, dispute: Dispute, note: str = "") -> Dispute:
    """The petitioner withdrew the petition (the KI's record of it)."""
    dispute = _lock(dispute, actor)
    old = _move(dispute, Stage.WITHDRAWN)
    dispute.closed_at = timezone.now()
    dispute.save(update_fields=["stage", "closed_at", "updated_at"])
    _event(dispute, actor=actor, kind=EventKind.WITHDRAWN, note=note.strip(), old_stage=old)
    return dispute


@transaction.atomic
def close(*, actor: Any, dispute: Dispute, note: str = "") -> Dispute:
    """The case is over: the court window passed or the challenge is recorded, and what the
    decision ordered is done."""
    dispute = _lock(dispute, actor)
    if dispute.stage == Stage.DECIDED:
        if not dispute.court_challenge:
            raise ActionError(
                gettext("Catat dulu ada atau tidaknya gugatan ke pengadilan atas putusan ini.")
            )
        final = dispute.court_challenge == CourtChallenge.NONE
        if final and dispute.orders_release and not dispute.releases.exists():
            raise ActionError(
                gettext("Putusan memerintahkan pemberian informasi: catat dulu pemberiannya.")
            )
    old = _move(dispute, Stage.CLOSED)
    dispute.closed_at = timezone.now()
    dispute.save(update_fields=["stage", "closed_at", "updated_at"])
    _event(dispute, actor=actor, kind=EventKind.CLOSED, note=note.strip(), old_stage=old)
    return dispute
