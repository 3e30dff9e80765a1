"""Grounds for exempting information: UU 14/2008 Pasal 17 huruf a–j and their sub-items.

A refusal (Pasal 22(7)) and a classification decision (PP 61/2010 Pasal 4(2)) cite the
letter and, where the letter has them, the numbered sub-item. Codes are ``"a"`` for a letter
or ``"a.1"`` for a sub-item; ``label`` gives the citation as a letter would print it.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
