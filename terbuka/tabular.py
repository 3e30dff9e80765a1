"""Tables as downloads: the one writer of CSV, XLSX and PDF tables (the DIP export, the
registers, the statistics), the one guard against spreadsheet formulas, the audit record
of an export of personal data, and the period filter the registers share.

A table is a list of headers and rows of cells; a cell is text, a whole number, a
decimal, a date or empty. What a register shows is decided by its own module
(``remedies/register.py``, ``reports/register.py``); how it is written is decided here,
so that every register reads back the same way in Excel and LibreOffice:

- CSV: UTF-8 with a BOM (Excel reads the accents), every field quoted (commas and an
  Indonesian Excel's semicolons inside cells are safe), dates as ISO 8601, text that a
  spreadsheet would run as a formula prefixed with an apostrophe;
- XLSX: dates as real dates, numbers as numbers, text always stored as text (never a
  formula), a bold frozen header row;
- PDF: a template rendered by WeasyPrint with a URL fetcher that loads nothing
  (PITFALLS.md 9: users wrote some of the text).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from terbuka.audit.log import record

Cell = str | int | float | dt.date | None

FORMATS = ("csv", "xlsx", "pdf")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_TYPE,
    "pdf": "application/pdf",
}
# WeasyPrint renders a few hundred table rows within a web request (~20 ms a row); beyond
# that the officer narrows the period or takes the XLSX.
PDF_MAX_ROWS = 500

_NUMBERISH = re.compile(r"[-+]?\d[\d.,]*")


def spreadsheet_safe(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection): text that
    starts with = + - @ or a control character gets a leading apostrophe."""
    if len(value) > 1 and value[0] in "=+-@\t\r" and not _NUMBERISH.fullmatch(value):
        return "'" + value
    return value


# The only URLs a PDF may load: an image inlined by the template itself (a body's logo
# on its letterhead), read from the URL's own bytes, never from a file or the network.
INLINE_IMAGES = ("data:image/png;base64,", "data:image/jpeg;base64,")


def refusing_url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL but an inline PNG or JPEG
    (``INLINE_IMAGES``): WeasyPrint must not read local files or the network while
    rendering text that officers, requesters and imports wrote (PITFALLS 9). WeasyPrint is
    imported here, on first use, because it loads slowly."""
    from weasyprint.urls import URLFetcher

    class RefusingURLFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(INLINE_IMAGES):
                return super().fetch(url, headers)
            raise ValueError(f"external resources are disabled: {url[:80]}")

    return RefusingURLFetcher()


def cell_text(value: Cell) -> str:
    """A cell as text: dates as ISO 8601 (the one form every spreadsheet reads), a
    decimal with a point, nothing as the empty string."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- Writers ------------------------------------------------------------------------------


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([str(header) for header in headers])
    for values in rows:
        writer.writerow([spreadsheet_safe(cell_text(value)) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def xlsx_bytes(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[int] = (),
) -> bytes:
    from openpyxl import Workbook  # heavy import, only when a table is exported
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]  # Excel's limit for a sheet name
    sheet.append([str(header) for header in headers])
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = wrap
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
            else:
                # Stored as text: a requester's "=..." must not become a formula.
                cell.value = value or ""
                cell.data_type = "s"
            cell.alignment = wrap
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(template: str, context: dict[str, Any]) -> bytes:
    """Render ``template`` (its style inline: nothing is fetched) as a PDF."""
    html = render_to_string(template, context)
    from weasyprint import HTML  # heavy import, only when a PDF is made

    pdf: bytes = HTML(string=html, url_fetcher=refusing_url_fetcher(), base_url=None).write_pdf()
    return pdf


# --- Responses and their audit ------------------------------------------------------------


def attachment(name: str) -> str:
    return content_disposition_header(True, name) or "attachment"


def download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = attachment(filename)
    return response


def record_export(
    *,
    request: HttpRequest,
    actor: Any,
    action: str,
    obj: Model | None,
    fmt: str,
    rows: int,
    start: dt.date | None,
    end: dt.date | None,
    **detail: str,
) -> None:
    """Audit an export of a register that holds personal data: who, which body, the
    format, the number of rows and the filters, never a name or an address."""
    record(
        actor=actor,
        action=action,
        obj=obj,
        summary=fmt,
        detail={
            "rows": rows,
            "format": fmt,
            "from": start.isoformat() if start else "",
            "to": end.isoformat() if end else "",
            **detail,
        },
        request=request,
    )


class Register(Protocol):
    """What a register module offers its export (``remedies/register.py``,
    ``reports/register.py``)."""

    PDF_MAX_ROWS: int

    def rows(self, items: Any) -> Sequence[Any]: ...

    def export(self, rows: Sequence[Any], fmt: str, *, body: Any) -> bytes: ...

    def file_name(self, body: Any, fmt: str) -> str: ...


def export_register(
    request: HttpRequest,
    *,
    register: Register,
    items: QuerySet[Any],
    fmt: str,
    body: Model | None,
    actor: Any,
    action: str,
    too_many: str,
    refused: Any,
    start: dt.date | None,
    end: dt.date | None,
    **filters: str,
) -> HttpResponse:
    """A register's export: refused with ``too_many`` (a message with ``%(max)s``) when a
    PDF would exceed the register's cap, then written, audited and sent."""
    if fmt == "pdf" and items.count() > register.PDF_MAX_ROWS:
        messages.error(request, too_many % {"max": register.PDF_MAX_ROWS})
        response: HttpResponse = refused()
        return response
    rows = register.rows(items)
    data = register.export(rows, fmt, body=body)
    record_export(
        request=request,
        actor=actor,
        action=action,
        obj=body,
        fmt=fmt,
        rows=len(rows),
        start=start,
        end=end,
        **filters,
    )
    return download(data, fmt, register.file_name(body, fmt))


# --- The period filter --------------------------------------------------------------------


class Zoned(Protocol):
    """A body as the period filter needs it: its time zone."""

    @property
    def tzinfo(self) -> dt.tzinfo: ...


def day_bounds(
    start: dt.date | None, end: dt.date | None, where: Zoned | dt.tzinfo
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The moments that bound the local days from ``start`` to ``end``, both included,
    where the body is (WIB, WITA, WIT): the first moment of ``start`` and the first moment
    after ``end`` (None: no bound)."""
    tzinfo = where if isinstance(where, dt.tzinfo) else where.tzinfo
    since = dt.datetime.combine(start, dt.time.min, tzinfo) if start is not None else None
    until = (
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo)
        if end is not None
        else None
    )
    return since, until


def within_days(
    field: str, start: dt.date | None, end: dt.date | None, where: Zoned | dt.tzinfo
) -> Q:
    """``field`` (a moment) falls on a local day from ``start`` to ``end``, both included,
    where the body is (WIB, WITA, WIT): a register's day is the body's own day, as on its
    numbers and clocks. No bound: no condition."""
    since, until = day_bounds(start, end, where)
    condition = Q()
    if since is not None:
        condition &= Q(**{f"{field}__gte": since})
    if until is not None:
        condition &= Q(**{f"{field}__lt": until})
    return condition


class PeriodForm(forms.Form):
    """A register's filters (GET): one of the bodies the officer may read, and the period
    of receipt. Subclasses add their own filters."""

    # The bodies are the officer's, set by each form (``bodies=``).
    badan: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Badan publik"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("Semua badan publik saya"),
    )
    dari = forms.DateField(
        label=_("Diterima sejak"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sampai = forms.DateField(
        label=_("Diterima sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, bodies: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["badan"]
        assert isinstance(field, forms.ModelChoiceField)
        self.visible = bodies
        field.queryset = bodies

    def bodies(self) -> list[Any]:
        """The body picked, or every body the officer may pick when none is."""
        chosen = self.cleaned_data.get("badan")
        return [chosen] if chosen is not None else list(self.visible)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("dari"), data.get("sampai")
        if start and end and start > end:
            raise ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data

    def query(self, names: Sequence[str]) -> str:
        """The filters as a query string, for the export links (they keep the filters)."""
        return urlencode({name: self.data[name] for name in names if self.data.get(name)})
