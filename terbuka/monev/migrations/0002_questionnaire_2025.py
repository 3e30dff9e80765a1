"""The starting set: the 2025 structure of the Komisi Informasi's monev self-assessment
(Perki 1/2022) in six indicators — quality of information, facilities, types of
information, information service, commitment, digitalisation and innovation — with
questions numbered as the KI numbers them and the answers Terbuka can prefill. The
administrator copies it to a new year and edits it (the KI changes the questions yearly);
SAQ 100 % until the KI's visit weight is set (e.g. 80 + 20)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

YES_NO, CHOICE, NUMBER, PERCENT, HEADING = "yes_no", "choice", "number", "percent", "heading"

# (code, kind, text, help, options [(label, score)], extra fields)
INDICATORS: list[tuple[int, str, str, list[tuple[str, str, str, str, list[tuple[str, str]], dict[str, Any]]]]] = [
    (
        1,
        "Kualitas informasi",
        "20",
        [
            ("1.1.0.0", HEADING, "Daftar Informasi Publik (DIP)", "", [], {}),
            (
                "1.1.1.0",
                YES_NO,
                "Apakah badan publik memiliki Daftar Informasi Publik yang diumumkan?",
                "Tautkan entri DIP atau unggah DIP yang ditetapkan (PDF).",
                [],
                {"weight": "2", "evidence_required": True, "prefill_key": "dip_exists"},
            ),
            (
                "1.1.2.0",
                YES_NO,
                "Apakah informasi berkala diperbarui paling lambat setiap 6 bulan?",
                "UU 14/2008 Pasal 9 ayat 3.",
                [],
                {"weight": "2", "evidence_required": True, "prefill_key": "dip_fresh"},
            ),
            (
                "1.2.0.0",
                CHOICE,
                "Apakah DIP memuat tujuh kolom Perki 1/2021?",
                "Nomor, ringkasan isi, pejabat yang menguasai, penanggung jawab, waktu dan"
                " tempat pembuatan, bentuk informasi, jangka waktu penyimpanan.",
                [("Lengkap tujuh kolom", "100"), ("Sebagian kolom", "50"), ("Tidak", "0")],
                {},
            ),
            (
                "1.3.0.0",
                YES_NO,
                "Apakah informasi yang dikecualikan ditetapkan melalui uji konsekuensi?",
                "UU 14/2008 Pasal 19; unggah penetapan uji konsekuensi.",
                [],
                {"evidence_required": True},
            ),
        ],
    ),
    (
        2,
        "Sarana dan prasarana",
        "15",
        [
            (
                "2.1.0.0",
                YES_NO,
                "Apakah tersedia meja atau ruang layanan informasi publik?",
                "Unggah foto ruang layanan dalam PDF.",
                [],
                {"evidence_required": True},
            ),
            (
                "2.2.0.0",
                YES_NO,
                "Apakah permohonan informasi dapat diajukan secara daring?",
                "",
                [],
                {},
            ),
            (
                "2.3.0.0",
                CHOICE,
                "Apakah tersedia sarana layanan bagi penyandang disabilitas?",
                "",
                [("Tersedia lengkap", "100"), ("Tersedia sebagian", "50"), ("Tidak tersedia", "0")],
                {},
            ),
            (
                "2.4.0.0",
                YES_NO,
                "Apakah tersedia anggaran untuk layanan informasi publik?",
                "Unggah DPA atau dokumen anggaran.",
                [],
                {"evidence_required": True},
            ),
        ],
    ),
    (
        3,
        "Jenis informasi",
        "20",
        [
            (
                "3.1.0.0",
                PERCENT,
                "Berapa persen jenis informasi berkala UU 14/2008 Pasal 9 yang diumumkan?",
                "Profil, program dan kegiatan, kinerja, laporan keuangan, ringkasan akses,"
                " peraturan, hak dan tata cara, pengaduan, pengadaan, prosedur darurat.",
                [],
                {"weight": "2", "unit": "%"},
            ),
            (
                "3.2.0.0",
                YES_NO,
                "Apakah ringkasan akses informasi (UU 14/2008 Pasal 12) diumumkan?",
                "",
                [],
                {},
            ),
            (
                "3.3.0.0",
                YES_NO,
                "Apakah laporan layanan informasi publik tahun sebelumnya sudah final dan"
                " diumumkan?",
                "Perki 1/2021 Pasal 56.",
                [],
                {"evidence_required": True, "prefill_key": "annual_report"},
            ),
            (
                "3.4.0.0",
                YES_NO,
                "Apakah tersedia prosedur pengumuman informasi serta merta?",
                "UU 14/2008 Pasal 10.",
                [],
                {},
            ),
        ],
    ),
    (
        4,
        "Layanan informasi",
        "20",
        [
            (
                "4.1.0.0",
                YES_NO,
                "Apakah badan publik mencatat permohonan dalam register permohonan?",
                "",
                [],
                {"prefill_key": "register_exists"},
            ),
            ("4.2.0.0", HEADING, "Waktu layanan", "", [], {}),
            (
                "4.2.1.0",
                NUMBER,
                "Berapa median hari kerja sampai pemberitahuan tertulis?",
                "Skor penuh bila paling lama 10 hari kerja (UU 14/2008 Pasal 22 ayat 7).",
                [],
                {
                    "target": "10",
                    "lower_is_better": True,
                    "unit": "hari kerja",
                    "prefill_key": "median_days",
                },
            ),
            (
                "4.2.2.0",
                PERCENT,
                "Berapa persen permohonan dijawab dalam batas waktu?",
                "",
                [],
                {"unit": "%", "prefill_key": "notice_on_time"},
            ),
            (
                "4.2.3.0",
                PERCENT,
                "Berapa persen keberatan ditanggapi dalam 30 hari kerja?",
                "UU 14/2008 Pasal 36 ayat 2.",
                [],
                {"unit": "%", "prefill_key": "objections_on_time"},
            ),
            (
                "4.3.0.0",
                PERCENT,
                "Berapa indeks kepuasan masyarakat atas layanan informasi?",
                "PermenPANRB 14/2017; nilai konversi 25–100.",
                [],
                {"unit": "", "prefill_key": "skm_index"},
            ),
            (
                "4.4.0.0",
                YES_NO,
                "Apakah standar layanan (maklumat pelayanan dan SOP) diumumkan?",
                "",
                [],
                {"evidence_required": True, "prefill_key": "service_standard"},
            ),
        ],
    ),
    (
        5,
        "Komitmen organisasi",
        "15",
        [
            (
                "5.1.0.0",
                YES_NO,
                "Apakah PPID ditetapkan dengan keputusan pimpinan badan publik?",
                "Unggah surat keputusan penetapan PPID.",
                [],
                {"weight": "2", "evidence_required": True, "prefill_key": "officers_appointed"},
            ),
            (
                "5.2.0.0",
                YES_NO,
                "Apakah ada peraturan atau kebijakan pimpinan tentang layanan informasi?",
                "",
                [],
                {"evidence_required": True},
            ),
            (
                "5.3.0.0",
                CHOICE,
                "Seberapa sering pimpinan membahas layanan informasi dalam rapat koordinasi?",
                "",
                [("Rutin (setiap triwulan atau lebih sering)", "100"), ("Sesekali", "50"), ("Tidak pernah", "0")],
                {},
            ),
        ],
    ),
    (
        6,
        "Digitalisasi dan inovasi",
        "10",
        [
            (
                "6.1.0.0",
                YES_NO,
                "Apakah DIP tersedia sebagai data terbuka yang dapat dibaca mesin?",
                "",
                [],
                {},
            ),
            (
                "6.2.0.0",
                YES_NO,
                "Apakah layanan informasi tersedia melalui situs web atau aplikasi?",
                "",
                [],
                {},
            ),
            (
                "6.3.0.0",
                CHOICE,
                "Apakah badan publik memiliki inovasi layanan informasi?",
                "Jelaskan inovasinya pada keterangan dan unggah buktinya.",
                [("Ada dan berjalan", "100"), ("Dalam rencana", "40"), ("Tidak ada", "0")],
                {"evidence_required": True},
            ),
        ],
    ),
]


def parent_code(code: str) -> str | None:
    """1.1.1.0 → 1.1.0.0; a top-level question (1.1.0.0) has no parent question."""
    parts = code.split(".")
    filled = [index for index, part in enumerate(parts) if part != "0"]
    if len(filled) <= 2:
        return None
    parts[filled[-1]] = "0"
    return ".".join(parts)


def create(apps: Any, schema_editor: Any) -> None:
    Questionnaire = apps.get_model("monev", "Questionnaire")
    Indicator = apps.get_model("monev", "Indicator")
    Question = apps.get_model("monev", "Question")
    Option = apps.get_model("monev", "Option")
    if Questionnaire.objects.filter(year=2025).exists():
        return
    questionnaire = Questionnaire.objects.create(
        year=2025,
        title="Kuesioner penilaian mandiri monev keterbukaan informasi publik 2025",
        commission="Komisi Informasi Provinsi",
        saq_weight=100,
        visit_weight=0,
    )
    for number, name, weight, questions in INDICATORS:
        indicator = Indicator.objects.create(
            questionnaire=questionnaire, number=number, name=name, weight=weight
        )
        made: dict[str, Any] = {}
        for order, (code, kind, text, help_text, options, extra) in enumerate(questions):
            parent = parent_code(code)
            question = Question.objects.create(
                indicator=indicator,
                code=code,
                parent=made.get(parent) if parent else None,
                order=order,
                text=text,
                help=help_text,
                kind=kind,
                **extra,
            )
            made[code] = question
            for option_order, (label, score) in enumerate(options):
                Option.objects.create(question=question, order=option_order, label=label, score=score)


def remove(apps: Any, schema_editor: Any) -> None:
    Questionnaire = apps.get_model("monev", "Questionnaire")
    Questionnaire.objects.filter(year=2025, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("monev", "0001_questionnaire_and_assessment")]

    operations = [migrations.RunPython(create, remove)]
