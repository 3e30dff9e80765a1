"""Demo requests for ``python manage.py seed_demo``: every state across the demo bodies.

Everything is built through the real actions, so numbers, deadlines, events, letters and
files are what a real run would make. Requests received in the past are registered with
their real receipt time (``register`` takes ``received_at``); for answered ones the demo
then moves the answer's timestamps back into that past with an explicit demo-only update
(``_backdate_answer``), so the public log shows believable times taken.

Idempotent: the requests carry ``idempotency_key="demo-…"``; when the first exists the
module does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import TextIOBase
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from terbuka.accounts.models import User
from terbuka.bodies.models import Body
from terbuka.requests import actions, letters, queries
from terbuka.requests.deadlines import calendar_for
from terbuka.requests.models import (
    Channel,
    Delivery,
    Event,
    HowToObtain,
    InfoRequest,
    Notice,
    Outcome,
    ServiceSettings,
)
from terbuka.workdays.counting import add_working_days

MARKER = "demo-"


def _pdf(title: str, lines: list[str]) -> SimpleUploadedFile:
    from weasyprint import HTML

    items = "".join(f"<li>{line}</li>" for line in lines)
    html = f"<h1>{title}</h1><ul>{items}</ul>"
    content = HTML(string=html, url_fetcher=letters.url_fetcher()).write_pdf()
    return SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.pdf", content)


def _working_days_ago(body: Body, days: int, hour: int = 9) -> dt.datetime:
    """A receipt time ``days`` working days before today, in the body's office hours."""
    calendar_body = body.ppid_body or body
    tz = calendar_body.tzinfo
    day = timezone.now().astimezone(tz).date()
    probe = InfoRequest(ppid_body=calendar_body)
    calendar = calendar_for(probe)
    counted = 0
    while counted < days:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return dt.datetime.combine(day, dt.time(hour, 15), tzinfo=tz)


def _register(
    key: str,
    *,
    operator: User,
    body: Body,
    received_at: dt.datetime,
    requester: User | None,
    subject: str,
    purpose: str = "",
    channel: str = Channel.EMAIL,
    how_to_obtain: str = HowToObtain.SOFTCOPY,
    delivery: str = Delivery.EMAIL,
    publish_allowed: bool = False,
    identity: actions.Identity | None = None,
) -> InfoRequest:
    return actions.register(
        actor=operator,
        body=body,
        channel=channel,
        received_at=received_at,
        identity=identity or actions.Identity.from_profile(requester),
        requester=requester,
        content=actions.RequestContent(
            subject=subject,
            purpose=purpose,
            how_to_obtain=how_to_obtain,
            delivery=delivery,
            publish_allowed=publish_allowed,
        ),
        idempotency_key=MARKER + key,
    )


def _backdate_answer(info_request: InfoRequest, working_days: int) -> None:
    """Demo-only: the answer happened ``working_days`` after receipt, not now."""
    calendar = calendar_for(info_request)
    answered_on = add_working_days(info_request.received_at, working_days, calendar).due
    answered_at = dt.datetime.combine(
        answered_on, dt.time(14, 30), tzinfo=info_request.ppid_body.tzinfo
    )
    events = list(info_request.events.order_by("at", "id"))
    span = answered_at - info_request.received_at
    for index, event in enumerate(events):
        event.at = info_request.received_at + span * index / max(len(events) - 1, 1)
    Event.objects.bulk_update(events, ["at"])
    info_request.answered_at = answered_at
    # The stored timing follows the backdated answer, as the notice action stores it.
    queries.apply_timing(info_request, calendar)
    InfoRequest.objects.filter(pk=info_request.pk).update(
        answered_at=answered_at,
        **{name: getattr(info_request, name) for name in queries.TIMING_FIELDS},
    )
    info_request.dispositions.update(
        forwarded_at=info_request.received_at + span / 4,
        drafted_at=info_request.received_at + span * 3 / 4,
        internal_due_date=answered_on,
    )
    Notice.objects.filter(info_request=info_request).update(sent_at=answered_at)


def _forward(utama: User, info_request: InfoRequest, unit: Body, instruction: str) -> Any:
    today = timezone.now().astimezone(info_request.ppid_body.tzinfo).date()
    (disposition,) = actions.forward(
        actor=utama,
        info_request=info_request,
        units=[unit],
        instruction=instruction,
        internal_due_date=max(info_request.due_date or today, today),
    )
    return disposition


def _answer(
    utama: User,
    info_request: InfoRequest,
    *,
    released: Sequence[Any] = (),
    **notice: Any,
) -> None:
    actions.save_notice(actor=utama, info_request=info_request, **notice)
    actions.send_notice(
        actor=utama, info_request=info_request, released_file_ids=[f.pk for f in released]
    )


def seed(stdout: TextIOBase) -> None:
    if InfoRequest.objects.filter(idempotency_key__startswith=MARKER).exists():
        stdout.write("Permohonan demo sudah ada; dilewati.\n")
        return
    bodies = {body.code: body for body in Body.objects.all()}
    users = {user.username: user for user in User.objects.filter(username__contains=".")}
    province, barut = bodies["KALTENG"], bodies["BARUT"]
    dinkes, pupr, bpbd = bodies["DINKES"], bodies["PUPR"], bodies["BPBD"]
    disdik, bpkad = bodies["DISDIK"], bodies["BPKAD"]
    satu, dua = users["pemohon.satu"], users["pemohon.dua"]
    utama, operator = users["utama.kalteng"], users["operator.kalteng"]
    pelaksana_dinkes, pelaksana_pupr = users["pelaksana.dinkes"], users["pelaksana.pupr"]
    utama_barut = users["utama.barut"]

    ServiceSettings.objects.update_or_create(
        body=province, defaults={"number_code": "DISKOMINFOSANTIK", "fee_per_page": 500}
    )
    ServiceSettings.objects.update_or_create(body=barut, defaults={"fee_per_page": 300})

    # --- answered, some published in the log -----------------------------------------
    granted = _register(
        "granted",
        operator=operator,
        body=dinkes,
        received_at=_working_days_ago(province, 40),
        requester=satu,
        subject="Jumlah puskesmas, dokter dan bidan per kabupaten/kota di Kalimantan Tengah"
        " tahun 2024.",
        purpose="Bahan penelitian skripsi tentang pemerataan layanan kesehatan.",
        publish_allowed=True,
    )
    disposition = _forward(utama, granted, dinkes, "Mohon siapkan rekap tenaga kesehatan 2024.")
    actions.submit_draft(
        actor=pelaksana_dinkes,
        disposition=disposition,
        draft_text="Terlampir rekap dari profil kesehatan provinsi 2024.",
        files=[
            _pdf(
                "Rekap tenaga kesehatan 2024",
                ["Puskesmas: 203", "Dokter umum: 612", "Bidan: 2.418"],
            )
        ],
    )
    _answer(
        utama,
        granted,
        released=list(granted.files.all()),
        outcome=Outcome.GRANTED,
        material="Rekap jumlah puskesmas, dokter dan bidan per kabupaten/kota tahun 2024.",
        form=HowToObtain.SOFTCOPY,
        delivery=Delivery.EMAIL,
    )
    _backdate_answer(granted, 6)

    in_part = _register(
        "granted-in-part",
        operator=operator,
        body=pupr,
        received_at=_working_days_ago(province, 35),
        requester=dua,
        subject="Dokumen kontrak dan laporan progres peningkatan Jalan Tjilik Riwut ruas"
        " Km 30–45 tahun anggaran 2024.",
        purpose="Pemantauan pembangunan oleh warga.",
        publish_allowed=True,
        how_to_obtain=HowToObtain.HARDCOPY,
        delivery=Delivery.PICKUP,
    )
    disposition = _forward(utama, in_part, pupr, "Siapkan kontrak dan laporan progres.")
    actions.submit_draft(
        actor=pelaksana_pupr,
        disposition=disposition,
        draft_text="Kontrak dan laporan progres; nomor rekening penyedia dihitamkan.",
        files=[_pdf("Laporan progres jalan", ["Progres fisik Desember 2024: 100%"])],
    )
    _answer(
        utama,
        in_part,
        released=list(in_part.files.all()),
        outcome=Outcome.GRANTED_IN_PART,
        material="Salinan kontrak dan laporan progres bulanan.",
        withheld="Nomor rekening bank penyedia jasa dihitamkan.",
        exemption_ground="h.3",
        consequence_test="Nomor rekening adalah data keuangan pribadi; membukanya tidak"
        " menambah pengawasan atas pekerjaan.",
        form=HowToObtain.HARDCOPY,
        delivery=Delivery.PICKUP,
        pages=48,
        payment_instructions="Dibayar tunai di loket layanan informasi Diskominfosantik"
        " dengan tanda terima.",
    )
    _backdate_answer(in_part, 9)

    refused = _register(
        "refused",
        operator=operator,
        body=dinkes,
        received_at=_working_days_ago(province, 30),
        requester=dua,
        subject="Daftar nama pasien COVID-19 yang dirawat di RSUD dr. Doris Sylvanus tahun 2021.",
        publish_allowed=True,
    )
    _answer(
        utama,
        refused,
        outcome=Outcome.REFUSED_EXEMPT,
        exemption_ground="h.2",
        consequence_test="Nama pasien dan riwayat perawatannya adalah rahasia pribadi (Pasal 17"
        " huruf h angka 2); membukanya merugikan pasien, sedangkan kepentingan publik sudah"
        " terpenuhi dengan data agregat yang dipublikasikan.",
        letter_text="Data agregat kasus tersedia di Daftar Informasi Publik Dinas Kesehatan.",
    )
    _backdate_answer(refused, 4)

    not_yet = _register(
        "not-yet-documented",
        operator=operator,
        body=bpkad,
        received_at=_working_days_ago(province, 25),
        requester=satu,
        subject="Laporan realisasi anggaran semester II tahun 2025.",
        publish_allowed=True,
    )
    _answer(
        utama,
        not_yet,
        outcome=Outcome.NOT_YET_DOCUMENTED,
        available_on=timezone.localdate() + dt.timedelta(days=30),
    )
    _backdate_answer(not_yet, 5)

    # Not held: referred to Barito Utara, where a linked request with its own number waits.
    referred = _register(
        "referred",
        operator=operator,
        body=province,
        received_at=_working_days_ago(province, 3),
        requester=satu,
        subject="Data kasus demam berdarah per kecamatan di Kabupaten Barito Utara tahun 2025.",
    )
    _answer(
        utama,
        referred,
        outcome=Outcome.NOT_HELD,
        holding_body=bodies["DINKES-BARUT"],
    )

    # --- open requests ------------------------------------------------------------------
    actions.submit(
        actor=satu,
        body=dinkes,
        content=actions.RequestContent(
            subject="Jadwal dan lokasi posyandu di Kota Palangka Raya bulan ini.",
            purpose="Informasi untuk keluarga.",
            how_to_obtain=HowToObtain.SOFTCOPY,
            delivery=Delivery.EMAIL,
        ),
        idempotency_key=MARKER + "received",
    )

    incomplete = _register(
        "identity-incomplete",
        operator=operator,
        body=disdik,
        received_at=_working_days_ago(province, 1),
        requester=None,
        channel=Channel.WALK_IN,
        how_to_obtain=HowToObtain.VIEW,
        delivery="",
        subject="Daftar penerima beasiswa Tabe Kalteng Harati tahun 2025.",
        identity=actions.Identity(
            requester_type="legal_entity",
            name="Yayasan Pendidikan Isen Mulang",
            address="Jl. G. Obos No. 8, Palangka Raya",
            phone="0536-3220000",
            email="yayasan.isenmulang@demo.terbuka.example",
        ),
    )
    actions.mark_identity_incomplete(
        actor=operator,
        info_request=incomplete,
        message="Mohon lampirkan akta pendirian badan hukum yang telah disahkan.",
    )

    drafted = _register(
        "drafted",
        operator=operator,
        body=pupr,
        received_at=_working_days_ago(province, 5),
        requester=satu,
        subject="Rencana pemeliharaan jembatan Kahayan tahun 2026.",
    )
    disposition = _forward(utama, drafted, pupr, "Siapkan rencana pemeliharaan 2026.")
    actions.submit_draft(
        actor=pelaksana_pupr,
        disposition=disposition,
        draft_text="Draf jawaban dan rencana kerja terlampir.",
        files=[_pdf("Rencana pemeliharaan jembatan", ["Triwulan I: inspeksi"])],
    )

    forwarded = _register(
        "in-progress",
        operator=operator,
        body=dinkes,
        received_at=_working_days_ago(province, 2),
        requester=dua,
        subject="Anggaran dan realisasi program penurunan stunting tahun 2025.",
    )
    _forward(utama, forwarded, dinkes, "Mohon data anggaran dan realisasi stunting.")
    actions.post_message(
        actor=utama,
        info_request=forwarded,
        text="Apakah yang Anda perlukan data tingkat provinsi atau per kabupaten?",
    )
    actions.post_message(
        actor=dua, info_request=forwarded, text="Per kabupaten/kota, bila tersedia."
    )

    extended = _register(
        "extended",
        operator=operator,
        body=bpbd,
        received_at=_working_days_ago(province, 8),
        requester=dua,
        subject="Data titik panas (hotspot) dan luas kebakaran hutan dan lahan 2019–2025.",
    )
    actions.extend(
        actor=utama,
        info_request=extended,
        days=7,
        reason="Data tersebar di 14 kabupaten/kota dan sedang dihimpun dari BPBD kabupaten.",
    )

    overdue = _register(
        "overdue",
        operator=operator,
        body=province,
        received_at=_working_days_ago(province, 14),
        requester=satu,
        channel=Channel.LETTER,
        subject="Salinan Peraturan Gubernur tentang tarif retribusi jasa usaha terbaru.",
    )
    actions.assign(actor=utama, info_request=overdue, officer=operator)

    withdrawn = _register(
        "withdrawn",
        operator=operator,
        body=disdik,
        received_at=_working_days_ago(province, 4),
        requester=dua,
        subject="Jumlah sekolah menengah atas negeri per kabupaten.",
    )
    actions.withdraw(actor=dua, info_request=withdrawn, reason="Sudah saya temukan di DIP.")

    # A request at the regency handled by its own PPID.
    _register(
        "barut",
        operator=utama_barut,
        body=bodies["PUPR-BARUT"],
        received_at=_working_days_ago(barut, 2),
        requester=satu,
        channel=Channel.WALK_IN,
        subject="Daftar paket pekerjaan jalan desa di Kecamatan Teweh Tengah tahun 2025.",
    )

    count = InfoRequest.objects.count()
    stdout.write(f"Permohonan demo: {count} (semua status, termasuk rujukan ke Barito Utara)\n")
