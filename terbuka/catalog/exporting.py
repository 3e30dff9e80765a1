"""The DIP as a download in the Perki 1/2021 matrix layout: XLSX, CSV and PDF, per body or
province-wide, with the exempt list (DIK) in the XLSX and the PDF.

Exports are public: only published entries of active bodies, and only the columns of the
matrix; no personal data is ever read here (UU 14/2008 Pasal 17 huruf h). A per-body
XLSX or CSV export uses the import template's columns, so it can be edited and imported
again. The formula guard, the URL fetcher and the content types are ``terbuka/tabular``'s;
the DIP's CSV and XLSX stream row by row here, as a province's DIP may not fit in memory.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.bodies.models import Body
from terbuka.catalog import importing, perki
from terbuka.catalog.models import Category, Entry, Exemption, ExemptionState
from terbuka.tabular import XLSX_TYPE, attachment, refusing_url_fetcher, spreadsheet_safe

FORMATS = ("xlsx", "csv", "pdf")
# WeasyPrint needed ~20 ms of CPU per matrix row here (1,500 rows: 31 s); beyond this a
# PDF no longer renders within a web request, and XLSX/CSV are the formats to use.
PDF_MAX_ENTRIES = 500
# Excel's sheet limit (1,048,576 rows) less the header row.
XLSX_MAX_ROWS = 1_048_575


def category_order() -> Case:
    return Case(
        *(When(category=choice, then=Value(i)) for i, choice in enumerate(Category.values)),
        output_field=IntegerField(),
    )


def entries_for(body: Body | None) -> QuerySet[Entry]:
    entries = Entry.objects.published()
    if body is not None:
        entries = entries.filter(body=body)
    return (
        entries.select_related("body")
        .annotate(category_rank=category_order())
        .order_by("category_rank", "body__name", "number", "title", "pk")
    )


def exemptions_for(body: Body | None) -> QuerySet[Exemption]:
    exemptions = Exemption.objects.filter(body__is_active=True).exclude(state=ExemptionState.OPENED)
    if body is not None:
        exemptions = exemptions.filter(body=body)
    return exemptions.select_related("body").order_by("body__name", "period_end", "pk")


def headers(body: Body | None) -> list[str]:
    columns = importing.template_headers()
    return columns if body is not None else [_("Badan publik"), *columns]


def row(entry: Entry, body: Body | None) -> list[str]:
    values = [
        *perki.entry_row(entry),
        entry.tags,
        entry.published_on.isoformat() if entry.published_on else "",
        entry.next_update_due.isoformat() if entry.next_update_due else "",
    ]
    return values if body is not None else [entry.body.name, *values]


DIK_HEADERS = [
    gettext_lazy("Badan publik"),
    gettext_lazy("Informasi yang dikecualikan"),
    gettext_lazy("Dasar pengecualian (Pasal 17 UU 14/2008)"),
    gettext_lazy("Jangka waktu pengecualian"),
    gettext_lazy("PPID yang memutuskan"),
    gettext_lazy("Tempat dan tanggal penetapan"),
    gettext_lazy("Status"),
]


def dik_headers() -> list[str]:
    return [str(header) for header in DIK_HEADERS]


def dik_row(exemption: Exemption) -> list[str]:
    """What the DIK publishes: the classification and its period, never the content."""
    return [
        exemption.body.name,
        exemption.title,
        exemption.ground_label,
        f"{exemption.period_start.isoformat()} – {exemption.period_end.isoformat()}",
        exemption.deciding_ppid,
        f"{exemption.decided_place}, {exemption.decided_on.isoformat()}",
        str(exemption.get_state_display()),
    ]


def file_name(body: Body | None, extension: str) -> str:
    scope = slugify(body.slug) if body is not None else "semua"
    return f"dip-{scope}-{timezone.localdate():%Y%m%d}.{extension}"


# --- CSV ------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(body: Body | None) -> Iterator[str]:
    """UTF-8 with a BOM so that Excel reads the accents; every field quoted, so commas and
    semicolons (the list separator of an Indonesian Excel) inside cells are safe."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield "\ufeff" + writer.writerow(headers(body))
    for entry in entries_for(body).iterator(chunk_size=2000):
        yield writer.writerow([spreadsheet_safe(value) for value in row(entry, body)])


# --- XLSX -----------------------------------------------------------------------------


def _sheet_rows(sheet: Any, header: list[str], rows: Iterator[list[str]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    cells = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for values in rows:
        line = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            # A text starting with "=" would otherwise be stored as a formula.
            cell.data_type = "s"
            cell.alignment = wrap
            line.append(cell)
        sheet.append(line)


def _limited(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    for count, values in enumerate(rows, start=1):
        if count > XLSX_MAX_ROWS:
            return
        yield values


def xlsx_file(body: Body | None) -> Any:
    """The workbook in a temporary file (large DIPs do not fit in memory twice)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("DIP"))
    sheet.freeze_panes = "A2"
    for index, width in enumerate([30, 16, 10, 50, 30, 30, 26, 18, 18, 20, 14, 14]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    _sheet_rows(
        sheet,
        headers(body),
        _limited(row(entry, body) for entry in entries_for(body).iterator(chunk_size=2000)),
    )
    dik = workbook.create_sheet(_("DIK"))
    _sheet_rows(dik, dik_headers(), (dik_row(e) for e in exemptions_for(body).iterator()))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def template_xlsx(header: list[str], example: list[str]) -> bytes:
    """The import template: the headers, one example row, a category drop-down."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("DIP")
    sheet.append(header)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index in range(len(header)):
        sheet.column_dimensions[chr(ord("A") + index)].width = 24
    kategori = [key for key, _header in importing.all_columns()].index("kategori")
    letter = chr(ord("A") + kategori)
    choices = DataValidation(type="list", formula1='"berkala,serta merta,setiap saat"')
    choices.add(f"{letter}2:{letter}{importing.MAX_ROWS + 1}")
    sheet.add_data_validation(choices)
    notes = workbook.create_sheet(_("Petunjuk"))
    for line in template_notes():
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_notes() -> list[str]:
    return [
        _("Petunjuk pengisian templat impor DIP"),
        _("Satu baris per entri; baris pertama berisi judul kolom dan jangan diubah."),
        _("Kategori: berkala, serta merta, atau setiap saat."),
        _("Waktu dan tempat: tulis waktu, koma, lalu tempat (mis. Maret 2025, Palangka Raya)."),
        _("Bentuk informasi: softcopy, hardcopy, atau softcopy, hardcopy."),
        _("Tanggal: TTTT-BB-HH (mis. 2025-03-31) atau HH/BB/TTTT."),
        _("Nomor tidak boleh ganda dalam satu kategori."),
        _("Kolom Label, Tanggal publikasi dan Pembaruan berikutnya boleh dikosongkan."),
        _("Jika satu baris saja salah, tidak ada yang diimpor: perbaiki lalu unggah lagi."),
    ]


# --- PDF ------------------------------------------------------------------------------


def pdf_bytes(body: Body | None) -> bytes:
    keys = [key for key, _header in perki.MATRIX_COLUMNS]
    entries = list(entries_for(body))
    groups = []
    for letter, (choice, label) in zip("ABC", Category.choices, strict=True):
        rows = []
        for entry in entries:
            if entry.category == choice:
                values = perki.entry_values(entry)
                rows.append((entry, [values[key] for key in keys]))
        groups.append({"letter": letter, "label": label, "entries": rows})
    html = render_to_string(
        "catalog/export/dip_pdf.html",
        {
            "body": body,
            "groups": groups,
            "columns": [header for _key, header in perki.MATRIX_COLUMNS],
            "exemptions": list(exemptions_for(body)),
            "generated": timezone.localtime(),
            "show_body": body is None,
        },
    )
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=None, url_fetcher=refusing_url_fetcher()).write_pdf()
    return pdf


# --- Responses ------------------------------------------------------------------------


def export_response(body: Body | None, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            csv_lines(body), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = attachment(file_name(body, "csv"))
        return response
    if fmt == "xlsx":
        return FileResponse(
            xlsx_file(body),
            as_attachment=True,
            filename=file_name(body, "xlsx"),
            content_type=XLSX_TYPE,
        )
    response = HttpResponse(pdf_bytes(body), content_type="application/pdf")
    response["Content-Disposition"] = attachment(file_name(body, "pdf"))
    return response
