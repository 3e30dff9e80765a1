"""Demo: a year of requests across every body of the demo province (``seed_demo``), so that
each column and chart of the coordination dashboard means something: every body gets a
request every third month of this year up to last month, registered by its PPID's
operator and answered by its PPID Utama after a few working days (some late, one
withdrawn now and then), and the last month's requests stay open.

Safe to repeat: a second run finds its requests (their idempotency keys) and stops."""

from __future__ import annotations

import datetime as dt
from io import TextIOBase

from django.utils import timezone

from terbuka.accounts.models import User
from terbuka.bodies import permissions
from terbuka.bodies.models import Body, RoleKind
from terbuka.requests import actions

# The request demo's own helpers: registered, answered and backdated as its requests are.
from terbuka.requests.demo import _answer, _backdate_answer, _register
from terbuka.requests.models import Channel, Delivery, HowToObtain, InfoRequest, Outcome
from terbuka.workdays import calendar as workdays_calendar

KEY = "year-"  # after requests.demo's "demo-" marker
CYCLE = ("granted", "granted_in_part", "granted", "refused", "not_held", "granted", "withdrawn")
CHANNELS = (Channel.EMAIL, Channel.WALK_IN, Channel.LETTER, Channel.PHONE)
SUBJECTS = (
    "Rekapitulasi realisasi anggaran per program",
    "Daftar kegiatan dan pagu anggaran tahun berjalan",
    "Data capaian indikator kinerja utama",
    "Salinan standar pelayanan dan maklumat pelayanan",
    "Daftar paket pengadaan barang dan jasa",
)


def _received_at(body: Body, month: int, day: int) -> dt.datetime:
    """A working day of ``month`` from ``day`` on, at 09:15 where the body is."""
    calendar = workdays_calendar.for_body(body.ppid_body or body)
    today = timezone.localdate()
    date = dt.date(today.year, month, day)
    while not calendar.is_working_day(date):
        date += dt.timedelta(days=1)
    if date >= today:  # this month: a working day before today
        date = today - dt.timedelta(days=1)
        while not calendar.is_working_day(date):
            date -= dt.timedelta(days=1)
    return dt.datetime.combine(date, dt.time(9, 15), tzinfo=body.tzinfo)


def _answer_as(kind: str, utama: User, info_request: InfoRequest) -> None:
    pickup = {"form": HowToObtain.HARDCOPY, "delivery": Delivery.PICKUP}
    if kind == "granted":
        _answer(utama, info_request, outcome=Outcome.GRANTED, material="Rekap data.", **pickup)
    elif kind == "granted_in_part":
        _answer(
            utama,
            info_request,
            outcome=Outcome.GRANTED_IN_PART,
            material="Rekap data tanpa nama penyedia.",
            withheld="Nama dan rekening penyedia (Pasal 17 huruf h).",
            exemption_ground="h.3",
            consequence_test="Rekening penyedia adalah data keuangan pribadi.",
            pages=4,
            fee_per_page=500,
            payment_instructions="Bayar tunai di loket PPID.",
            **pickup,
        )
    elif kind == "refused":
        _answer(
            utama,
            info_request,
            outcome=Outcome.REFUSED_EXEMPT,
            exemption_ground="b",
            consequence_test="Dokumen penawaran memuat rahasia dagang peserta tender.",
        )
    else:
        _answer(utama, info_request, outcome=Outcome.NOT_HELD)


def seed(stdout: TextIOBase) -> None:
    if InfoRequest.objects.filter(idempotency_key__startswith=f"demo-{KEY}").exists():
        stdout.write("Permohonan setahun untuk dasbor koordinasi sudah ada; dilewati.\n")
        return
    requesters = list(User.objects.filter(username__in=("pemohon.satu", "pemohon.dua")))
    last_month = timezone.localdate().month
    made = 0
    for index, body in enumerate(Body.objects.active().order_by("name", "pk")):
        ppid = body.ppid_body
        if ppid is None:
            continue
        utama = permissions.officers_of([ppid], [RoleKind.UTAMA]).first()
        registrar = permissions.officers_of([ppid], [RoleKind.OPERATOR]).first() or utama
        if utama is None or registrar is None or not requesters:
            continue
        for turn, month in enumerate(range(1 + index % 3, last_month + 1, 3)):
            kind = CYCLE[(index + turn) % len(CYCLE)]
            requester = requesters[(index + turn) % len(requesters)]
            info_request = _register(
                f"{KEY}{body.code}-{month}",
                operator=registrar,
                body=body,
                received_at=_received_at(body, month, 2 + (index * 7 + turn * 5) % 20),
                requester=requester,
                subject=f"{SUBJECTS[(index + turn) % len(SUBJECTS)]} {body.name}",
                purpose="Bahan kajian kebijakan publik.",
                channel=CHANNELS[(index + turn) % len(CHANNELS)],
            )
            made += 1
            if month == last_month:
                continue  # still being handled
            if kind == "withdrawn":
                actions.withdraw(
                    actor=requester, info_request=info_request, reason="Sudah diperoleh."
                )
                continue
            _answer_as(kind, utama, info_request)
            # Mostly in time, now and then past the 10 working days; last month's within
            # a week, so that no answer lands after today.
            days = 2 + (index * 3 + turn * 4) % 13
            _backdate_answer(info_request, days if month < last_month - 1 else min(days, 5))
    stdout.write(f"Permohonan setahun untuk dasbor koordinasi: {made}\n")
