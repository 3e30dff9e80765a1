"""The rows of a spreadsheet as offices send it: CSV, XLSX or ODS, read without trusting it.

``read_rows`` yields every row of one sheet (the first unless told) as a list of strings. A formula cell is
yielded as a ``Formula`` (a ``str`` holding the formula text, e.g. ``=HYPERLINK(…)``): it is
never evaluated, and the importer refuses it by row and column.

Hostile files are refused before a parser sees them, by ``terbuka.uploads``: the declared
sizes of a zip (bomb) and any DTD in its XML (entity expansion). openpyxl also parses through
defusedxml when it is installed (it is: pyproject), and ODS ``content.xml`` is read here with
defusedxml's ``iterparse``, streaming, so a large sheet is never a tree in memory. odfpy was
not used: it builds the whole document as a DOM from a non-defused SAX parser.

CSV: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), or Windows-1252 (Excel's
"CSV" on Windows); comma, semicolon or tab. A file that is partly UTF-8 and partly not is
refused, naming the row, rather than read with replacement characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from terbuka import uploads

CSV, XLSX, ODS = "csv", "xlsx", "ods"
SUFFIXES = {".csv": CSV, ".txt": CSV, ".xlsx": XLSX, ".ods": ODS}
# Columns read per row: a formatted sheet declares 16,384 (XFD); no DIP has more than 40.
MAX_COLUMNS = 200
# A repeated empty row in ODS stands for this many at most (LibreOffice writes 1,048,000).
MAX_REPEAT = 2_000

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class SheetError(ValueError):
    """The file as a whole cannot be read; the message is for the officer."""


class Formula(str):
    """The text of a formula cell, kept as text and never evaluated."""

    __slots__ = ()


def file_kind(name: str) -> str | None:
    return SUFFIXES.get(Path(name).suffix.lower())


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time.min:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path: Path, kind: str, sheet: int = 0) -> Iterator[list[str]]:
    """Every row of one sheet (by position; CSV has only one). Raises SheetError (also
    while iterating)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if kind in (XLSX, ODS):
        if uploads.is_ole(head):
            data = path.read_bytes()
            if uploads.is_encrypted_office(data):
                raise SheetError(
                    _(
                        "Berkas dilindungi kata sandi. Buka di Excel atau LibreOffice, hapus "
                        "kata sandinya, simpan, lalu unggah lagi."
                    )
                )
            raise SheetError(
                _(
                    "Berkas ini format Excel lama (.xls). Simpan sebagai .xlsx atau .ods lalu unggah lagi."
                )
            )
        if not head.startswith(b"PK\x03\x04"):
            raise SheetError(_("Berkas ini bukan XLSX atau ODS yang sah."))
        if not zipfile.is_zipfile(path):
            raise SheetError(
                _("Berkas XLSX tidak dapat dibaca (rusak, terenkripsi, atau bukan XLSX).")
                if kind == XLSX
                else _("Berkas ODS tidak dapat dibaca (rusak atau bukan ODS).")
            )
        try:
            uploads.check_zip(path)
        except uploads.HostileFile as exc:
            raise SheetError(str(exc)) from exc
        fmt = uploads.sniff(path.open("rb"))
        if fmt == uploads.XLSX:
            return _xlsx_rows(path, sheet)
        if fmt == uploads.ODS:
            return _ods_rows(path, sheet)
        raise SheetError(_("Berkas ini bukan XLSX atau ODS yang sah."))
    return _csv_rows(path)


# --- CSV ------------------------------------------------------------------------------


def _row_of(raw: bytes, position: int) -> int:
    return raw.count(b"\n", 0, position) + 1


def decode_csv(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SheetError(_("Berkas UTF-16 rusak.")) from exc
    if b"\x00" in raw[:4096]:
        raise SheetError(_("Berkas ini bukan teks CSV (memuat byte biner)."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(raw):
            # Partly UTF-8: a cut or mixed file. Guessing would store mojibake.
            raise SheetError(
                _(
                    "Baris %(row)s: pengodean berkas rusak (byte 0x%(byte)02X bukan UTF-8, padahal "
                    "bagian lain berkas UTF-8). Simpan ulang sebagai “CSV UTF-8”."
                )
                % {"row": _row_of(raw, exc.start), "byte": raw[exc.start]}
            ) from exc
    try:
        # Excel on Windows saves "CSV" in the ANSI code page unless told otherwise.
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SheetError(
            _(
                "Baris %(row)s: pengodean berkas tidak dikenali (bukan UTF-8 atau Windows-1252). "
                "Simpan ulang sebagai “CSV UTF-8”."
            )
            % {"row": _row_of(raw, exc.start)}
        ) from exc


def _csv_rows(path: Path) -> Iterator[list[str]]:
    text = decode_csv(path.read_bytes())
    lines = text.splitlines()[:5]
    sample = "\n".join(lines)
    # The separator is the one that splits the first lines most, outside quotes.
    delimiter = (
        max(
            ";,\t",
            key=lambda d: sum(len(next(csv.reader([line], delimiter=d), [])) for line in lines),
        )
        if sample
        else ","
    )
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [
            Formula(cell.strip()) if cell.lstrip().startswith("=") else cell.strip()
            for cell in row[:MAX_COLUMNS]
        ]


# --- XLSX -----------------------------------------------------------------------------


def _xlsx_rows(path: Path, index: int = 0) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise SheetError(
            _("Berkas XLSX tidak dapat dibaca (rusak, terenkripsi, atau bukan XLSX).")
        ) from exc
    try:
        if index >= len(workbook.worksheets):
            return
        sheet = workbook.worksheets[index]
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        try:
            for row in sheet.iter_rows(max_col=width):
                cells: list[str] = []
                for cell in row:
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", "") == "f":
                        cells.append(Formula(str(value)))
                    else:
                        cells.append(cell_text(value))
                while cells and not cells[-1]:
                    cells.pop()
                yield cells
        except SheetError:
            raise
        except Exception as exc:
            raise SheetError(
                _("Berkas XLSX tidak dapat dibaca (rusak, terenkripsi, atau bukan XLSX).")
            ) from exc
    finally:
        workbook.close()


def sheet_names(path: Path, kind: str) -> list[str]:
    """The names of the workbook's sheets, first to last ([] for CSV or on any trouble).
    Offices name a sheet after its category."""
    if kind == ODS:
        return _ods_sheet_names(path)
    if kind != XLSX:
        return []
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:
        return []
    try:
        return [str(sheet.title) for sheet in workbook.worksheets]
    finally:
        workbook.close()


# --- ODS ------------------------------------------------------------------------------

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _paragraph_text(element: Any) -> str:
    """The text of a <text:p>, with <text:s> spaces, tabs and line breaks."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _q(_TEXT, "s"):
            parts.append(" " * min(int(child.get(_q(_TEXT, "c"), "1") or 1), 100))
        elif tag == _q(_TEXT, "tab"):
            parts.append("\t")
        elif tag == _q(_TEXT, "line-break"):
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _ods_cell(element: Any) -> str:
    formula = element.get(_q(_TABLE, "formula"))
    if formula:
        return Formula(re.sub(r"^[a-z]+:", "", formula))
    kind = element.get(_q(_OFFICE, "value-type"))
    if kind == "date":
        value = element.get(_q(_OFFICE, "date-value"), "")
        return value[:10] if value.endswith("T00:00:00") or len(value) == 10 else value
    if kind in ("float", "percentage", "currency"):
        return cell_text(float(element.get(_q(_OFFICE, "value"), "0")))
    if kind == "boolean":
        return "1" if element.get(_q(_OFFICE, "boolean-value")) == "true" else "0"
    return "\n".join(_paragraph_text(p) for p in element.iter(_q(_TEXT, "p"))).strip()


def _ods_rows(path: Path, index: int = 0) -> Iterator[list[str]]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    row_tag, cell_tags = (
        _q(_TABLE, "table-row"),
        (_q(_TABLE, "table-cell"), _q(_TABLE, "covered-table-cell")),
    )
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            depth = 0
            seen = 0  # sheets started so far
            for event, element in iterparse(content, events=("start", "end"), forbid_dtd=True):
                if element.tag == _q(_TABLE, "table"):
                    if event == "start":
                        seen += 1
                        depth = 1 if seen == index + 1 else 0
                        continue
                    if depth:
                        return  # the asked sheet only
                    element.clear()  # an earlier sheet, skipped
                    continue
                if event != "end" or element.tag != row_tag or depth == 0:
                    if event == "end" and element.tag == row_tag:
                        element.clear()
                    continue
                cells: list[str] = []
                for cell in element:
                    if cell.tag not in cell_tags:
                        continue
                    repeat = int(cell.get(_q(_TABLE, "number-columns-repeated"), "1") or 1)
                    value = _ods_cell(cell)
                    cells.extend([value] * min(repeat, MAX_COLUMNS - len(cells)))
                    if len(cells) >= MAX_COLUMNS:
                        break
                while cells and not cells[-1]:
                    cells.pop()
                repeat = int(element.get(_q(_TABLE, "number-rows-repeated"), "1") or 1)
                for _copy in range(min(repeat, MAX_REPEAT)):
                    yield list(cells)
                element.clear()
    except (
        KeyError,
        zipfile.BadZipFile,
        OSError,
        ValueError,
        SyntaxError,
        DefusedXmlException,
    ) as exc:
        raise SheetError(_("Berkas ODS tidak dapat dibaca (rusak atau bukan ODS).")) from exc


def _ods_sheet_names(path: Path) -> list[str]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    names: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            for _event, element in iterparse(content, events=("start",), forbid_dtd=True):
                if element.tag == _q(_TABLE, "table"):
                    names.append(str(element.get(_q(_TABLE, "name"), "")))
                    if len(names) >= 100:
                        break
    except (KeyError, zipfile.BadZipFile, OSError, SyntaxError, DefusedXmlException):
        return names
    return names
