"""Demo DIP for ``seed_demo``: a few hundred entries across the demo bodies, generated from
templates × bodies × years, with real-looking PDFs (some scanned, for OCR), a few serta
merta items and a few DIK entries.

Idempotent: each entry carries a ``source_key`` ("demo:…") and is created only when
missing, so a second run adds nothing. Fast: documents are written by ``pdfgen`` in
milliseconds, and their text is extracted by the task queue after the seed commits
(``python manage.py db_worker --batch`` or ``python manage.py extract_documents``).
"""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from dataclasses import dataclass
from io import TextIOBase

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from terbuka.bodies.models import Body
from terbuka.catalog import actions, pdfgen
from terbuka.catalog.models import Category, Entry, Exemption


@dataclass(frozen=True)
class Template:
    key: str
    category: str
    title: str  # may use {name} and {year}
    summary: str
    holder: str
    responsible: str
    retention: str
    tags: str
    years: tuple[int, ...] = ()
    hardcopy: bool = False
    document: str = ""  # "", "pdf" or "scan"


TEMPLATES = [
    Template(
        "profil",
        Category.BERKALA,
        "Profil {name}",
        "Kedudukan, tugas dan fungsi, struktur organisasi, alamat dan kontak, profil pimpinan"
        " dan pejabat struktural {name}.",
        "Sekretariat",
        "Sekretaris",
        "Selama berlaku",
        "profil, struktur organisasi",
        document="pdf",
    ),
    Template(
        "lra",
        Category.BERKALA,
        "Laporan Realisasi Anggaran {name} Tahun {year}",
        "Realisasi pendapatan, belanja dan pembiayaan {name} tahun anggaran {year}"
        " dibandingkan dengan anggaran yang ditetapkan dalam APBD.",
        "Subbagian Keuangan",
        "Kepala Subbagian Keuangan",
        "10 tahun",
        "anggaran, keuangan, APBD",
        years=(2022, 2023, 2024),
        hardcopy=True,
        document="pdf",
    ),
    Template(
        "lkjip",
        Category.BERKALA,
        "Laporan Kinerja Instansi Pemerintah (LKjIP) {name} Tahun {year}",
        "Capaian indikator kinerja utama, analisis efisiensi penggunaan sumber daya dan"
        " rencana tindak lanjut {name} tahun {year}.",
        "Subbagian Perencanaan dan Evaluasi",
        "Kepala Subbagian Perencanaan",
        "5 tahun",
        "kinerja, LKjIP",
        years=(2023, 2024),
        document="scan",
    ),
    Template(
        "renstra",
        Category.BERKALA,
        "Rencana Strategis {name} 2021–2026",
        "Visi, misi, tujuan, sasaran, strategi, arah kebijakan serta program dan kegiatan"
        " {name} untuk periode 2021–2026.",
        "Subbagian Perencanaan dan Evaluasi",
        "Sekretaris",
        "Selama berlaku",
        "perencanaan, renstra",
        document="pdf",
    ),
    Template(
        "renja",
        Category.BERKALA,
        "Rencana Kerja {name} Tahun {year}",
        "Program, kegiatan dan subkegiatan beserta pagu indikatif {name} tahun {year}.",
        "Subbagian Perencanaan dan Evaluasi",
        "Kepala Subbagian Perencanaan",
        "5 tahun",
        "perencanaan, renja, anggaran",
        years=(2024, 2025),
    ),
    Template(
        "layanan",
        Category.BERKALA,
        "Laporan Layanan Informasi Publik {name} Tahun {year}",
        "Jumlah permohonan informasi, waktu pemenuhan, permohonan yang dikabulkan dan ditolak"
        " beserta alasannya, keberatan dan sengketa tahun {year} (UU 14/2008 Pasal 12).",
        "PPID Pelaksana",
        "PPID Pelaksana",
        "5 tahun",
        "layanan informasi, PPID",
        years=(2023, 2024),
        document="pdf",
    ),
    Template(
        "sop",
        Category.BERKALA,
        "SOP Pelayanan Informasi Publik",
        "Standar operasional prosedur pelayanan permohonan informasi, pengajuan keberatan dan"
        " penanganan sengketa informasi di {name}.",
        "PPID Pelaksana",
        "PPID Pelaksana",
        "Selama berlaku",
        "SOP, layanan informasi",
    ),
    Template(
        "darurat",
        Category.BERKALA,
        "Prosedur Peringatan Dini dan Evakuasi Keadaan Darurat",
        "Tata cara peringatan dini, jalur evakuasi dan titik kumpul di lingkungan kantor {name}.",
        "Subbagian Umum dan Kepegawaian",
        "Kepala Subbagian Umum",
        "Selama berlaku",
        "keadaan darurat, evakuasi",
    ),
    Template(
        "pengadaan",
        Category.SETIAP_SAAT,
        "Daftar Pengadaan Barang dan Jasa {name} Tahun Anggaran {year}",
        "Rencana umum pengadaan, paket pengadaan, nilai pagu, metode pemilihan dan penyedia"
        " terpilih {name} tahun anggaran {year}.",
        "Pejabat Pembuat Komitmen",
        "Kepala Subbagian Keuangan",
        "5 tahun",
        "pengadaan, barang dan jasa, anggaran",
        years=(2024, 2025),
        document="pdf",
    ),
    Template(
        "regulasi",
        Category.SETIAP_SAAT,
        "Daftar Peraturan dan Keputusan {name}",
        "Peraturan, keputusan dan surat edaran yang ditetapkan {name} beserta dokumen"
        " pendukungnya.",
        "Subbagian Umum dan Kepegawaian",
        "Sekretaris",
        "Selama berlaku",
        "peraturan, keputusan, kebijakan",
        hardcopy=True,
    ),
    Template(
        "kerja-sama",
        Category.SETIAP_SAAT,
        "Perjanjian Kerja Sama {name} dengan Pihak Ketiga",
        "Daftar perjanjian kerja sama, para pihak, jangka waktu dan nilai kerja sama {name}.",
        "Sekretariat",
        "Sekretaris",
        "10 tahun",
        "kerja sama, perjanjian",
    ),
    Template(
        "rapat",
        Category.SETIAP_SAAT,
        "Risalah Rapat Terbuka untuk Umum {name} Tahun {year}",
        "Notulen dan daftar hadir rapat yang terbuka untuk umum yang diselenggarakan {name}.",
        "Sekretariat",
        "Sekretaris",
        "5 tahun",
        "rapat, notulen",
        years=(2024,),
    ),
]

# Serta merta (UU 14/2008 Pasal 10): disasters, haze, outbreaks. Keyed on the body's code.
SERTA_MERTA = [
    (
        "BPBD",
        "banjir-kahayan",
        "Peringatan Dini Banjir Sungai Kahayan",
        "Tinggi muka air Sungai Kahayan di Pos Pantau Palangka Raya berstatus Siaga. Warga di"
        " bantaran sungai diminta bersiap mengungsi; posko pengungsian dibuka di GOR Indoor"
        " Palangka Raya.",
        2,
        "banjir, peringatan dini, bencana",
    ),
    (
        "BPBD",
        "karhutla",
        "Titik Panas dan Status Siaga Darurat Kebakaran Hutan dan Lahan (Karhutla)",
        "Jumlah titik panas harian, lokasi kebakaran hutan dan lahan, dan imbauan larangan"
        " membuka lahan dengan cara membakar selama status siaga darurat karhutla.",
        5,
        "karhutla, kabut asap, bencana",
    ),
    (
        "DLH-PKY",
        "ispu",
        "Indeks Standar Pencemar Udara (ISPU) Akibat Kabut Asap",
        "ISPU PM2,5 harian Kota Palangka Raya dan imbauan memakai masker serta mengurangi"
        " kegiatan di luar ruangan bagi anak-anak, lansia dan ibu hamil.",
        4,
        "kabut asap, ISPU, kesehatan",
    ),
    (
        "DINKES",
        "dbd",
        "Kewaspadaan Peningkatan Kasus Demam Berdarah Dengue (DBD)",
        "Jumlah kasus DBD per kabupaten/kota, wilayah kejadian luar biasa, dan langkah"
        " pencegahan 3M Plus yang harus dilakukan masyarakat.",
        9,
        "DBD, demam berdarah, wabah, kesehatan",
    ),
    (
        "BPBD-BARUT",
        "banjir-barito",
        "Status Tanggap Darurat Banjir Sungai Barito di Muara Teweh",
        "Desa terdampak banjir, jumlah pengungsi, lokasi dapur umum dan posko kesehatan di"
        " Kabupaten Barito Utara.",
        1,
        "banjir, tanggap darurat, bencana",
    ),
    (
        "DINKES-PKY",
        "dbd-pky",
        "Peningkatan Kasus DBD di Kota Palangka Raya",
        "Data kasus demam berdarah per kelurahan dan jadwal pengasapan (fogging) fokus.",
        12,
        "DBD, demam berdarah, kesehatan",
    ),
]

EXEMPTIONS = [
    {
        "body": "INSPEKTORAT",
        "title": "Laporan hasil audit investigatif atas dugaan penyimpangan yang sedang"
        " ditangani aparat penegak hukum",
        "ground": "a.1",
        "years": 5,
        "harm": "Membuka laporan dapat menghambat penyelidikan dan penyidikan tindak pidana.",
        "public_interest": "Penegakan hukum yang tuntas lebih melindungi kepentingan publik"
        " daripada keterbukaan dini; ringkasan akan dibuka setelah putusan berkekuatan tetap.",
    },
    {
        "body": "DISKOMINFOSANTIK",
        "title": "Konfigurasi sistem persandian dan kunci kriptografi jaringan intra pemerintah",
        "ground": "c.6",
        "years": 10,
        "harm": "Membuka konfigurasi persandian membahayakan keamanan komunikasi pemerintah.",
        "public_interest": "Keamanan sistem pemerintahan menjadi kepentingan publik yang lebih"
        " besar; kebijakan keamanan informasi umum tetap diumumkan.",
    },
    {
        "body": "DINKES",
        "title": "Rekam medis pasien rumah sakit umum daerah",
        "ground": "h.2",
        "years": 25,
        "harm": "Mengungkap riwayat dan kondisi kesehatan pribadi seseorang.",
        "public_interest": "Statistik kesehatan agregat tetap diumumkan tanpa identitas pasien.",
    },
    {
        "body": "BPKAD",
        "title": "Rencana awal penjualan aset tanah milik daerah",
        "ground": "e.4",
        "years": 1,
        "harm": "Membuka rencana sebelum waktunya dapat memicu spekulasi harga tanah.",
        "public_interest": "Hasil lelang dan nilai penjualan diumumkan setelah proses selesai.",
    },
    {
        # Ended 40 days ago without a decision: the DIK shows it as ended and the PPID's
        # dashboard asks him to open or extend it (PP 61/2010 Pasal 11).
        "body": "BPKAD",
        "title": "Nilai penawaran awal kerja sama pemanfaatan aset daerah",
        "ground": "e.4",
        "years": 1,
        "ended_days_ago": 40,
        "harm": "Membuka nilai penawaran selama negosiasi melemahkan posisi tawar daerah.",
        "public_interest": "Perjanjian kerja sama dan nilainya diumumkan setelah ditandatangani.",
    },
]

# Documents whose pages are images only, to exercise OCR (a handful: OCR is slow).
MAX_SCANS = 8


def _short(body: Body) -> str:
    return body.short_name or body.name


def _pdf(title: str, body: Body, summary: str, year: int | None) -> bytes:
    paragraphs = [
        f"{body.name}",
        summary,
        "Dokumen ini diterbitkan sebagai bagian dari Daftar Informasi Publik sesuai Undang-Undang"
        " Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik dan Peraturan Komisi"
        " Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik.",
        "Rincian penganggaran, pelaksanaan kegiatan dan capaian disajikan dalam tabel pada"
        " lampiran. Angka yang dianggarkan dan direalisasikan dinyatakan dalam rupiah.",
        f"Palangka Raya, {year or 2025}",
    ]
    return pdfgen.text_pdf(title, paragraphs)


def _scan(title: str, body: Body, year: int | None) -> bytes:
    lines = [*textwrap.wrap(title, 44), *textwrap.wrap(body.name, 44), f"Tahun {year or 2025}"]
    return pdfgen.scanned_pdf(lines)


def _created_when(year: int | None, rng: random.Random) -> str:
    months = ["Januari", "Februari", "Maret", "April", "Juni", "Juli", "Oktober", "Desember"]
    return f"{rng.choice(months)} {year + 1 if year else 2025}"


def _entries_for(body: Body, today: dt.date, scans: list[int]) -> int:
    created = 0
    existing = set(
        Entry.objects.filter(body=body, source_key__startswith="demo:").values_list(
            "source_key", flat=True
        )
    )
    for template in TEMPLATES:
        for year in template.years or (None,):
            key = f"demo:{template.key}:{year or ''}"
            if key in existing:
                continue
            rng = random.Random(f"{body.code}:{key}")  # noqa: S311 (demo data, not security)
            name = _short(body)
            title = template.title.format(name=body.name, year=year)
            summary = template.summary.format(name=body.name, year=year)
            # Some berkala entries were last updated long ago: the dashboard flags them.
            last_updated = today - dt.timedelta(days=rng.randint(10, 300))
            entry = actions.create_entry(
                actor=None,
                body=body,
                category=template.category,
                number=f"{TEMPLATES.index(template) + 1}.{(year or 0) % 100 or 1}",
                title=title,
                summary=summary,
                holder=f"{template.holder} {name}",
                responsible=template.responsible,
                created_when=_created_when(year, rng),
                created_where=body.parent.name
                if body.parent and body.kind == "agency"
                else body.name,
                available_softcopy=True,
                available_hardcopy=template.hardcopy,
                retention=template.retention,
                tags=template.tags,
                published_on=last_updated,
                last_updated_on=last_updated,
                source_key=key,
            )
            created += 1
            if template.document == "scan" and scans[0] < MAX_SCANS:
                scans[0] += 1
                data, name_suffix = _scan(title, body, year), "pindaian"
            elif template.document:
                data, name_suffix = _pdf(title, body, summary, year), "dokumen"
            else:
                continue
            actions.add_document(
                actor=None,
                entry=entry,
                title=title,
                upload=SimpleUploadedFile(
                    f"{template.key}-{year or 'umum'}-{name_suffix}.pdf", data
                ),
            )
    return created


def _serta_merta(by_code: dict[str, Body], today: dt.date) -> int:
    created = 0
    for code, key, title, summary, days_ago, tags in SERTA_MERTA:
        body = by_code.get(code)
        if body is None or Entry.objects.filter(body=body, source_key=f"demo:{key}").exists():
            continue
        published = today - dt.timedelta(days=days_ago)
        entry = actions.create_entry(
            actor=None,
            body=body,
            category=Category.SERTA_MERTA,
            number=f"SM.{created + 1}",
            title=title,
            summary=summary,
            holder=f"Pusat Pengendalian Operasi {_short(body)}",
            responsible=f"Kepala {_short(body)}",
            created_when=published.strftime("%d-%m-%Y"),
            created_where=body.name,
            retention="5 tahun",
            tags=tags,
            published_on=published,
            last_updated_on=published,
            source_key=f"demo:{key}",
        )
        actions.add_document(
            actor=None,
            entry=entry,
            title=f"Pengumuman: {title}",
            upload=SimpleUploadedFile(f"{key}.pdf", _pdf(title, body, summary, today.year)),
        )
        created += 1
    return created


def _exemptions(by_code: dict[str, Body], today: dt.date) -> int:
    created = 0
    for spec in EXEMPTIONS:
        body = by_code.get(str(spec["body"]))
        if body is None or Exemption.objects.filter(body=body, title=spec["title"]).exists():
            continue
        years = int(str(spec["years"]))
        if "ended_days_ago" in spec:
            end = today - dt.timedelta(days=int(str(spec["ended_days_ago"])))
            start = actions.add_months(end, -12 * years)
        else:
            start = today - dt.timedelta(days=300)
            end = actions.add_months(start, 12 * years)
        actions.create_exemption(
            actor=None,
            body=body,
            title=str(spec["title"]),
            ground=str(spec["ground"]),
            harm=str(spec["harm"]),
            public_interest=str(spec["public_interest"]),
            deciding_ppid="PPID Utama Provinsi Kalimantan Tengah",
            period_start=start,
            period_end=end,
            decided_place="Palangka Raya",
            decided_on=start,
            approved_by="Sekretaris Daerah Provinsi Kalimantan Tengah",
            approved_on=start + dt.timedelta(days=2),
        )
        created += 1
    return created


# The recipients' list a unit meant to publish with their NIKs and phone numbers (all made
# up): the personal-data shield holds it, and the DIP dashboard shows it.
DEMO_HELD_BODY = "DINSOS"
RECIPIENTS = [
    ("Sri Wahyuni", "6271016507800003", "0812-5123-4401"),
    ("Ahmad Fauzi", "6271031204750002", "0813-4987-1122"),
    ("Maria Ulfah", "6271024811880001", "0852-5001-7733"),
]


def _held_list(by_code: dict[str, Body], today: dt.date) -> int:
    body = by_code.get(DEMO_HELD_BODY)
    if body is None or Entry.objects.filter(body=body, source_key="demo:penerima-bansos").exists():
        return 0
    entry = actions.create_entry(
        actor=None,
        body=body,
        category=Category.SETIAP_SAAT,
        number="SS.99",
        title=f"Daftar penerima bantuan sosial {today.year}",
        summary="Nama penerima bantuan sosial tunai per kelurahan.",
        holder=f"Bidang Perlindungan Sosial {_short(body)}",
        responsible=f"Kepala {_short(body)}",
        created_when=str(today.year),
        created_where=body.name,
        retention="5 tahun",
        tags="bantuan sosial",
        published_on=today,
        last_updated_on=today,
        source_key="demo:penerima-bansos",
    )
    lines = [f"{name} — NIK {nik} — HP {phone}" for name, nik, phone in RECIPIENTS]
    actions.add_document(
        actor=None,
        entry=entry,
        title="Lampiran: daftar penerima",
        upload=SimpleUploadedFile(
            "penerima-bansos.pdf", pdfgen.text_pdf("Daftar penerima bantuan sosial", lines)
        ),
    )
    return 1


def seed(stdout: TextIOBase) -> None:
    today = timezone.localdate()
    bodies = list(Body.objects.active().select_related("parent").order_by("pk"))
    by_code = {body.code: body for body in bodies}
    scans = [0]
    entries = sum(_entries_for(body, today, scans) for body in bodies)
    serta_merta = _serta_merta(by_code, today)
    exemptions = _exemptions(by_code, today)
    _held_list(by_code, today)
    stdout.write(
        f"DIP: {entries} entri baru, {serta_merta} serta merta, {exemptions} DIK"
        f" ({Entry.objects.count()} entri seluruhnya). Ekstraksi teks berjalan lewat antrean:"
        " python manage.py db_worker --batch (atau extract_documents).\n"
    )
