"""Bulk import of DIP entries from a CSV or XLSX file in the Perki matrix columns.

The flow (views/imports.py): an officer uploads a file; it is kept under a random name in
the file storage's ``imports/`` (local disk or object storage: the worker importing it may
run on another machine) and checked at once, every row, and the preview shows the first
rows as read and every error by row and column. A file with any error cannot be imported.
On confirmation the import runs as a background job (the Django tasks API: django-tasks'
database backend with ``manage.py db_worker``, or inline with the immediate backend) and
creates all entries in ONE transaction through ``actions.create_entry``: an error in any
row rolls every row back. Its progress goes to a small JSON status file beside the upload,
written outside the database transaction so that the status page (on any app server) can
show it while the transaction is still open.

Row numbers are the spreadsheet's own: row 1 holds the column headers, so the first entry
is row 2 and "baris 4.812" is the row Excel or LibreOffice shows as 4812.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from terbuka import storage
from terbuka.audit import log
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog import columns, perki, sheets
from terbuka.catalog.models import Category, Entry
from terbuka.security import ratelimit

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# One import is one transaction (all or nothing), which holds the database's write lock
# on SQLite, and the audit chain's head row on PostgreSQL, until it ends: ~10 ms of CPU a
# row here, so this cap keeps the longest import to a few minutes.
MAX_ROWS = 20_000
# Reading stops after this many empty rows in a row.
MAX_BLANK_RUN = 1_000
PREVIEW_ROWS = 20
# The header row is looked for among this many non-empty rows (title rows come above it).
HEADER_SCAN_ROWS = 30
# Errors kept for the preview; the count of all errors is kept too.
MAX_ERRORS_KEPT = 500
# Progress is written to the status file every this many rows.
PROGRESS_EVERY = 250
# Uploads never confirmed, and finished jobs' status files, are swept after this long.
EXPIRES_AFTER = dt.timedelta(hours=24)
# A job is confirmed once: one claim per job, counted in the database.
CLAIM = ratelimit.Limit(limit=1, per_seconds=int(EXPIRES_AFTER.total_seconds()))
IMPORTS = "imports"
# Progress is written every PROGRESS_EVERY rows, far more often than this.
STALLED_AFTER = dt.timedelta(minutes=10)

# Columns beyond the Perki matrix that an import may carry: optional, in any order.
EXTRA_COLUMNS: list[tuple[str, Any]] = [
    ("label", gettext_lazy("Label")),
    ("tanggal_publikasi", gettext_lazy("Tanggal publikasi")),
    ("pembaruan_berikutnya", gettext_lazy("Pembaruan berikutnya")),
]
REQUIRED_KEYS = (
    "judul",
    "kategori",
    "ringkasan",
    "pejabat",
    "penanggung_jawab",
    "waktu_tempat",
    "bentuk",
    "retensi",
)
DATE_KEYS = ("tanggal_publikasi", "pembaruan_berikutnya")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")

# Spreadsheet cells to model fields, for the maximum-length check.
FIELD_OF_KEY = {
    "judul": "title",
    "nomor": "number",
    "pejabat": "holder",
    "penanggung_jawab": "responsible",
    "retensi": "retention",
    "label": "tags",
}

EXAMPLE_ROW = {
    "judul": "Laporan Keuangan Tahun 2024",
    "kategori": "berkala",
    "nomor": "B-01",
    "ringkasan": "Laporan realisasi anggaran, neraca dan catatan atas laporan keuangan 2024.",
    "pejabat": "Sekretariat, Subbagian Keuangan",
    "penanggung_jawab": "Kepala Subbagian Keuangan",
    "waktu_tempat": "Maret 2025, Palangka Raya",
    "bentuk": "softcopy, hardcopy",
    "retensi": "10 tahun",
    "label": "keuangan, anggaran",
    "tanggal_publikasi": "2025-03-31",
    "pembaruan_berikutnya": "2025-09-30",
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not CSV/XLSX, too big, wrong columns)."""


# --- Columns --------------------------------------------------------------------------


def all_columns() -> list[tuple[str, Any]]:
    """The template's columns: the Perki matrix columns, then the optional extras."""
    return [*perki.PERKI_COLUMNS, *EXTRA_COLUMNS]


def template_headers() -> list[str]:
    return [str(header) for _key, header in all_columns()]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _header_names() -> dict[str, str]:
    """The template's own headers, in Indonesian (the source language) and in English."""
    names: dict[str, str] = {}
    for key, header in all_columns():
        names[columns.normalise(key)] = key
        for language in ("id", "en"):
            with translation.override(language):
                names[columns.normalise(str(header))] = key
    return names


def suggest_mapping(found: list[str]) -> list[str]:
    """The field key of each header cell ("" for an empty or unknown header), each field
    taken by its first column only."""
    names = _header_names()
    keys: list[str] = []
    seen: set[str] = set()
    for cell in found:
        key = names.get(columns.normalise(cell)) or columns.match(cell) or ""
        if key in seen and key != columns.IGNORE:
            key = ""
        if key:
            seen.add(key)
        keys.append(key)
    return keys


def field_label(key: str) -> str:
    return str(columns.FIELD_LABELS.get(key, key))


# --- Reading files --------------------------------------------------------------------


def read_rows(path: Path, kind: str | None = None, sheet: int = 0) -> Iterator[list[str]]:
    """The rows of a CSV file, or of one sheet of an XLSX or ODS file, as lists of strings."""
    kind = kind or sheets.file_kind(path.name)
    if kind is None:
        raise ImportFileError(only_these_files())
    try:
        yield from sheets.read_rows(path, kind, sheet)
    except sheets.SheetError as exc:
        raise ImportFileError(str(exc)) from exc


def only_these_files() -> str:
    return _("Hanya berkas .csv, .xlsx, atau .ods yang dapat diimpor.")


# --- Checking rows --------------------------------------------------------------------


def format_row(number: int) -> str:
    """4812 → "4.812", as Indonesian writes thousands."""
    return f"{number:,}".replace(",", ".")


def row_place(row: int, sheet: str = "") -> str:
    """Where a row is: "4.812", or "lembar “Serta Merta”, baris 14" in a workbook read
    sheet by sheet."""
    if sheet:
        return _("lembar “%(sheet)s”, baris %(row)s") % {"sheet": sheet, "row": format_row(row)}
    return format_row(row)


@dataclass
class RowError:
    row: int
    column: str
    message: str
    # The sheet's name when the workbook has more than one sheet, else "".
    sheet: str = ""

    def __str__(self) -> str:
        if self.sheet:
            place = row_place(self.row, self.sheet)
            if self.column:
                return _("%(place)s, kolom “%(column)s”: %(message)s") % {
                    "place": place,
                    "column": self.column,
                    "message": self.message,
                }
            return f"{place}: {self.message}"
        if self.column:
            return _("baris %(row)s, kolom “%(column)s”: %(message)s") % {
                "row": format_row(self.row),
                "column": self.column,
                "message": self.message,
            }
        return _("baris %(row)s: %(message)s") % {
            "row": format_row(self.row),
            "message": self.message,
        }


@dataclass
class ParsedRow:
    row: int
    fields: dict[str, Any]
    sheet: str = ""


@dataclass
class Layout:
    """How a file was read: where its header is, which column holds which field, where the
    categories come from, and the values used for columns the file does not have."""

    header_row: int = 0
    headers: list[str] = field(default_factory=list)
    mapping: list[str] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)
    sub_header_rows: list[int] = field(default_factory=list)
    title_rows: list[str] = field(default_factory=list)
    category_rule: str = ""
    defaults: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def unknown(self) -> list[str]:
        return [
            h for h, key in zip(self.headers, self.mapping, strict=False) if h.strip() and not key
        ]


@dataclass
class CheckResult:
    total: int = 0
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    # The first rows as they will be stored (or with their problems), by row number.
    preview: list[dict[str, Any]] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)
    skipped_exempt: int = 0
    # The sheet being checked, named in errors when the workbook has more than one.
    sheet: str = ""

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(RowError(row, column, message, self.sheet))


_CATEGORY_NAMES = {
    "berkala": Category.BERKALA,
    "serta merta": Category.SERTA_MERTA,
    "sertamerta": Category.SERTA_MERTA,
    "setiap saat": Category.SETIAP_SAAT,
}
EXEMPT = "dikecualikan"


def parse_category(value: str) -> str | None:
    """berkala / serta merta / setiap saat, in any of the ways people write them."""
    # A file repeats a handful of values thousands of times; labels depend on the language.
    return _parse_category(value, translation.get_language() or "")


@functools.lru_cache(maxsize=512)
def _parse_category(value: str, _language: str) -> str | None:
    text = _norm(value).replace("-", " ").replace("_", " ")
    text = re.sub(r"^(informasi )?(publik )?(yang )?(wajib )?(tersedia |disediakan )?", "", text)
    text = re.sub(r"^(dan )?(diumumkan )?(secara )?", "", text).strip()
    for choice, label in Category.choices:
        if _norm(str(label)) == _norm(value):
            return choice
    return _CATEGORY_NAMES.get(text)


_SECTION_MARK = re.compile(r"^\s*([a-z]|[ivx]+|\d+)\s*[.)]\s+", re.IGNORECASE)
_HEADING_MARK = re.compile(r"^\s*([a-z]|[ivx]+)\s*[.)]\s+", re.IGNORECASE)


def section_category(text: str) -> str | None:
    """The category a section heading announces: "A. Informasi Publik yang Wajib Disediakan
    dan Diumumkan secara Berkala" → berkala; "… Dikecualikan" → EXEMPT; else None."""
    words = columns.normalise(_SECTION_MARK.sub("", text))
    if "dikecualikan" in words or "kecuali" in words.split():
        return EXEMPT
    squeezed = words.replace(" ", "")
    if "sertamerta" in squeezed:
        return Category.SERTA_MERTA
    if "setiapsaat" in squeezed:
        return Category.SETIAP_SAAT
    if "berkala" in words.split():
        return Category.BERKALA
    return None


def parse_forms(value: str) -> tuple[bool, bool] | None:
    """(softcopy, hardcopy) from "softcopy", "hard copy", "HARDCOPY+SOFTCOPY", "cetak dan
    online", …"""
    text = _norm(value).replace(" ", "").replace("-", "")
    soft = any(
        word in text
        for word in (
            "softcopy",
            "softfile",
            "elektronik",
            "digital",
            "online",
            "daring",
            "website",
            "pdf",
        )
    )
    hard = any(word in text for word in ("hardcopy", "cetak", "tercetak", "fisik", "kertas"))
    return (soft, hard) if soft or hard else None


TICKS = {"✓", "✔", "√", "☑", "v", "x", "ya", "y", "ada", "1", "true", "tersedia", "ok"}
NO_TICKS = {"", "-", "–", "—", "0", "tidak", "tidak ada", "false", "n", "no", "x̶"}


def parse_tick(value: str) -> bool | None:
    text = _norm(value)
    if text in TICKS:
        return True
    if text in NO_TICKS:
        return False
    return None


def parse_day(value: str) -> dt.date | None:
    text = value.strip()
    if " " in text:  # a spreadsheet date-time cell at midnight
        text = text.split(" ", 1)[0]
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    return None


_TIME_WORDS = re.compile(
    r"\d{4}|\b(jan|feb|mar|apr|mei|may|jun|jul|agu|aug|sep|okt|oct|nov|des|dec|setiap|tiap|"
    r"tahun|bulan|triwulan|semester|minggu|hari)",
    re.IGNORECASE,
)


def split_time_place(value: str, place_first: bool = False) -> tuple[str, str]:
    """ "Maret 2025, Palangka Raya" → ("Maret 2025", "Palangka Raya"). The parts are split
    at a line break, a semicolon or the first comma; the part that speaks of time (a year,
    a month, "setiap tahun") is the time, whatever the order; with no such sign, the
    header's order decides ("Tempat dan Waktu" puts the place first)."""
    for separator in ("\n", ";", ","):
        if separator in value:
            first, second = (part.strip() for part in value.split(separator, 1))
            break
    else:
        return value.strip(), ""
    first_time, second_time = bool(_TIME_WORDS.search(first)), bool(_TIME_WORDS.search(second))
    if (second_time and not first_time) or (place_first and first_time == second_time):
        return second, first
    return first, second


def first_sentence(text: str, limit: int) -> str:
    sentence = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _max_length(model_field: str) -> int:
    model_field_object = Entry._meta.get_field(model_field)
    assert isinstance(model_field_object, models.CharField)
    return int(model_field_object.max_length or 0)


def _unquote(value: str) -> str:
    """A leading apostrophe that a spreadsheet export put before = + - @ (CSV injection
    guard, exporting.spreadsheet_safe) is dropped on the way back in."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


def _defaults(body: Body) -> dict[str, str]:
    """Values for Perki columns a file does not have at all (the feed importer's)."""
    return {
        "pejabat": body.name,
        "penanggung_jawab": _("PPID %(body)s") % {"body": body.name},
        "waktu": _("tidak disebutkan"),
        "retensi": _("sesuai jadwal retensi arsip"),
        "bentuk": "softcopy",
    }


def check_row(
    number: int,
    cells: dict[str, str],
    result: CheckResult,
    section: str | None,
    layout: Layout | None = None,
) -> dict[str, Any] | None:
    """The create_entry fields of one row, or None after adding its errors to ``result``.
    ``layout`` is the row's sheet's (the file's first sheet read when not given)."""
    layout = layout or result.layout
    mapped = set(layout.mapping)
    before = result.error_count

    def label(key: str) -> str:
        for header, chosen in zip(layout.headers, layout.mapping, strict=False):
            if chosen == key and header.strip():
                return header.strip()
        return field_label(key)

    def error(key: str, message: str) -> None:
        result.add_error(number, label(key), message)

    for key, value in cells.items():
        if isinstance(value, sheets.Formula):
            error(
                key,
                _(
                    "sel berisi rumus (“%(formula)s”); rumus tidak dijalankan. Salin sel lalu "
                    "tempel sebagai nilai (Tempel Spesial → Nilai)."
                )
                % {"formula": value[:60]},
            )
    if result.error_count > before:
        return None
    cells = {key: _unquote(value.strip()) for key, value in cells.items()}

    def value_of(key: str) -> str:
        if key in mapped:
            if not cells.get(key):
                error(key, _("kolom “%(column)s” wajib diisi") % {"column": label(key)})
            return cells.get(key, "")
        return layout.defaults.get(key, "")

    summary = cells.get("ringkasan", "")
    title = cells.get("judul", "")
    if not title and not summary:
        error("judul" if "judul" in mapped else "ringkasan", _("judul dan ringkasan kosong"))
    elif "ringkasan" in mapped and not summary:
        error("ringkasan", _("kolom “%(column)s” wajib diisi") % {"column": label("ringkasan")})
    if not title:
        title = first_sentence(summary, _max_length("title"))
    if not summary:
        summary = title
    holder = value_of("pejabat")
    responsible = value_of("penanggung_jawab")
    retention = value_of("retensi")
    if "waktu_tempat" in mapped:
        place_first = columns.normalise(label("waktu_tempat")).startswith("tempat")
        when, where = split_time_place(value_of("waktu_tempat"), place_first)
    else:
        when = value_of("waktu")
        where = cells.get("tempat", "")
    for key, model_field, text in (
        ("judul", "title", title),
        ("nomor", "number", cells.get("nomor", "")),
        ("pejabat", "holder", holder),
        ("penanggung_jawab", "responsible", responsible),
        ("retensi", "retention", retention),
        ("label", "tags", cells.get("label", "")),
        ("waktu_tempat" if "waktu_tempat" in mapped else "waktu", "created_when", when),
        ("waktu_tempat" if "waktu_tempat" in mapped else "tempat", "created_where", where),
    ):
        limit = _max_length(model_field)
        if len(text) > limit:
            error(
                key,
                _("kolom “%(column)s” paling banyak %(max)s karakter")
                % {"column": label(key), "max": limit},
            )

    category = None
    raw_category = cells.get("kategori", "")
    if raw_category:
        category = parse_category(raw_category) or section_category(raw_category)
        if category == EXEMPT or (category is None and "kecuali" in _norm(raw_category)):
            category = None
            error(
                "kategori",
                _(
                    "informasi yang dikecualikan tidak masuk DIP; catat di Daftar Informasi "
                    "yang Dikecualikan (DIK)"
                ),
            )
        elif category is None:
            error(
                "kategori",
                _(
                    "kategori tidak dikenal: “%(value)s” (gunakan berkala, serta merta, atau setiap saat)"
                )
                % {"value": raw_category[:60]},
            )
    elif section:
        category = section
    else:
        error(
            "kategori", _("kategori kosong (tidak ada di kolom maupun di judul bagian di atasnya)")
        )

    soft = hard = False
    has_form = False
    if "bentuk" in mapped and cells.get("bentuk"):
        forms = parse_forms(cells["bentuk"])
        if forms is None:
            error(
                "bentuk",
                _(
                    "bentuk informasi tidak dikenal: “%(value)s” (gunakan softcopy, hardcopy, atau keduanya)"
                )
                % {"value": cells["bentuk"][:60]},
            )
        else:
            soft, hard, has_form = forms[0], forms[1], True
    for key in ("softcopy", "hardcopy"):
        if key in mapped:
            tick = parse_tick(cells.get(key, ""))
            if tick is None:
                error(
                    key,
                    _("tanda tidak dikenal: “%(value)s” (gunakan ✓, v, atau kosong)")
                    % {"value": cells[key][:20]},
                )
            elif tick:
                has_form = True
                soft = soft or key == "softcopy"
                hard = hard or key == "hardcopy"
    if not has_form:
        if mapped & {"bentuk", "softcopy", "hardcopy"}:
            form_key = next(k for k in ("bentuk", "softcopy", "hardcopy") if k in mapped)
            if result.error_count == before or cells.get(form_key):
                error(form_key, _("bentuk informasi kosong (softcopy, hardcopy, atau keduanya)"))
        else:
            soft, has_form = True, True

    days: dict[str, dt.date | None] = {}
    for key in DATE_KEYS:
        raw = cells.get(key, "")
        days[key] = None
        if raw:
            days[key] = parse_day(raw)
            if days[key] is None:
                error(
                    key,
                    _(
                        "tanggal tidak valid pada kolom “%(column)s”: “%(value)s” "
                        "(gunakan TTTT-BB-HH atau HH/BB/TTTT)"
                    )
                    % {"column": label(key), "value": raw[:40]},
                )
    if result.error_count > before or category is None:
        return None
    fields: dict[str, Any] = {
        "title": title,
        "category": category,
        "number": cells.get("nomor", ""),
        "summary": summary,
        "holder": holder,
        "responsible": responsible,
        "created_when": when,
        "created_where": where,
        "available_softcopy": soft,
        "available_hardcopy": hard,
        "retention": retention,
        "tags": ", ".join(t.strip() for t in cells.get("label", "").split(",") if t.strip()),
    }
    if days["tanggal_publikasi"]:
        fields["published_on"] = days["tanggal_publikasi"]
        fields["last_updated_on"] = days["tanggal_publikasi"]
    if days["pembaruan_berikutnya"]:
        fields["next_update_due"] = days["pembaruan_berikutnya"]
    return fields


def _filled(row: list[str]) -> list[str]:
    return [cell.strip() for cell in row if cell.strip()]


def _is_numbering_row(row: list[str]) -> bool:
    """ "1 2 3 4 …" or "(1) (2) (3) …" under a header, as government tables number columns."""
    cells = _filled(row)
    return len(cells) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", cell) for cell in cells)


def _recognised(row: list[str]) -> int:
    names = _header_names()
    return len(
        {
            names.get(columns.normalise(cell)) or columns.match(cell)
            for cell in row
            if cell.strip() and len(cell) < 120 and not isinstance(cell, sheets.Formula)
        }
        - {None, columns.IGNORE}
    )


def find_layout(head: list[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    """The index and cells of the header row among the first rows: the one naming the most
    known fields (at least two); rows above it are title rows."""
    best: tuple[int, int, list[str]] | None = None
    for position, (_index, row) in enumerate(head):
        score = _recognised(row)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, position, row)
    if best is None:
        found = next((_filled(row) for _i, row in head if _filled(row)), [])
        raise ImportFileError(
            _(
                "Tidak ditemukan baris judul kolom yang dikenali di %(n)s baris pertama. "
                "Kolom yang diharapkan antara lain: %(expected)s. Baris pertama berisi: %(found)s."
            )
            % {
                "n": HEADER_SCAN_ROWS,
                "expected": ", ".join(f"“{h}”" for h in template_headers()[:9]),
                "found": ", ".join(f"“{c[:60]}”" for c in found[:12]) or "—",
            }
        )
    return best[1], best[2]


def _layout(
    head: list[tuple[int, list[str]]], body: Body, mapping: list[str] | None, sheet_title: str
) -> tuple[Layout, int, str | None]:
    """The layout of a file from its first rows; returns it, the position in ``head`` of
    the first data row, and the category set by the sheet's name, if any."""
    position, header = find_layout(head)
    layout = Layout(header_row=head[position][0], headers=[c.strip() for c in header])
    layout.title_rows = [
        " ".join(_filled(row))[:200] for _i, row in head[:position] if _filled(row)
    ]
    suggested = suggest_mapping(layout.headers)
    next_position = position + 1
    # A second header row under merged group headers: "Cetak | Online" under "Bentuk".
    while next_position < len(head):
        index, row = head[next_position]
        if _is_numbering_row(row):
            layout.sub_header_rows.append(index)
            next_position += 1
            continue
        subs = {i: columns.match(cell) for i, cell in enumerate(row) if cell.strip()}
        useful = {
            i: key for i, key in subs.items() if key in ("softcopy", "hardcopy", "waktu", "tempat")
        }
        if not useful or len(useful) < len(subs):
            break
        width = max(len(layout.headers), max(useful) + 1)
        layout.headers += [""] * (width - len(layout.headers))
        suggested += [""] * (width - len(suggested))
        for i, key in useful.items():
            group = layout.headers[i]
            layout.headers[i] = f"{group} — {row[i].strip()}" if group else row[i].strip()
            suggested[i] = key
        layout.sub_header_rows.append(index)
        next_position += 1
    _judge_category_column(suggested, head[next_position:], layout)
    layout.suggested = suggested
    if mapping is not None:
        chosen = [key if key in columns.FIELD_LABELS else "" for key in mapping]
        layout.mapping = (chosen + [""] * len(suggested))[: len(suggested)]
    else:
        layout.mapping = list(suggested)
    mapped = set(layout.mapping)
    if not mapped & {"judul", "ringkasan"}:
        raise ImportFileError(
            _(
                "Tidak ada kolom judul atau ringkasan informasi di baris judul kolom (baris %(row)s). "
                "Kolom yang ditemukan: %(found)s."
            )
            % {
                "row": format_row(layout.header_row),
                "found": ", ".join(f"“{h}”" for h in layout.headers if h) or "—",
            }
        )
    defaults = _defaults(body)
    for key in ("pejabat", "penanggung_jawab", "retensi"):
        if key not in mapped:
            layout.defaults[key] = defaults[key]
    if not mapped & {"waktu_tempat", "waktu"}:
        layout.defaults["waktu"] = defaults["waktu"]
    if not mapped & {"bentuk", "softcopy", "hardcopy"}:
        layout.defaults["bentuk"] = defaults["bentuk"]
    sheet_category = section_category(sheet_title) if sheet_title else None
    if sheet_category == EXEMPT:
        sheet_category = None
    return layout, next_position, sheet_category


def _judge_category_column(
    suggested: list[str], sample: list[tuple[int, list[str]]], layout: Layout
) -> None:
    """Many offices head their title column "Jenis Informasi" ("Profil badan publik",
    "Laporan keuangan" …). If the column taken for the category holds mostly titles, and
    no other column is the title, it becomes the title column; the categories then come
    from the section headings."""
    if "kategori" not in suggested or "judul" in suggested:
        return
    position = suggested.index("kategori")
    values = [
        row[position].strip()
        for _index, row in sample[:PREVIEW_ROWS]
        if position < len(row) and row[position].strip() and len(_filled(row)) >= 3
    ]
    known = sum(
        1
        for value in values
        if parse_category(value) or section_category(value) not in (None, EXEMPT)
    )
    if values and known * 2 < len(values):
        suggested[position] = "judul"
        layout.notes.append(
            _("Kolom “%(header)s” berisi judul informasi, bukan kategori: dipakai sebagai judul.")
            % {"header": layout.headers[position]}
        )


def _section_of(row: list[str]) -> tuple[bool, str | None]:
    """Whether a row is a section heading ("A. Informasi … Berkala", or "A" | "Informasi
    Berkala" in two cells), and the category it sets. A data row of a narrow file ("Renja",
    "berkala") is not one: a heading is a single text, after at most a short marker."""
    filled = [(i, cell.strip()) for i, cell in enumerate(row) if cell.strip()]
    marker = ""
    if len(filled) == 2 and len(filled[0][1]) <= 4:
        marker, filled = filled[0][1], filled[1:]
    if len(filled) != 1:
        return False, None
    _position, text = filled[0]
    full = f"{marker}. {text}" if marker and not marker.endswith((".", ")")) else f"{marker} {text}"
    # "A." or "II." marks a heading; "1." is a row number.
    marked = bool(_HEADING_MARK.match(full.strip()))
    words = columns.normalise(text).split()
    if not (marked or "informasi" in words or parse_category(text)):
        return False, None
    return True, section_category(text)


def _squeeze(text: str) -> str:
    return " ".join(text.split()).casefold()


def _header_words(layout: Layout) -> tuple[frozenset[str], frozenset[str]]:
    """The header's cells, and every part of them ("Bentuk Informasi — Cetak" gives both
    parts), as repeated headers write them: compared without case or extra spaces."""
    first = frozenset(_squeeze(h.split(" — ")[0]) for h in layout.headers if h.strip())
    parts = frozenset(
        _squeeze(part) for h in layout.headers if h.strip() for part in h.split(" — ")
    )
    return first, parts


def _is_repeated_header(row: list[str], words: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A header repeated above a section: most of the header's cells again, or a row made
    only of header words (the "Cetak | Online" second row, repeated too)."""
    first, parts = words
    cells = [_squeeze(c) for c in row if c.strip()]
    if not cells or not first:
        return False
    if sum(h in cells for h in first) * 2 >= len(first):
        return True
    return len(cells) >= 2 and all(cell in parts for cell in cells)


def _display(fields: dict[str, Any]) -> dict[str, str]:
    """A parsed row as the preview shows it: the entry as it will be stored."""
    forms = [
        name
        for name, on in (
            ("softcopy", fields["available_softcopy"]),
            ("hardcopy", fields["available_hardcopy"]),
        )
        if on
    ]
    return {
        "judul": fields["title"],
        "kategori": str(Category(fields["category"]).label),
        "nomor": fields["number"],
        "ringkasan": fields["summary"][:200],
        "pejabat": fields["holder"],
        "penanggung_jawab": fields["responsible"],
        "waktu_tempat": ", ".join(
            p for p in (fields["created_when"], fields["created_where"]) if p
        ),
        "bentuk": ", ".join(forms),
        "retensi": fields["retention"],
        "label": fields["tags"],
        "tanggal_publikasi": fields["published_on"].isoformat()
        if fields.get("published_on")
        else "",
    }


PREVIEW_KEYS = (
    "judul",
    "kategori",
    "nomor",
    "ringkasan",
    "pejabat",
    "penanggung_jawab",
    "waktu_tempat",
    "bentuk",
    "retensi",
    "label",
    "tanggal_publikasi",
)


def _scan_head(
    rows: Iterator[tuple[int, list[str]]],
) -> tuple[list[tuple[int, list[str]]], bool]:
    """The first non-empty rows of a sheet (where its header is looked for), and whether a
    long empty tail already ended the sheet."""
    head: list[tuple[int, list[str]]] = []
    blank_run = 0
    for index, raw in rows:
        if not _filled(raw):
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                return head, True
            continue
        blank_run = 0
        head.append((index, raw))
        if len(head) >= HEADER_SCAN_ROWS:
            break
    return head, False


def _is_dik_sheet(title: str) -> bool:
    """The exempt list (the export's "DIK" sheet, or one named "… Dikecualikan"): not DIP."""
    return _squeeze(title) in ("dik", "daftar informasi dikecualikan") or (
        section_category(title) == EXEMPT
    )


@dataclass
class _Across:
    """What is checked across the sheets of one file: numbers, the row cap, the rule."""

    existing: set[tuple[str, str]]
    numbers: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    over_cap: int = 0
    sections_seen: int = 0
    has_column: bool = False
    sheet_sections: bool = False


def check_file(
    path: Path,
    body: Body,
    *,
    kind: str | None = None,
    mapping: list[str] | None = None,
) -> CheckResult:
    """Read and check every row of every sheet that holds DIP rows. Raises ImportFileError
    when the file as a whole is wrong.

    A workbook is read sheet by sheet: each sheet's header and columns are found on their
    own, a sheet named after a category sets its rows' category, and a sheet without a
    header row (a cover, notes, the exempt list) is skipped and named in the notes.

    ``mapping`` (a field key or "" per column) replaces the suggested one: the officer's
    choice in the mapping step. It is made for the first sheet read, and applies to every
    sheet with the same column headers; other sheets keep the columns found in them."""
    kind = kind or sheets.file_kind(path.name)
    if kind is None:
        raise ImportFileError(only_these_files())
    names = sheets.sheet_names(path, kind) if kind != sheets.CSV else []
    several = len(names) > 1
    across = _Across(
        existing={
            (category, _norm(number))
            for category, number in Entry.objects.filter(body=body)
            .exclude(number="")
            .values_list("category", "number")
        }
    )
    result: CheckResult | None = None
    read: list[str] = []
    skipped: list[str] = []
    first_error: ImportFileError | None = None
    for position in range(len(names) if several else 1):
        title = names[position] if names else ""
        if several and _is_dik_sheet(title):
            skipped.append(title)
            continue
        rows = enumerate(read_rows(path, kind, position), start=1)
        head, ended = _scan_head(rows)
        if not head:
            if several:
                skipped.append(title)
                continue
            raise ImportFileError(_("Berkas kosong: tidak ada baris judul kolom."))
        try:
            layout, data_start, section = _layout(head, body, None, title)
        except ImportFileError as exc:
            # No header row, or one without a title or summary column (a summary sheet).
            if not several:
                raise
            first_error = first_error or exc
            skipped.append(title)
            continue
        if mapping is not None and (result is None or layout.headers == result.layout.headers):
            try:
                layout, data_start, section = _layout(head, body, mapping, title)
            except ImportFileError as exc:
                if several:
                    raise ImportFileError(
                        _("Lembar “%(sheet)s”: %(problem)s") % {"sheet": title, "problem": exc}
                    ) from exc
                raise
        if result is None:
            result = CheckResult(layout=layout)
        else:
            result.layout.notes.extend(layout.notes)
        result.sheet = title if several else ""
        if section:
            result.layout.notes.append(
                _("Nama lembar “%(sheet)s” menetapkan kategori %(category)s.")
                % {"sheet": title, "category": Category(section).label}
            )
            across.sheet_sections = True
        before = result.total
        data = [*head[data_start:]]
        _check_sheet(result, layout, section, data, None if ended else rows, across)
        read.append(f"“{title}” ({format_row(result.total - before)})")
    if result is None:
        raise first_error or ImportFileError(_("Berkas kosong: tidak ada baris judul kolom."))
    layout = result.layout
    if several:
        layout.notes.append(
            _("Lembar yang dibaca (baris data): %(sheets)s.") % {"sheets": ", ".join(read)}
        )
        if len(read) > 1:
            layout.notes.append(
                _(
                    "Pemetaan kolom yang ditampilkan milik lembar %(first)s; pemetaan yang diubah "
                    "berlaku juga untuk lembar lain dengan judul kolom yang sama. Lembar dengan "
                    "judul kolom lain dipetakan sendiri."
                )
                % {"first": read[0].rsplit(" (", 1)[0]}
            )
    if skipped:
        layout.notes.append(
            _("Lembar tanpa baris judul kolom DIP dilewati: %(sheets)s.")
            % {"sheets": ", ".join(f"“{n}”" for n in skipped[:20])}
        )
    if across.over_cap:
        raise ImportFileError(
            _(
                "Berkas memuat %(count)s baris data; paling banyak %(max)s baris dalam satu impor. "
                "Bagi menjadi beberapa berkas."
            )
            % {"count": format_row(across.over_cap), "max": format_row(MAX_ROWS)}
        )
    if result.total == 0:
        raise ImportFileError(_("Berkas tidak memuat satu baris data pun di bawah judul kolom."))
    if across.has_column and across.sections_seen:
        layout.category_rule = _(
            "kolom Kategori; baris tanpa kategori mengikuti judul bagian di atasnya (A./B./C.)"
        )
    elif across.has_column:
        layout.category_rule = _("kolom Kategori")
    elif across.sections_seen or across.sheet_sections:
        layout.category_rule = _("judul bagian (mis. “A. … Berkala”) di atas baris-barisnya")
    else:
        layout.category_rule = _("tidak ada: berkas tidak punya kolom kategori maupun judul bagian")
    if result.skipped_exempt:
        layout.notes.append(
            _("%(n)s baris di bagian informasi yang dikecualikan dilewati: tidak masuk DIP.")
            % {"n": result.skipped_exempt}
        )
    return result


def _check_sheet(
    result: CheckResult,
    layout: Layout,
    section: str | None,
    data: list[tuple[int, list[str]]],
    rest: Iterator[tuple[int, list[str]]] | None,
    across: _Across,
) -> None:
    """Check the data rows of one sheet into ``result``: ``data`` are the rows read after
    the header while looking for it, ``rest`` the sheet's rows not read yet."""
    keys = layout.mapping
    header_words = _header_words(layout)
    across.has_column = across.has_column or "kategori" in keys

    def data_rows() -> Iterator[tuple[int, list[str]]]:
        yield from data
        if rest is not None:
            yield from rest

    blank_run = 0
    for index, raw in data_rows():
        if not _filled(raw):
            # Spreadsheets often carry a formatted but empty tail of many thousand rows.
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if across.over_cap:
            across.over_cap += 1
            continue
        if _is_numbering_row(raw) or _is_repeated_header(raw, header_words):
            continue
        is_section, category = _section_of(raw)
        if is_section:
            across.sections_seen += 1
            if category:
                section = category
            continue
        cells = {
            key: (raw[i] if i < len(raw) else "")
            for i, key in enumerate(keys)
            if key and key != columns.IGNORE
        }
        if section == EXEMPT and not cells.get("kategori", "").strip():
            result.skipped_exempt += 1
            continue
        result.total += 1
        if result.total > MAX_ROWS:
            across.over_cap = result.total
            continue
        before = result.error_count
        fields = check_row(index, cells, result, section, layout)
        if fields is not None and fields["number"]:
            slot = (fields["category"], _norm(fields["number"]))
            if slot in across.numbers:
                first_sheet, first_row = across.numbers[slot]
                result.add_error(
                    index,
                    _column_label(layout, "nomor"),
                    (
                        _("nomor “%(number)s” sudah dipakai di %(first)s (kategori yang sama)")
                        % {"number": fields["number"], "first": row_place(first_row, first_sheet)}
                    )
                    if first_sheet
                    else _(
                        "nomor “%(number)s” sudah dipakai di baris %(first)s (kategori yang sama)"
                    )
                    % {"number": fields["number"], "first": format_row(first_row)},
                )
                fields = None
            elif slot in across.existing:
                result.add_error(
                    index,
                    _column_label(layout, "nomor"),
                    _("nomor “%(number)s” sudah ada di DIP badan publik ini (kategori yang sama)")
                    % {"number": fields["number"]},
                )
                fields = None
            else:
                across.numbers[slot] = (result.sheet, index)
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append(
                {
                    "row": index,
                    "sheet": result.sheet,
                    "fields": _display(fields)
                    if fields
                    else {k: str(cells.get(k, ""))[:200] for k in PREVIEW_KEYS},
                    "problems": [
                        e.message
                        for e in result.errors[-20:]
                        if e.row == index and e.sheet == result.sheet
                    ]
                    if result.error_count > before
                    else [],
                }
            )
        if fields is not None:
            result.rows.append(ParsedRow(row=index, fields=fields, sheet=result.sheet))


def _column_label(layout: Layout, key: str) -> str:
    for header, chosen in zip(layout.headers, layout.mapping, strict=False):
        if chosen == key and header.strip():
            return header.strip()
    return field_label(key)


# --- Jobs and their status files ------------------------------------------------------

STATE_INVALID = "invalid"  # checked, has errors: cannot be imported
STATE_READY = "ready"  # checked, no errors: waiting for confirmation
STATE_QUEUED = "queued"
STATE_RUNNING = "running"
STATE_DONE = "done"
STATE_FAILED = "failed"
FINISHED_STATES = (STATE_DONE, STATE_FAILED)


@dataclass
class ImportJob:
    id: str
    body_id: int
    user_id: int
    original_name: str
    data_file: str
    state: str
    created_at: str
    total: int = 0
    processed: int = 0
    created: int = 0
    error_count: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    file_error: str = ""
    failure: str = ""
    finished_at: str = ""
    updated_at: str = ""
    kind: str = ""
    # The layout found (asdict(Layout)); its "mapping" is the officer's choice once changed.
    layout: dict[str, Any] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    def is_stalled(self, now: dt.datetime | None = None) -> bool:
        """A running job whose status file has not moved for STALLED_AFTER: its worker
        died (the transaction was rolled back with it, so nothing was saved)."""
        if self.state != STATE_RUNNING or not self.updated_at:
            return False
        last = dt.datetime.fromisoformat(self.updated_at)
        return (now or timezone.now()) - last > STALLED_AFTER

    def error_lines(self) -> list[str]:
        return [str(RowError(**error)) for error in self.errors]


def data_name(job: ImportJob) -> str:
    """The uploaded file's name in the file storage."""
    return f"{IMPORTS}/{job.data_file}"


def _status_name(job_id: str) -> str:
    return f"{IMPORTS}/{uuid.UUID(job_id)}.json"


def save_job(job: ImportJob) -> None:
    """Write the status file at once: a reader sees the old or the new, never half."""
    job.updated_at = timezone.now().isoformat()
    storage.replace(_status_name(job.id), json.dumps(asdict(job), ensure_ascii=False).encode())


def load_job(job_id: str) -> ImportJob | None:
    try:
        name = _status_name(job_id)
        if not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as handle:
            data = json.loads(handle.read().decode("utf-8"))
    except (ValueError, OSError):
        return None
    return ImportJob(**data)


def claim(job: ImportJob) -> bool:
    """Exactly one confirmation of a job wins, even if the button is pressed twice
    (PITFALLS 5), on whichever app server each press lands: the first counts the job's
    one claim in the database (a unique row), any other finds it taken."""
    return ratelimit.hit_key(f"dip-import-claim:{job.id}", limit=CLAIM)


def sweep_expired(now: dt.datetime | None = None) -> int:
    """Delete uploads and status files older than EXPIRES_AFTER. Returns how many."""
    return len(storage.sweep(IMPORTS, older_than=(now or timezone.now()) - EXPIRES_AFTER))


def start_job(*, actor: Any, body: Body, upload: Any) -> ImportJob:
    """Store an uploaded file under a random name, check it, and write its status file."""
    name = str(getattr(upload, "name", "") or "")
    kind = sheets.file_kind(name)
    if kind is None:
        raise ImportFileError(only_these_files())
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar: %(size)s MB (paling besar %(mb)s MB).")
            % {"size": upload.size // (1024 * 1024), "mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    sweep_expired()
    job_id = str(uuid.uuid4())
    # In the file storage, not on this machine's disk: the worker that imports it may run
    # on another machine (README "Several app servers").
    stored = default_storage.save(f"{IMPORTS}/{job_id}.{kind}", upload)
    job = ImportJob(
        id=job_id,
        body_id=body.pk,
        user_id=actor.pk,
        original_name=Path(name).name[:200],
        data_file=PurePosixPath(stored).name,
        state=STATE_READY,
        created_at=timezone.now().isoformat(),
        kind=kind,
    )
    _check_into(job, body, mapping=None)
    save_job(job)
    return job


def remap(job: ImportJob, body: Body, mapping: list[str]) -> ImportJob:
    """Check the stored file again with the officer's choice of field per column."""
    # A file refused on upload was deleted; one refused under a mapping is still there.
    if job.state not in (STATE_READY, STATE_INVALID) or not default_storage.exists(data_name(job)):
        return job
    _check_into(job, body, mapping=mapping)
    save_job(job)
    return job


def _check_into(job: ImportJob, body: Body, mapping: list[str] | None) -> None:
    job.state = STATE_READY
    try:
        with storage.local_copy(data_name(job)) as data_path:
            result = check_file(data_path, body, kind=job.kind, mapping=mapping)
    except ImportFileError as exc:
        job.state = STATE_INVALID
        job.file_error = str(exc)
        job.errors, job.preview, job.total, job.error_count = [], [], 0, 0
        # A file that cannot be read at all is not kept; one with row errors is, so that
        # the officer can change the mapping and check it again.
        if mapping is None:
            default_storage.delete(data_name(job))
        return
    job.file_error = ""
    job.total = result.total
    job.error_count = result.error_count
    job.errors = [asdict(error) for error in result.errors]
    job.preview = result.preview
    job.layout = asdict(result.layout)
    if result.error_count:
        job.state = STATE_INVALID


def confirm(job: ImportJob) -> bool:
    """Queue a checked job once; False if it was already confirmed or cannot be."""
    if job.state != STATE_READY or not claim(job):
        return False
    job.state = STATE_QUEUED
    save_job(job)
    try:
        run_import.enqueue(job.id)
    except Exception:
        logger.exception("DIP import %s could not be queued", job.id)
        job.state = STATE_FAILED
        job.failure = _("Impor tidak dapat dimasukkan ke antrean. Coba lagi nanti.")
        save_job(job)
    return True


@task()
def run_import(job_id: str) -> str:
    """The background job: import every row of the file in one transaction."""
    return run(job_id)


def _progress(job: ImportJob, processed: int) -> None:
    job.processed = processed
    save_job(job)


def run(job_id: str) -> str:
    from terbuka.accounts.models import User

    job = load_job(job_id)
    if job is None or job.state != STATE_QUEUED:
        return "skipped"
    job.state = STATE_RUNNING
    save_job(job)
    current_row, current_sheet = 0, ""
    try:
        body = Body.objects.get(pk=job.body_id)
        actor = User.objects.get(pk=job.user_id)
        if not permissions.can_act_on(actor, body):
            raise PermissionDenied(_("Anda tidak lagi berwenang atas DIP badan publik ini."))
        with storage.local_copy(data_name(job)) as data_path:
            result = check_file(
                data_path, body, kind=job.kind or None, mapping=job.layout.get("mapping")
            )
        if result.error_count:
            raise ImportFileError(str(result.errors[0]))
        job.total = len(result.rows)

        def progress(done: int, row: int, sheet: str = "") -> None:
            nonlocal current_row, current_sheet
            current_row, current_sheet = row, sheet
            if done % PROGRESS_EVERY == 0:
                _progress(job, done)

        store(
            result, actor=actor, body=body, name=job.original_name, job_id=job.id, progress=progress
        )
    except Exception as exc:
        job.state = STATE_FAILED
        job.failure = _failure_text(exc, current_row, current_sheet)
        if not isinstance(exc, ValidationError | ImportFileError | PermissionDenied):
            logger.exception("DIP import %s failed at row %s", job.id, current_row)
    else:
        job.state = STATE_DONE
        job.processed = job.created = len(result.rows)
    job.finished_at = timezone.now().isoformat()
    default_storage.delete(data_name(job))
    save_job(job)
    return job.state


def store(
    result: CheckResult,
    *,
    actor: Any,
    body: Body,
    name: str,
    job_id: str = "",
    progress: Any = None,
) -> int:
    """Create every checked row as an entry in one transaction (all or nothing) and record
    the import in the audit trail. The officer's page and ``import_dip`` both end here."""
    from terbuka.catalog import actions

    with transaction.atomic():
        for done, parsed in enumerate(result.rows, start=1):
            if progress is not None:
                progress(done, parsed.row, parsed.sheet)
            actions.create_entry(actor=actor, body=body, **parsed.fields)
        log.record(
            actor=actor,
            action="catalog.entry.import",
            obj=body,
            summary=name[:200],
            detail={"entries": len(result.rows), "job": job_id},
        )
    return len(result.rows)


def _failure_text(exc: Exception, row: int, sheet: str = "") -> str:
    if isinstance(exc, ValidationError):
        reason = " ".join(str(message) for message in exc.messages)
    elif isinstance(exc, ImportFileError | PermissionDenied):
        reason = str(exc)
    else:
        reason = _("kesalahan sistem (%(kind)s)") % {"kind": type(exc).__name__}
    if row and sheet:
        return _(
            "Impor dibatalkan di %(place)s: %(reason)s. Tidak ada satu entri pun yang disimpan."
        ) % {"place": row_place(row, sheet), "reason": reason}
    if row:
        return _(
            "Impor dibatalkan di baris %(row)s: %(reason)s. Tidak ada satu entri pun yang disimpan."
        ) % {"row": format_row(row), "reason": reason}
    return _("Impor dibatalkan: %(reason)s. Tidak ada satu entri pun yang disimpan.") % {
        "reason": reason
    }


# --- Templates ------------------------------------------------------------------------


def template_row() -> list[str]:
    return [EXAMPLE_ROW.get(key, "") for key, _header in all_columns()]
