"""The law's numbers and grounds, each with its article (DOMAIN.md).

- The statutory periods: every deadline the law sets, in one place. Modules import them
  and never retype a number, so that a change of the law is a change of one line here.
- The grounds for exempting information: UU 14/2008 Pasal 17 huruf a–j and their sub-items.

A refusal (Pasal 22(7)) and a classification decision (PP 61/2010 Pasal 4(2)) cite the
letter and, where the letter has them, the numbered sub-item. Codes are ``"a"`` for a letter
or ``"a.1"`` for a sub-item; ``label`` gives the citation as a letter would print it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# --- Statutory periods -------------------------------------------------------------------
# Working days are counted by ``terbuka.workdays.counting`` on the body's calendar; hours
# and months are calendar time.

# UU 14/2008 Pasal 22(7): the written notice (pemberitahuan tertulis) within 10 working
# days of receipt.
NOTICE_WORKING_DAYS = 10
# UU 14/2008 Pasal 22(8): the notice period may be extended once, by at most 7 working
# days, with written reasons.
NOTICE_EXTENSION_MAX_WORKING_DAYS = 7

# Perki 1/2021 Pasal 56: the annual report on the information service (laporan layanan
# informasi publik) is due 3 months after the fiscal year ends, i.e. on 31 March.
ANNUAL_REPORT_DUE_MONTHS = 3


def annual_report_due(year: int) -> dt.date:
    """The last day for the annual report of ``year`` (Perki 1/2021 Pasal 56): the last day
    of the third month after the fiscal year (1 January–31 December) ends."""
    following = dt.date(year + 1, ANNUAL_REPORT_DUE_MONTHS + 1, 1)
    return following - dt.timedelta(days=1)


# UU 14/2008 Pasal 9(3): information published routinely (berkala) is published at least
# once every 6 months.
BERKALA_UPDATE_MONTHS = 6

# UU 14/2008 Pasal 20 and its implementing PP 61/2010 (DOMAIN.md "Consequence test and
# classification"): information exempt under Pasal 17 huruf a stays exempt at most 30 years.
LETTER_A_EXEMPTION_MAX_YEARS = 30
# PP 61/2010 Pasal 11: the PPID decides on an exemption at least 30 working days before its
# period ends (the officers are warned then).
EXEMPTION_END_WARNING_WORKING_DAYS = 30

# UU 14/2008 Pasal 36(1): an objection (keberatan) is filed within 30 working days after
# its ground arose.
OBJECTION_FILING_WORKING_DAYS = 30
# UU 14/2008 Pasal 36(2): the Atasan PPID answers an objection within 30 working days of
# receiving it.
OBJECTION_ANSWER_WORKING_DAYS = 30
# UU 14/2008 Pasal 37(2); Perki 1/2013 Pasal 5 and 13: a dispute (sengketa) is filed at the
# Komisi Informasi within 14 working days after the Atasan's answer was received, or after
# the answer period ran out unanswered.
DISPUTE_FILING_WORKING_DAYS = 14
# Perki 1/2013 Pasal 41: mediation lasts 14 working days from the first session,
# extendable once by 7 working days.
MEDIATION_WORKING_DAYS = 14
MEDIATION_EXTENSION_WORKING_DAYS = 7
# UU 14/2008 Pasal 38(1): the Komisi Informasi starts settling a dispute (mediation or
# adjudication) within 14 working days after receiving the petition (counted here from
# its registration, the akta registrasi).
DISPUTE_START_WORKING_DAYS = 14
# UU 14/2008 Pasal 38(2): the Komisi Informasi settles the dispute within 100 working days.
DISPUTE_SETTLEMENT_WORKING_DAYS = 100
# UU 14/2008 Pasal 48(1); Perki 1/2013 Pasal 60: a party that does not accept the
# adjudication decision goes to court within 14 working days after receiving it.
DECISION_CHALLENGE_WORKING_DAYS = 14

# UU 27/2022 Pasal 30 and 32: the controller answers a data subject's access or correction
# request within 3×24 hours (calendar hours, not working days).
DATA_SUBJECT_RESPONSE_TIME = dt.timedelta(hours=3 * 24)
# UU 27/2022 Pasal 46(1): written notice of a personal-data breach to the data subjects and
# the authority within 3×24 hours (calendar hours) of discovering it.
BREACH_NOTIFY_TIME = dt.timedelta(hours=3 * 24)

# --- The satisfaction survey (Survei Kepuasan Masyarakat) -----------------------------------
# PermenPANRB 14/2017: nine elements, each answered 1–4; the index is the mean over the
# elements of each element's mean score, each weighted 1/9; the converted index is that
# × 25; the grade (mutu pelayanan) by the converted index.

SKM_ELEMENTS: tuple[tuple[str, Promise], ...] = (
    ("u1", _("Persyaratan")),
    ("u2", _("Sistem, mekanisme, dan prosedur")),
    ("u3", _("Waktu penyelesaian")),
    ("u4", _("Biaya/tarif")),
    ("u5", _("Produk spesifikasi jenis pelayanan")),
    ("u6", _("Kompetensi pelaksana")),
    ("u7", _("Perilaku pelaksana")),
    ("u8", _("Penanganan pengaduan, saran dan masukan")),
    ("u9", _("Sarana dan prasarana")),
)
SKM_MIN_SCORE = 1
SKM_MAX_SCORE = 4
SKM_CONVERSION_FACTOR = 25
# Lower bound of the converted index for each grade, highest first (PermenPANRB 14/2017
# Lampiran: A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99).
SKM_GRADES: tuple[tuple[str, str, Promise], ...] = (
    ("88.31", "A", _("Sangat baik")),
    ("76.61", "B", _("Baik")),
    ("65.00", "C", _("Kurang baik")),
    ("25.00", "D", _("Tidak baik")),
)

# Perki 1/2022 (monitoring and evaluation of public bodies' information service by the
# Komisi Informasi): the predicate of a final score 0–100, lowest bound first-match, highest
# first. Informatif 90–100, Menuju Informatif 80–89.9, Cukup Informatif 60–79.9, Kurang
# Informatif 40–59.9, Tidak Informatif below 40. A body that took no part is "tidak dinilai".
MONEV_PREDICATES: tuple[tuple[str, str, Promise], ...] = (
    ("90", "informatif", _("Informatif")),
    ("80", "menuju_informatif", _("Menuju Informatif")),
    ("60", "cukup_informatif", _("Cukup Informatif")),
    ("40", "kurang_informatif", _("Kurang Informatif")),
    ("0", "tidak_informatif", _("Tidak Informatif")),
)
MONEV_NOT_ASSESSED = _("Tidak dinilai")

# --- Practice defaults (not statute) -------------------------------------------------------
# DOMAIN.md marks these as practice: each body may change them in its service settings.

# A requester with an incomplete identity is told and may complete it within 3 working days.
IDENTITY_COMPLETION_WORKING_DAYS = 3

# --- Exemption grounds (UU 14/2008 Pasal 17) -----------------------------------------------

LETTERS: dict[str, Promise] = {
    "a": _("menghambat proses penegakan hukum"),
    "b": _(
        "mengganggu perlindungan hak atas kekayaan intelektual dan perlindungan dari"
        " persaingan usaha tidak sehat"
    ),
    "c": _("membahayakan pertahanan dan keamanan negara"),
    "d": _("mengungkapkan kekayaan alam Indonesia"),
    "e": _("merugikan ketahanan ekonomi nasional"),
    "f": _("merugikan kepentingan hubungan luar negeri"),
    "g": _(
        "mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir ataupun"
        " wasiat seseorang"
    ),
    "h": _("mengungkap rahasia pribadi"),
    "i": _(
        "memorandum atau surat antar atau intra Badan Publik yang menurut sifatnya dirahasiakan"
    ),
    "j": _("informasi yang tidak boleh diungkapkan berdasarkan undang-undang"),
}

SUB_ITEMS: dict[str, dict[int, Promise]] = {
    "a": {
        1: _("menghambat proses penyelidikan dan penyidikan suatu tindak pidana"),
        2: _("mengungkapkan identitas informan, pelapor, saksi, dan/atau korban"),
        3: _(
            "mengungkapkan data intelijen kriminal dan rencana pencegahan kejahatan transnasional"
        ),
        4: _("membahayakan keselamatan dan kehidupan penegak hukum dan/atau keluarganya"),
        5: _("membahayakan keamanan peralatan, sarana, dan/atau prasarana penegak hukum"),
    },
    "c": {
        1: _(
            "strategi, intelijen, operasi, taktik dan teknik sistem pertahanan dan keamanan negara"
        ),
        2: _("dokumen strategi, intelijen, operasi, teknik dan taktik pertahanan dan keamanan"),
        3: _("jumlah, komposisi, disposisi, atau dislokasi kekuatan dan kemampuan pertahanan"),
        4: _("gambar dan data tentang situasi dan keadaan pangkalan dan/atau instalasi militer"),
        5: _("data perkiraan kemampuan militer dan pertahanan negara lain"),
        6: _("sistem persandian negara"),
        7: _("sistem intelijen negara"),
    },
    "e": {
        1: _("rencana awal pembelian dan penjualan mata uang, saham dan aset vital milik negara"),
        2: _(
            "rencana awal perubahan nilai tukar, suku bunga, dan model operasi institusi keuangan"
        ),
        3: _("rencana awal perubahan suku bunga bank, pinjaman pemerintah, pajak, tarif"),
        4: _("rencana awal penjualan atau pembelian tanah atau properti"),
        5: _("rencana awal investasi asing"),
        6: _("proses dan hasil pengawasan perbankan, asuransi, atau lembaga keuangan lainnya"),
        7: _("hal-hal yang berkaitan dengan proses pencetakan uang"),
    },
    "f": {
        1: _("posisi, daya tawar dan strategi negara dalam negosiasi internasional"),
        2: _("korespondensi diplomatik antarnegara"),
        3: _("sistem komunikasi dan persandian dalam hubungan internasional"),
        4: _("perlindungan dan pengamanan infrastruktur strategis Indonesia di luar negeri"),
    },
    "h": {
        1: _("riwayat dan kondisi anggota keluarga"),
        2: _("riwayat, kondisi dan perawatan, pengobatan kesehatan fisik, dan psikis seseorang"),
        3: _("kondisi keuangan, aset, pendapatan, dan rekening bank seseorang"),
        4: _("hasil evaluasi kapabilitas, intelektualitas, dan rekomendasi kemampuan seseorang"),
        5: _("catatan pribadi seseorang terkait kegiatan satuan pendidikan"),
    },
}

# Letters whose sub-items must be cited (DOMAIN.md: "a refusal cites letter and sub-item").
LETTERS_REQUIRING_SUB_ITEM = frozenset({"a", "c", "e", "f"})


def ground_choices() -> list[tuple[str, Any]]:
    """Choices for a form or model field, in the order of the law (labels translated when
    shown)."""
    choices: list[tuple[str, Any]] = []
    for letter, text in LETTERS.items():
        if letter not in LETTERS_REQUIRING_SUB_ITEM:
            choices.append(
                (
                    letter,
                    format_lazy(_("Pasal 17 huruf {letter} — {text}"), letter=letter, text=text),
                )
            )
        for number, sub_text in SUB_ITEMS.get(letter, {}).items():
            label = format_lazy(
                _("Pasal 17 huruf {letter} angka {number} — {text}"),
                letter=letter,
                number=number,
                text=sub_text,
            )
            choices.append((f"{letter}.{number}", label))
    return choices


def is_valid_ground(code: str) -> bool:
    return code in dict(ground_choices())


def label(code: str) -> str:
    """``"a.1"`` → ``"Pasal 17 huruf a angka 1 UU 14/2008"``."""
    letter, _sep, number = code.partition(".")
    if number:
        return f"Pasal 17 huruf {letter} angka {number} UU 14/2008"
    return f"Pasal 17 huruf {letter} UU 14/2008"
