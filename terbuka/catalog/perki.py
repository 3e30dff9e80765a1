"""The DIP matrix of Perki 1/2021 (the seven columns kept since Perki 1/2010).

``PERKI_COLUMNS`` is the one ordered list of columns that the matrix page, the import
templates and the exports share: title and category first (so that a row stands on its
own outside its category group), then the seven Perki columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from terbuka import choices
from terbuka.catalog.models import Category

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


# The fields of an entry the matrix reads (``row_values`` takes them by these names).
ROW_FIELDS = (
    "category",
    "number",
    "title",
    "summary",
    "holder",
    "responsible",
    "created_when",
    "created_where",
    "available_softcopy",
    "available_hardcopy",
    "retention",
)


def forms(softcopy: bool, hardcopy: bool) -> list[str]:
    """The forms an entry is available in: ``softcopy``, ``hardcopy`` or both."""
    return [name for name, present in (("softcopy", softcopy), ("hardcopy", hardcopy)) if present]


# ``bentuk`` for each (softcopy, hardcopy): the four values, joined once.
_FORMS = {
    (softcopy, hardcopy): ", ".join(forms(softcopy, hardcopy))
    for softcopy in (False, True)
    for hardcopy in (False, True)
}


def row_values(row: Mapping[str, Any], category_labels: Mapping[str, str]) -> dict[str, str]:
    """One entry's columns, from its fields by name (``ROW_FIELDS``, as ``QuerySet.values()``
    gives them): a list builds its rows without model instances. ``category_labels`` is
    ``choices.labels(Category)``, which a list asks for once (it reads the active
    language, a tenth of a record's cost when asked per row)."""
    return field_values([row[name] for name in ROW_FIELDS], category_labels)


def field_values(fields: Sequence[Any], category_labels: Mapping[str, str]) -> dict[str, str]:
    """``row_values`` of the entry's ``ROW_FIELDS`` values given in that order (a row read
    as a tuple, as the open-data feeds read theirs)."""
    (
        category,
        number,
        title,
        summary,
        holder,
        responsible,
        created_when,
        created_where,
        softcopy,
        hardcopy,
        retention,
    ) = fields
    return {
        "judul": title,
        "kategori": category_labels.get(category, category),
        "nomor": number,
        "ringkasan": summary,
        "pejabat": holder,
        "penanggung_jawab": responsible,
        "waktu_tempat": (
            f"{created_when}, {created_where}"
            if created_when and created_where
            else created_when or created_where
        ),
        "bentuk": _FORMS[bool(softcopy), bool(hardcopy)],
        "retensi": retention,
    }


def entry_values(entry: Entry) -> dict[str, str]:
    return row_values({name: getattr(entry, name) for name in ROW_FIELDS}, choices.labels(Category))


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
