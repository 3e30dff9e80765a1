"""A small world for the figures, built through the real actions with frozen time, and the
figures computed by hand from it (the calendar has no holidays here: Monday–Friday).

Province of Kalimantan Tengah (WIB), semester I of 2025; every time is 10:00 WIB, within
service hours, so a request counts from its own day (day 1 is the next working day).

| # | received | by / channel | addressed to | what happens | working days |
|---|---|---|---|---|---|
| r1 | Mon 3 Feb | Siti, online | agency A | granted in full, Mon 10 Feb | 5 |
| r2 | Tue 4 Feb | Siti, online | agency A | refused, Pasal 17 h.2, Tue 18 Feb (due day) | 10 |
| r3 | Wed 5 Feb | Budi, online | agency A | +7 days on 17 Feb; in part Thu 27 Feb | 16 (due 28 Feb) |
| r4 | Thu 6 Feb | letter, legal entity | province | refused, 17 b, Mon 24 Feb (due 20 Feb) | 12, late |
| r5 | Fri 7 Feb | Siti, online | agency B | withdrawn Mon 10 Feb | — |
| r6 | Mon 3 Mar | walk-in (operator) | province | still open | — |
| r7 | Mon 10 Feb | Budi, online | agency B | not held, referred to the regency, Wed 12 Feb | 2 |
| r8 | Tue 11 Feb | Siti, online | regency agency | another PPID body: not the province's | — |
| r9 | Tue 1 Jul | e-mail (operator) | province | semester II: granted Wed 2 Jul | 1 |

Siti objects to r2 on Wed 19 Feb; the Atasan PPID upholds on Wed 5 Mar. She takes it to
the Komisi Informasi on Mon 10 Mar (recorded by the PPID Utama on 12 Mar); the KI refuses
her petition on Thu 19 Jun (received Fri 20 Jun).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

import time_machine

from terbuka.disputes import actions as dispute_actions
from terbuka.disputes.actions import Petition
from terbuka.disputes.models import Dispute
from terbuka.remedies import actions as remedy_actions
from terbuka.remedies.actions import ObjectionContent
from terbuka.remedies.models import Objection
from terbuka.requests import actions as request_actions
from terbuka.requests.models import Delivery, HowToObtain, InfoRequest
from terbuka.testing import World, register_request, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
LETTER_ADDRESS = "Jl. RTA Milono Km 1,5 No. 7, Palangka Raya"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def on(day: dt.date) -> Any:
    return time_machine.travel(at(day), tick=False)


@dataclass
class Small:
    r1: InfoRequest
    r2: InfoRequest
    r3: InfoRequest
    r4: InfoRequest
    r5: InfoRequest
    r6: InfoRequest
    r7: InfoRequest
    r8: InfoRequest
    r9: InfoRequest
    objection: Objection
    dispute: Dispute


def _send(officer: Any, info_request: InfoRequest, **fields: Any) -> None:
    request_actions.save_notice(actor=officer, info_request=info_request, **fields)
    request_actions.send_notice(actor=officer, info_request=info_request)


def _grant(officer: Any, info_request: InfoRequest, **extra: Any) -> None:
    _send(
        officer,
        info_request,
        outcome="granted",
        material="Salinan dokumen yang dimohonkan",
        form=HowToObtain.HARDCOPY,
        delivery=Delivery.PICKUP,
        **extra,
    )


def registered(world: World, day: dt.date, channel: str, **extra: Any) -> InfoRequest:
    with on(day):
        return register_request(world, received_at=at(day), channel=channel, **extra)


def build(world: World) -> Small:
    d = dt.date
    utama = world.utama
    with on(d(2025, 2, 3)):
        r1 = submit_request(world, subject="Data jumlah puskesmas 2024")
    with on(d(2025, 2, 4)):
        r2 = submit_request(world, subject="Rekam medis pasien rumah sakit daerah")
    with on(d(2025, 2, 5)):
        r3 = submit_request(
            world, user=world.other_requester, subject="Anggaran pengadaan alat kesehatan"
        )
    r4 = registered(
        world,
        d(2025, 2, 6),
        "letter",
        identity=request_actions.Identity(
            requester_type="legal_entity",
            name="Yayasan Peduli Kahayan",
            legal_entity_decree="AHU-0012345.AH.01.04 Tahun 2020",
            address=LETTER_ADDRESS,
            phone="0536123456",
            email="yayasan@example.test",
        ),
        subject="Hasil audit internal inspektorat",
    )
    with on(d(2025, 2, 7)):
        r5 = submit_request(world, body=world.agency_b, subject="Daftar proyek jalan 2025")
    with on(d(2025, 2, 10)):
        r7 = submit_request(
            world,
            body=world.agency_b,
            user=world.other_requester,
            subject="Data jembatan di Barito Utara",
        )
        _grant(utama, r1)
        request_actions.withdraw(actor=world.requester, info_request=r5, reason="Sudah dapat.")
    with on(d(2025, 2, 11)):
        r8 = submit_request(world, body=world.regency_agency, subject="Data posyandu Barut")
    with on(d(2025, 2, 12)):
        _send(utama, r7, outcome="not_held", holding_body=world.regency)
    with on(d(2025, 2, 17)):
        request_actions.extend(
            actor=utama, info_request=r3, days=7, reason="Data tersebar di beberapa bidang."
        )
    with on(d(2025, 2, 18)):
        _send(
            utama,
            r2,
            outcome="refused_exempt",
            exemption_ground="h.2",
            consequence_test="Rekam medis adalah rahasia pribadi pasien.",
        )
    with on(d(2025, 2, 19)):
        objection = remedy_actions.file_objection(
            actor=world.requester,
            info_request=r2,
            content=ObjectionContent(grounds=["a"], case_description="Data agregat, bukan rekam."),
        )
    with on(d(2025, 2, 24)):
        _send(
            utama,
            r4,
            outcome="refused_exempt",
            exemption_ground="b",
            consequence_test="Memuat rahasia dagang pihak ketiga.",
        )
    with on(d(2025, 2, 27)):
        _send(
            utama,
            r3,
            outcome="granted_in_part",
            material="Rekap anggaran",
            withheld="Nama penyedia dihitamkan (Pasal 17 huruf b).",
            form=HowToObtain.HARDCOPY,
            delivery=Delivery.PICKUP,
            pages=10,
            fee_per_page=500,
            payment_instructions="Bayar tunai di loket PPID.",
        )
    r6 = registered(world, d(2025, 3, 3), "walk_in", subject="Rencana kerja 2025")
    with on(d(2025, 3, 5)):
        remedy_actions.decide(
            actor=world.atasan, objection=objection, upheld=True, reasons="Uji konsekuensi tepat."
        )
    with on(d(2025, 3, 12)):
        dispute = dispute_actions.record_from_objection(
            actor=utama,
            objection=objection,
            petition=Petition(petitioner_name="Siti Rahmawati", filed_on=d(2025, 3, 10)),
        )
        dispute_actions.register(
            actor=utama,
            dispute=dispute,
            registration_number="005/III/KI-Kalteng-PS/2025",
            registered_on=d(2025, 3, 11),
        )
    with on(d(2025, 6, 20)):
        dispute_actions.move_stage(actor=utama, dispute=dispute, stage="preliminary")
        dispute_actions.move_stage(actor=utama, dispute=dispute, stage="adjudication")
        dispute_actions.record_decision(
            actor=utama,
            dispute=dispute,
            decided_on=d(2025, 6, 19),
            outcome="refused",
            received_on=d(2025, 6, 20),
        )
    r9 = registered(world, d(2025, 7, 1), "email", subject="Laporan keuangan 2024")
    with on(d(2025, 7, 2)):
        _grant(utama, r9)
    for item in (r1, r2, r3, r4, r5, r6, r7, r8, r9):
        item.refresh_from_db()
    objection.refresh_from_db()
    return Small(r1, r2, r3, r4, r5, r6, r7, r8, r9, objection, dispute)


# The province's figures for semester I 2025, computed by hand from the table above.
SEMESTER_1: dict[str, int | float | None] = {
    "received.total": 7,  # r1–r7
    "received.channel.online": 5,  # r1 r2 r3 r5 r7
    "received.channel.walk_in": 1,  # r6
    "received.channel.letter": 1,  # r4
    "received.channel.email": 0,
    "received.channel.phone": 0,
    "received.channel.referral": 0,
    "received.requester_type.individual": 6,
    "received.requester_type.legal_entity": 1,  # r4
    "received.requester_type.group": 0,
    "outcome.granted": 1,  # r1
    "outcome.granted_in_part": 1,  # r3
    "outcome.refused_exempt": 2,  # r2 r4
    "outcome.not_held": 1,  # r7
    "outcome.not_yet_documented": 0,
    "outcome.withdrawn": 1,  # r5
    "outcome.open": 1,  # r6
    "outcome.granted_in_full_or_part": 2,
    "refused.b": 1,  # r4
    "refused.h.2": 1,  # r2
    "timing.answered": 5,  # days 2 5 10 12 16
    "timing.median": 10,
    "timing.p90": 16,  # nearest rank: the 5th of 5
    "timing.within_10": 3,  # r7 r1 r2
    "timing.on_time_extended": 1,  # r3
    "timing.late": 1,  # r4
    "handling.extensions": 1,  # r3
    "handling.referrals": 1,  # r7
    "objections.received": 1,
    "objections.upheld": 1,
    "objections.granted": 0,
    "objections.pending": 0,
    "objections.withdrawn": 0,
    "disputes.received": 1,
    "disputes.outcome.granted": 0,
    "disputes.outcome.granted_in_part": 0,
    "disputes.outcome.refused": 1,
    "disputes.outcome.agreement": 0,
    "disputes.outcome.not_accepted": 0,
    "disputes.pending": 0,
    "disputes.withdrawn": 0,
}

# The year 2025 adds r9 (e-mail, granted in 1 working day): days 1 2 5 10 12 16.
YEAR_CHANGES: dict[str, int | float | None] = {
    "received.total": 8,
    "received.channel.email": 1,
    "received.requester_type.individual": 7,
    "outcome.granted": 2,
    "outcome.granted_in_full_or_part": 3,
    "timing.answered": 6,
    "timing.median": 7.5,
    "timing.p90": 16,  # ceil(0.9 × 6) = 6th of 6
    "timing.within_10": 4,
}
