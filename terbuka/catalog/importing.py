"""Bulk import of DIP entries from a CSV or XLSX file in the Perki matrix columns.

The flow (views/imports.py): an officer uploads a file; it is kept under a random name in
``MEDIA_ROOT/imports/`` and checked at once, every row, and the preview shows the first
rows as read and every error by row and column. A file with any error cannot be imported.
On confirmation the import runs as a background job (the Django tasks API: django-tasks'
database backend with ``manage.py db_worker``, or inline with the immediate backend) and
creates all entries in ONE transaction through ``actions.create_entry``: an error in any
row rolls every row back. Its progress goes to a small JSON status file beside the upload,
written outside the database transaction so that the status page can show it while the
transaction is still open.

Row numbers are the spreadsheet's own: row 1 holds the column headers, so the first entry
is row 2 and "baris 4.812" is the row Excel or LibreOffice shows as 4812.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import logging
import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from terbuka.audit import log
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog import perki
from terbuka.catalog.models import Category, Entry

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# One import is one transaction (all or nothing), which holds the database's write lock
# on SQLite, and the audit chain's head row on PostgreSQL, until it ends: ~10 ms of CPU a
# row here, so this cap keeps the longest import to a few minutes.
MAX_ROWS = 20_000
# Reading stops after this many empty rows in a row.
MAX_BLANK_RUN = 1_000
PREVIEW_ROWS = 20
# Errors kept for the preview; the count of all errors is kept too.
MAX_ERRORS_KEPT = 500
# Progress is written to the status file every this many rows.
PROGRESS_EVERY = 250
# Uploads never confirmed, and finished jobs' status files, are swept after this long.
EXPIRES_AFTER = dt.timedelta(hours=24)
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
    """Every accepted spelling of a header: the key, and the header in Indonesian (the
    source language) and in the active language."""
    names: dict[str, str] = {}
    for key, header in all_columns():
        names[_norm(key)] = key
        names[_norm(str(header))] = key
        with translation.override("id"):
            names[_norm(str(header))] = key
    return names


def map_headers(found: list[str]) -> list[str | None]:
    """The column key of each header cell, or raise naming the expected and found columns."""
    names = _header_names()
    keys: list[str | None] = []
    unknown: list[str] = []
    seen: set[str] = set()
    duplicate: list[str] = []
    for cell in found:
        if not cell.strip():
            keys.append(None)
            continue
        key = names.get(_norm(cell))
        if key is None:
            unknown.append(cell.strip())
        elif key in seen:
            duplicate.append(cell.strip())
        else:
            seen.add(key)
        keys.append(key)
    missing = [str(header) for key, header in perki.PERKI_COLUMNS if key not in seen]
    if unknown or missing or duplicate:
        problems = []
        if missing:
            problems.append(_("kolom wajib tidak ada: %s") % ", ".join(f"“{m}”" for m in missing))
        if unknown:
            problems.append(_("kolom tidak dikenal: %s") % ", ".join(f"“{u}”" for u in unknown))
        if duplicate:
            problems.append(_("kolom ganda: %s") % ", ".join(f"“{d}”" for d in duplicate))
        raise ImportFileError(
            _(
                "Kolom berkas tidak sesuai templat (%(problems)s). Kolom yang diharapkan: "
                "%(expected)s. Kolom yang ditemukan: %(found)s."
            )
            % {
                "problems": "; ".join(problems),
                "expected": ", ".join(f"“{h}”" for h in template_headers()),
                "found": ", ".join(f"“{c.strip()}”" for c in found if c.strip()) or "—",
            }
        )
    return keys


# --- Reading files --------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time.min:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(path: Path) -> Iterator[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page unless told otherwise.
        text = raw.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count) if first_line else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            _("Berkas XLSX tidak dapat dibaca (rusak, terenkripsi, atau bukan XLSX).")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    finally:
        workbook.close()


def read_rows(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV or XLSX file as lists of strings (the first row is the header)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        with path.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                raise ImportFileError(_("Berkas ini bukan XLSX yang sah."))
        return _xlsx_rows(path)
    if suffix == ".csv":
        return _csv_rows(path)
    raise ImportFileError(_("Hanya berkas .csv atau .xlsx yang dapat diimpor."))


# --- Checking rows --------------------------------------------------------------------


def format_row(number: int) -> str:
    """4812 → "4.812", as Indonesian writes thousands."""
    return f"{number:,}".replace(",", ".")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("baris %(row)s: %(message)s") % {
            "row": format_row(self.row),
            "message": self.message,
        }


@dataclass
class ParsedRow:
    row: int
    fields: dict[str, Any]


@dataclass
class CheckResult:
    total: int = 0
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    # The first rows as read, right or wrong, with their row numbers.
    preview: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(RowError(row, column, message))


_CATEGORY_NAMES = {
    "berkala": Category.BERKALA,
    "serta merta": Category.SERTA_MERTA,
    "sertamerta": Category.SERTA_MERTA,
    "setiap saat": Category.SETIAP_SAAT,
}


def parse_category(value: str) -> str | None:
    """berkala / serta merta / setiap saat, in any of the ways people write them."""
    text = _norm(value).replace("-", " ").replace("_", " ")
    text = re.sub(r"^(informasi )?(yang )?(wajib )?(tersedia |disediakan )?", "", text)
    text = re.sub(r"^(dan )?(diumumkan )?", "", text).strip()
    for choice, label in Category.choices:
        if _norm(str(label)) == _norm(value):
            return choice
    return _CATEGORY_NAMES.get(text)


def parse_forms(value: str) -> tuple[bool, bool] | None:
    """(softcopy, hardcopy) from "softcopy", "hard copy", "softcopy dan hardcopy", …"""
    text = _norm(value).replace(" ", "").replace("-", "")
    soft = any(word in text for word in ("softcopy", "elektronik", "digital"))
    hard = any(word in text for word in ("hardcopy", "cetak"))
    return (soft, hard) if soft or hard else None


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


def split_time_place(value: str) -> tuple[str, str]:
    """ "Maret 2025, Palangka Raya" → ("Maret 2025", "Palangka Raya"): the matrix joins
    the two with a comma (perki.time_and_place); a semicolon also separates them."""
    for separator in (";", ","):
        if separator in value:
            when, where = value.split(separator, 1)
            return when.strip(), where.strip()
    return value.strip(), ""


def _max_length(model_field: str) -> int:
    model_field_object = Entry._meta.get_field(model_field)
    assert isinstance(model_field_object, models.CharField)
    return int(model_field_object.max_length or 0)


def check_row(
    number: int, cells: dict[str, str], result: CheckResult, headers: dict[str, str]
) -> dict[str, Any] | None:
    """The create_entry fields of one row, or None after adding its errors to ``result``."""
    before = result.error_count

    def error(key: str, message: str) -> None:
        result.add_error(number, headers.get(key, key), message)

    for key in REQUIRED_KEYS:
        if not cells.get(key, "").strip():
            error(key, _("kolom “%(column)s” wajib diisi") % {"column": headers[key]})
    for key, model_field in FIELD_OF_KEY.items():
        limit = _max_length(model_field)
        if len(cells.get(key, "")) > limit:
            error(
                key,
                _("kolom “%(column)s” paling banyak %(max)s karakter")
                % {"column": headers.get(key, key), "max": limit},
            )
    category = None
    if cells.get("kategori", "").strip():
        category = parse_category(cells["kategori"])
        if category is None:
            if "kecuali" in _norm(cells["kategori"]):
                error(
                    "kategori",
                    _(
                        "informasi yang dikecualikan tidak masuk DIP; catat di Daftar Informasi "
                        "yang Dikecualikan (DIK)"
                    ),
                )
            else:
                error(
                    "kategori",
                    _(
                        "kategori tidak dikenal: “%(value)s” (gunakan berkala, serta merta, atau setiap saat)"
                    )
                    % {"value": cells["kategori"][:60]},
                )
    forms = None
    if cells.get("bentuk", "").strip():
        forms = parse_forms(cells["bentuk"])
        if forms is None:
            error(
                "bentuk",
                _(
                    "bentuk informasi tidak dikenal: “%(value)s” (gunakan softcopy, hardcopy, atau keduanya)"
                )
                % {"value": cells["bentuk"][:60]},
            )
    when, where = split_time_place(cells.get("waktu_tempat", ""))
    if len(when) > _max_length("created_when") or len(where) > _max_length("created_where"):
        error(
            "waktu_tempat",
            _("kolom “%(column)s” terlalu panjang") % {"column": headers["waktu_tempat"]},
        )
    days: dict[str, dt.date | None] = {}
    for key in DATE_KEYS:
        raw = cells.get(key, "").strip()
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
                    % {"column": headers.get(key, key), "value": raw[:40]},
                )
    if result.error_count > before or category is None or forms is None:
        return None
    fields: dict[str, Any] = {
        "title": cells["judul"].strip(),
        "category": category,
        "number": cells.get("nomor", "").strip(),
        "summary": cells["ringkasan"].strip(),
        "holder": cells["pejabat"].strip(),
        "responsible": cells["penanggung_jawab"].strip(),
        "created_when": when,
        "created_where": where,
        "available_softcopy": forms[0],
        "available_hardcopy": forms[1],
        "retention": cells["retensi"].strip(),
        "tags": ", ".join(t.strip() for t in cells.get("label", "").split(",") if t.strip()),
    }
    if days["tanggal_publikasi"]:
        fields["published_on"] = days["tanggal_publikasi"]
        fields["last_updated_on"] = days["tanggal_publikasi"]
    if days["pembaruan_berikutnya"]:
        fields["next_update_due"] = days["pembaruan_berikutnya"]
    return fields


def check_file(path: Path, body: Body) -> CheckResult:
    """Read and check every row. Raises ImportFileError when the file as a whole is wrong."""
    rows = enumerate(read_rows(path), start=1)
    result = CheckResult()
    header_row: list[str] = []
    for _index, header_row in rows:
        if any(cell.strip() for cell in header_row):
            break
    if not any(cell.strip() for cell in header_row):
        raise ImportFileError(_("Berkas kosong: tidak ada baris judul kolom."))
    keys = map_headers(header_row)
    headers = {key: str(header) for key, header in all_columns()}
    existing = {
        (category, _norm(number))
        for category, number in Entry.objects.filter(body=body)
        .exclude(number="")
        .values_list("category", "number")
    }
    numbers: dict[tuple[str, str], int] = {}
    blank_run = 0
    for index, raw in rows:
        if not any(cell.strip() for cell in raw):
            # Spreadsheets often carry a formatted but empty tail of many thousand rows.
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        result.total += 1
        if result.total > MAX_ROWS:
            raise ImportFileError(
                _("Berkas memuat lebih dari %(max)s baris; bagi menjadi beberapa berkas.")
                % {"max": format_row(MAX_ROWS)}
            )
        cells = {key: (raw[i] if i < len(raw) else "") for i, key in enumerate(keys) if key}
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append((index, cells))
        fields = check_row(index, cells, result, headers)
        if fields is None:
            continue
        if fields["number"]:
            slot = (fields["category"], _norm(fields["number"]))
            if slot in numbers:
                result.add_error(
                    index,
                    headers["nomor"],
                    _("nomor “%(number)s” sudah dipakai di baris %(first)s (kategori yang sama)")
                    % {"number": fields["number"], "first": format_row(numbers[slot])},
                )
                continue
            numbers[slot] = index
            if slot in existing:
                result.add_error(
                    index,
                    headers["nomor"],
                    _("nomor “%(number)s” sudah ada di DIP badan publik ini (kategori yang sama)")
                    % {"number": fields["number"]},
                )
                continue
        result.rows.append(ParsedRow(row=index, fields=fields))
    if result.total == 0:
        raise ImportFileError(_("Berkas tidak memuat satu baris data pun di bawah judul kolom."))
    return result


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


def imports_dir() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _status_path(job_id: str) -> Path:
    return imports_dir() / f"{uuid.UUID(job_id)}.json"


def save_job(job: ImportJob) -> None:
    """Write the status file atomically: a reader sees the old or the new, never half."""
    job.updated_at = timezone.now().isoformat()
    path = _status_path(job.id)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def load_job(job_id: str) -> ImportJob | None:
    try:
        path = _status_path(job_id)
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return None
    return ImportJob(**data)


def claim(job: ImportJob) -> bool:
    """Exactly one confirmation of a job wins, even if the button is pressed twice
    (PITFALLS 5): the lock file is created with O_EXCL."""
    try:
        handle = os.open(imports_dir() / f"{job.id}.lock", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    os.close(handle)
    return True


def sweep_expired(now: dt.datetime | None = None) -> int:
    """Delete uploads and status files older than EXPIRES_AFTER. Returns how many."""
    limit = (now or timezone.now()).timestamp() - EXPIRES_AFTER.total_seconds()
    removed = 0
    for path in imports_dir().iterdir():
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
    return removed


def start_job(*, actor: Any, body: Body, upload: Any) -> ImportJob:
    """Store an uploaded file under a random name, check it, and write its status file."""
    name = str(getattr(upload, "name", "") or "")
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(_("Hanya berkas .csv atau .xlsx yang dapat diimpor."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar (paling besar %(mb)s MB).")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    sweep_expired()
    job_id = str(uuid.uuid4())
    data_path = imports_dir() / f"{job_id}{suffix}"
    with data_path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    job = ImportJob(
        id=job_id,
        body_id=body.pk,
        user_id=actor.pk,
        original_name=Path(name).name[:200],
        data_file=data_path.name,
        state=STATE_READY,
        created_at=timezone.now().isoformat(),
    )
    try:
        result = check_file(data_path, body)
    except ImportFileError as exc:
        job.state = STATE_INVALID
        job.file_error = str(exc)
    else:
        job.total = result.total
        job.error_count = result.error_count
        job.errors = [asdict(error) for error in result.errors]
        job.preview = [{"row": row, "cells": cells} for row, cells in result.preview]
        if result.error_count:
            job.state = STATE_INVALID
    if job.state == STATE_INVALID:
        data_path.unlink(missing_ok=True)
    save_job(job)
    return job


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
    from terbuka.catalog import actions

    job = load_job(job_id)
    if job is None or job.state != STATE_QUEUED:
        return "skipped"
    job.state = STATE_RUNNING
    save_job(job)
    data_path = imports_dir() / job.data_file
    current_row = 0
    try:
        body = Body.objects.get(pk=job.body_id)
        actor = User.objects.get(pk=job.user_id)
        if not permissions.can_act_on(actor, body):
            raise PermissionDenied(_("Anda tidak lagi berwenang atas DIP badan publik ini."))
        result = check_file(data_path, body)
        if result.error_count:
            raise ImportFileError(str(result.errors[0]))
        job.total = len(result.rows)
        with transaction.atomic():
            for done, parsed in enumerate(result.rows, start=1):
                current_row = parsed.row
                actions.create_entry(actor=actor, body=body, **parsed.fields)
                if done % PROGRESS_EVERY == 0:
                    _progress(job, done)
            log.record(
                actor=actor,
                action="catalog.entry.import",
                obj=body,
                summary=job.original_name,
                detail={"entries": len(result.rows), "job": job.id},
            )
    except Exception as exc:
        job.state = STATE_FAILED
        job.failure = _failure_text(exc, current_row)
        if not isinstance(exc, ValidationError | ImportFileError | PermissionDenied):
            logger.exception("DIP import %s failed at row %s", job.id, current_row)
    else:
        job.state = STATE_DONE
        job.processed = job.created = len(result.rows)
    job.finished_at = timezone.now().isoformat()
    data_path.unlink(missing_ok=True)
    save_job(job)
    return job.state


def _failure_text(exc: Exception, row: int) -> str:
    if isinstance(exc, ValidationError):
        reason = " ".join(str(message) for message in exc.messages)
    elif isinstance(exc, ImportFileError | PermissionDenied):
        reason = str(exc)
    else:
        reason = _("kesalahan sistem (%(kind)s)") % {"kind": type(exc).__name__}
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
