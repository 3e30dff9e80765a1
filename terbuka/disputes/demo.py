"""Demo disputes (``seed_demo``), through the real actions: the refusal that the Atasan
upheld and the requester took to the Komisi Informasi is registered there, had its
pemeriksaan awal and is in adjudication (a refusal under Pasal 17 is not mediated), with
the next session ahead; and a dispute over a request that came in by letter before the
platform, decided in part for the requester, with the release not yet recorded."""

from __future__ import annotations

import datetime as dt
from io import TextIOBase

from django.utils import timezone

from terbuka.accounts.models import User
from terbuka.bodies.models import Body
from terbuka.disputes import actions
from terbuka.disputes.models import Dispute, HearingKind, Outcome, Stage
from terbuka.remedies.demo import MARKER as OBJECTION_MARKER
from terbuka.remedies.models import Objection
from terbuka.workdays import calendar as workdays_calendar


def _working_day(body: Body, offset: int) -> dt.date:
    """The working day ``offset`` working days from today (negative: before)."""
    calendar = workdays_calendar.for_body(body)
    day = timezone.now().astimezone(body.tzinfo).date()
    step = dt.timedelta(days=1 if offset > 0 else -1)
    counted = 0
    while counted < abs(offset):
        day += step
        if calendar.is_working_day(day):
            counted += 1
    return day


def _at(body: Body, day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=body.tzinfo)


def seed(stdout: TextIOBase) -> None:
    if Dispute.objects.exists():
        stdout.write("Sengketa demo sudah ada; dilewati.\n")
        return
    objection = Objection.objects.filter(idempotency_key=OBJECTION_MARKER + "refused").first()
    if objection is None:
        stdout.write("Tidak ada keberatan demo; sengketa demo dilewati.\n")
        return
    operator = User.objects.get(username="operator.kalteng")
    body = objection.ppid_body
    year = timezone.now().year

    # The upheld refusal at the provincial KI: registered, pemeriksaan awal held,
    # adjudication under way with its next session in three working days.
    dispute = actions.record_from_objection(
        actor=operator,
        objection=objection,
        petition=actions.Petition(
            petitioner_name=objection.requester_name,
            filed_on=_working_day(body, -4),
            subject="Daftar nama pasien penerima bantuan pengobatan yang ditolak PPID.",
        ),
    )
    actions.register(
        actor=operator,
        dispute=dispute,
        registration_number=f"012/IX/KI-Kalteng-PS/{year}",
        registered_on=_working_day(body, -3),
    )
    actions.move_stage(actor=operator, dispute=dispute, stage=Stage.PRELIMINARY)
    hearing = actions.schedule_hearing(
        actor=operator,
        dispute=dispute,
        at=_at(body, _working_day(body, -1), 9),
        kind=HearingKind.PRELIMINARY,
        place="Ruang sidang Komisi Informasi Provinsi Kalimantan Tengah, Palangka Raya",
    )
    actions.record_hearing_result(
        actor=operator,
        hearing=hearing,
        result="Majelis menyatakan berwenang; permohonan diajukan dalam tenggat. Mediasi tidak"
        " tersedia untuk penolakan berdasarkan Pasal 17: dilanjutkan ke ajudikasi.",
    )
    actions.move_stage(actor=operator, dispute=dispute, stage=Stage.ADJUDICATION)
    actions.schedule_hearing(
        actor=operator,
        dispute=dispute,
        at=_at(body, _working_day(body, 3), 13),
        kind=HearingKind.ADJUDICATION,
        place="Ruang sidang Komisi Informasi Provinsi Kalimantan Tengah, Palangka Raya",
    )

    # A case from before the platform, decided in part for the petitioner.
    external = actions.record_external(
        actor=operator,
        ppid_body=body,
        petition=actions.Petition(
            petitioner_name="Perkumpulan Warga Peduli Anggaran",
            filed_on=_working_day(body, -60),
            subject="Dokumen kontrak pembangunan jalan provinsi ruas Kasongan–Tumbang Samba.",
            registration_number=f"004/V/KI-Kalteng-PS/{year}",
            registered_on=_working_day(body, -58),
        ),
        external=actions.ExternalCase(
            request_number="045/PPID-KALTENG/II/2025",
            request_date=_working_day(body, -120),
            objection_number="011/KEB-KALTENG/III/2025",
            objection_date=_working_day(body, -100),
        ),
    )
    actions.move_stage(actor=operator, dispute=external, stage=Stage.PRELIMINARY)
    actions.move_stage(actor=operator, dispute=external, stage=Stage.ADJUDICATION)
    actions.record_decision(
        actor=operator,
        dispute=external,
        decided_on=_working_day(body, -5),
        outcome=Outcome.GRANTED_IN_PART,
        orders="Memberikan salinan kontrak beserta adendumnya, dengan menghitamkan nomor"
        " rekening penyedia jasa, paling lambat 14 hari kerja sejak putusan berkekuatan"
        " hukum tetap.",
        orders_release=True,
        received_on=_working_day(body, -3),
    )
    stdout.write(f"{Dispute.objects.count()} sengketa demo.\n")
