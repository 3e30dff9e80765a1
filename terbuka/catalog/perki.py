"""The DIP matrix of Perki 1/2021 (the seven columns kept since Perki 1/2010).

``PERKI_COLUMNS`` is the one ordered list of columns that the matrix page, the import
templates and the exports share: title and category first (so that a row stands on its
own outside its category group), then the seven Perki columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from terbuka.catalog.models import Entry

PERKI_COLUMNS: list[tuple[str, Promise]] = [
    ("judul", _("Judul informasi")),
    ("kategori", _("Kategori")),
    ("nomor", _("Nomor")),
    ("ringkasan", _("Ringkasan isi informasi")),
    ("pejabat", _("Pejabat/unit yang menguasai informasi")),
    ("penanggung_jawab", _("Penanggung jawab pembuatan/penerbitan informasi")),
    ("waktu_tempat", _("Waktu dan tempat pembuatan informasi")),
    ("bentuk", _("Bentuk informasi yang tersedia (softcopy/hardcopy)")),
    ("retensi", _("Jangka waktu penyimpanan")),
]

# The columns of the matrix proper, without the two extra leading ones.
MATRIX_COLUMNS = PERKI_COLUMNS[2:]


def available_form(entry: Entry) -> str:
    """``softcopy``, ``hardcopy`` or ``softcopy, hardcopy`` as the matrix writes it."""
    forms = []
    if entry.available_softcopy:
        forms.append("softcopy")
    if entry.available_hardcopy:
        forms.append("hardcopy")
    return ", ".join(forms)


def time_and_place(entry: Entry) -> str:
    return ", ".join(part for part in (entry.created_when, entry.created_where) if part)


def entry_values(entry: Entry) -> dict[str, str]:
    return {
        "judul": entry.title,
        "kategori": str(entry.get_category_display()),
        "nomor": entry.number,
        "ringkasan": entry.summary,
        "pejabat": entry.holder,
        "penanggung_jawab": entry.responsible,
        "waktu_tempat": time_and_place(entry),
        "bentuk": available_form(entry),
        "retensi": entry.retention,
    }


def entry_row(entry: Entry) -> list[str]:
    """One row in ``PERKI_COLUMNS`` order, as plain strings."""
    values = entry_values(entry)
    return [values[key] for key, _header in PERKI_COLUMNS]


def headers() -> list[str]:
    return [str(header) for _key, header in PERKI_COLUMNS]


# --- The berkala list -----------------------------------------------------------------------
# What every body publishes routinely (berkala): UU 14/2008 Pasal 9(2) and, item by item,
# Perki 1/2021 Pasal 11(1) a–j. A DIP entry carries no item code, so an entry counts for an
# item when its title or labels hold one of the item's words (the first item that matches,
# in this order: the SOP of the service is "tata cara", not the access report). The
# coordination dashboard measures a DIP's completeness against this list.
BERKALA_ITEMS: list[tuple[str, Promise, tuple[str, ...]]] = [
    ("profil", _("Profil badan publik"), ("profil", "struktur organisasi", "tugas dan fungsi")),
    (
        "tata_cara",
        _("Hak dan tata cara memperoleh informasi publik"),
        (" sop ", "standar operasional", "tata cara memperoleh", "hak dan tata cara", "maklumat"),
    ),
    (
        "akses",
        _("Ringkasan laporan akses informasi publik"),
        ("akses informasi", "ringkasan akses", "layanan informasi"),
    ),
    (
        "program",
        _("Ringkasan program dan kegiatan"),
        ("program", "kegiatan", "rencana kerja", "rencana strategis", "renstra", "renja"),
    ),
    ("kinerja", _("Ringkasan kinerja"), ("kinerja", "lkjip", "lakip", "lppd")),
    (
        "keuangan",
        _("Ringkasan laporan keuangan"),
        ("keuangan", "anggaran", "apbd", "dpa ", "neraca"),
    ),
    (
        "peraturan",
        _("Peraturan, keputusan dan kebijakan"),
        ("peraturan", "keputusan", "kebijakan", "regulasi"),
    ),
    ("pengaduan", _("Tata cara pengaduan penyalahgunaan wewenang"), ("pengaduan",)),
    ("pengadaan", _("Pengadaan barang dan jasa"), ("pengadaan",)),
    (
        "darurat",
        _("Prosedur peringatan dini dan evakuasi keadaan darurat"),
        ("darurat", "evakuasi", "peringatan dini"),
    ),
]


def berkala_item(title: str, tags: str = "") -> str | None:
    """The item of ``BERKALA_ITEMS`` a berkala entry publishes, by its words; None if none."""
    text = f" {title} {tags} ".lower()
    for key, _label, words in BERKALA_ITEMS:
        if any(word in text for word in words):
            return key
    return None
