"""Which DIP field a spreadsheet column holds, judged from its header as offices write it.

Headers are normalised (case, accents, spacing, punctuation, snake_case, a leading "(3)" or
"3."), then looked up in a table of synonyms; failing that, keyword rules decide
("jangka waktu …" is the retention before "waktu …" is the time of creation); failing that,
the closest synonym by similarity (difflib, ratio ≥ SIMILARITY), which catches typos.

Field keys are those of the import template (``importing.all_columns``) plus:
``waktu`` and ``tempat`` (time and place in two columns), ``softcopy`` and ``hardcopy`` (tick
columns: a ✓ or "v" under "Online"/"Softcopy", "Cetak"/"Hardcopy"), and ``abaikan`` for
columns known to hold nothing to import (the row number of the all-bodies export's body
name). A column that matches nothing is kept aside and reported.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from django.utils.translation import gettext_lazy as _

IGNORE = "abaikan"
SIMILARITY = 0.84

# The fields a column may be mapped to, with their names for the officer.
FIELD_LABELS = {
    "judul": _("Judul informasi"),
    "kategori": _("Kategori"),
    "nomor": _("Nomor"),
    "ringkasan": _("Ringkasan isi informasi"),
    "pejabat": _("Pejabat/unit yang menguasai informasi"),
    "penanggung_jawab": _("Penanggung jawab pembuatan/penerbitan informasi"),
    "waktu_tempat": _("Waktu dan tempat pembuatan informasi"),
    "waktu": _("Waktu pembuatan"),
    "tempat": _("Tempat pembuatan"),
    "bentuk": _("Bentuk informasi (teks)"),
    "softcopy": _("Tanda: tersedia softcopy"),
    "hardcopy": _("Tanda: tersedia hardcopy"),
    "retensi": _("Jangka waktu penyimpanan"),
    "label": _("Label"),
    "tanggal_publikasi": _("Tanggal publikasi"),
    "pembaruan_berikutnya": _("Pembaruan berikutnya"),
    IGNORE: _("(diabaikan)"),
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "judul": (
        "judul",
        "judul informasi",
        "nama informasi",
        "nama dokumen",
        "judul dokumen",
        "informasi",
        "informasi publik",
        "daftar informasi",
        "nama",
        "uraian informasi",
        "title",
        "information title",
    ),
    "kategori": (
        "kategori",
        "kategori informasi",
        "jenis informasi",
        "jenis",
        "klasifikasi",
        "klasifikasi informasi",
        "sifat informasi",
        "kategori info publik",
        "category",
    ),
    "nomor": (
        "no",
        "nomor",
        "no urut",
        "nomor urut",
        "kode",
        "kode informasi",
        "nomor informasi",
        "number",
    ),
    "ringkasan": (
        "ringkasan",
        "ringkasan isi informasi",
        "ringkasan informasi",
        "ringkasan isi",
        "isi informasi",
        "deskripsi",
        "uraian",
        "summary",
        "summary of the information",
    ),
    "pejabat": (
        "pejabat",
        "pejabat yang menguasai informasi",
        "pejabat unit yang menguasai informasi",
        "pejabat unit satker yang menguasai informasi",
        "unit penyedia",
        "unit penyedia informasi",
        "unit pengelola",
        "satuan kerja",
        "satker",
        "unit kerja",
        "bidang",
        "opd",
        "penguasaan informasi",
        "unit",
        "official unit holding the information",
    ),
    "penanggung_jawab": (
        "penanggung jawab",
        "penanggung jawab pembuatan atau penerbitan informasi",
        "penanggung jawab pembuatan penerbitan informasi",
        "penanggungjawab",
        "penanggung jawab informasi",
        "penerbit",
        "person responsible for creating publishing the information",
    ),
    "waktu_tempat": (
        "waktu dan tempat pembuatan informasi",
        "tempat dan waktu pembuatan informasi",
        "tempat dan waktu pembuatan",
        "waktu dan tempat pembuatan",
        "tempat dan waktu",
        "waktu dan tempat",
        "waktu tempat",
        "time and place of creation",
    ),
    "waktu": (
        "waktu",
        "waktu pembuatan",
        "waktu pembuatan informasi",
        "tahun",
        "tahun pembuatan",
        "tanggal pembuatan",
        "periode",
    ),
    "tempat": ("tempat", "tempat pembuatan", "tempat pembuatan informasi", "lokasi"),
    "bentuk": (
        "bentuk",
        "bentuk informasi",
        "bentuk informasi yang tersedia",
        "format",
        "format informasi",
        "media",
        "bentuk informasi yang tersedia softcopy hardcopy",
        "jenis media",
        "form available softcopy hardcopy",
    ),
    "softcopy": ("softcopy", "soft copy", "online", "elektronik", "digital", "daring", "soft file"),
    "hardcopy": (
        "hardcopy",
        "hard copy",
        "cetak",
        "tercetak",
        "luring",
        "offline",
        "fisik",
        "print",
    ),
    "retensi": (
        "retensi",
        "retensi arsip",
        "jangka waktu penyimpanan",
        "jangka waktu penyimpanan atau retensi arsip",
        "jangka waktu penyimpanan retensi arsip",
        "masa simpan",
        "masa retensi",
        "jangka waktu simpan",
        "retention period",
    ),
    "label": ("label", "tag", "tags", "kata kunci", "labels"),
    "tanggal_publikasi": (
        "tanggal publikasi",
        "tgl publikasi",
        "tanggal terbit",
        "tanggal upload",
        "tgl upload",
        "tanggal diumumkan",
        "publication date",
        "tanggal unggah",
    ),
    "pembaruan_berikutnya": ("pembaruan berikutnya", "tanggal pembaruan berikutnya", "next update"),
    IGNORE: ("badan publik", "public body", "aksi", "action"),
}

# Keyword rules, first match wins: (field, words that must all appear).
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pembaruan_berikutnya", ("pembaruan",)),
    ("retensi", ("retensi",)),
    ("retensi", ("jangka", "waktu")),
    ("retensi", ("penyimpanan",)),
    ("waktu_tempat", ("waktu", "tempat")),
    ("penanggung_jawab", ("penanggung",)),
    ("penanggung_jawab", ("penerbitan",)),
    ("pejabat", ("menguasai",)),
    ("pejabat", ("pejabat",)),
    ("pejabat", ("penyedia",)),
    ("pejabat", ("satker",)),
    ("ringkasan", ("ringkasan",)),
    ("ringkasan", ("isi",)),
    ("bentuk", ("bentuk",)),
    ("tanggal_publikasi", ("publikasi",)),
    ("tanggal_publikasi", ("upload",)),
    ("kategori", ("kategori",)),
    ("kategori", ("jenis",)),
    ("kategori", ("klasifikasi",)),
    ("judul", ("judul",)),
    ("judul", ("nama",)),
    ("waktu", ("waktu",)),
    ("tempat", ("tempat",)),
)

_WORDS = {"soft", "hard", "copy"}


def normalise(text: str) -> str:
    """ "  Pejabat/Unit/Satker yang Menguasai Informasi " → "pejabat unit satker yang
    menguasai informasi"; "jenis_informasi" → "jenis informasi"; "(3)" prefixes go."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = re.sub(r"^\s*(\(?\d+\)|\d+\.)\s*", "", text)
    text = re.sub(r"[^\w+]+|_", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_LOOKUP = {normalise(name): key for key, names in SYNONYMS.items() for name in names}
_FORM_WORDS = {"softcopy": SYNONYMS["softcopy"], "hardcopy": SYNONYMS["hardcopy"]}


def _mentions(text: str, key: str) -> bool:
    squeezed = text.replace(" ", "")
    return any(normalise(word).replace(" ", "") in squeezed for word in _FORM_WORDS[key])


def match(header: str) -> str | None:
    """The field a header names, or None."""
    text = normalise(header)
    if not text:
        return None
    if text in _LOOKUP:
        return _LOOKUP[text]
    soft, hard = _mentions(text, "softcopy"), _mentions(text, "hardcopy")
    words = set(text.split())
    if soft and hard:
        return "bentuk"
    for key, needed in RULES:
        if all(word in words for word in needed):
            return key
    if soft and not words - _WORDS - {"softcopy", "online", "informasi", "tersedia"}:
        return "softcopy"
    if hard and not words - _WORDS - {"hardcopy", "cetak", "informasi", "tersedia"}:
        return "hardcopy"
    close = difflib.get_close_matches(text, list(_LOOKUP), n=1, cutoff=SIMILARITY)
    return _LOOKUP[close[0]] if close else None


def is_form_header(header: str) -> str | None:
    """ "Cetak", "Hardcopy", "Online", "Softcopy" as a sub-header under "Bentuk Informasi"."""
    key = match(header)
    return key if key in ("softcopy", "hardcopy") else None
