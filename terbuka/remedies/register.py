"""The objection register (register keberatan) of a PPID body: its eleven columns
(DOMAIN.md "Objections"), filtered by body and period, and written as CSV, XLSX or PDF.

The register holds identities (UU 14/2008 Pasal 17 huruf h): it is for the officers of
the PPID body only (``access.can_see_register``), and every export is audited by the
view. The NIK is never a column; the address and the contact are, because the register
records them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.bodies.models import Body
from terbuka.catalog.exporting import XLSX_TYPE, spreadsheet_safe
from terbuka.remedies.models import Objection, ObjectionQuerySet, Status
from terbuka.requests.letters import url_fetcher

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_TYPE,
    "pdf": "application/pdf",
}
# WeasyPrint renders a few hundred table rows within a web request; beyond that the
# officer narrows the period or takes the XLSX (as the DIP export does).
PDF_MAX_ROWS = 500

COLUMNS = (
    gettext_lazy("Nomor registrasi keberatan"),
    gettext_lazy("Tanggal diterima"),
    gettext_lazy("Identitas pemohon (nama, alamat, kontak)"),
    gettext_lazy("Nomor registrasi permohonan"),
    gettext_lazy("Informasi yang diminta"),
    gettext_lazy("Tujuan penggunaan informasi"),
    gettext_lazy("Alasan keberatan"),
    gettext_lazy("Keputusan Atasan PPID"),
    gettext_lazy("Tanggal tanggapan"),
    gettext_lazy("Nama dan jabatan Atasan PPID"),
    gettext_lazy("Tanggapan pemohon"),
)


def headers() -> list[str]:
    return [str(column) for column in COLUMNS]


@dataclass(frozen=True)
class Row:
    """One objection as the register shows it: the eleven columns, in order."""

    number: str
    received_on: dt.date
    identity: str
    request_number: str
    information: str
    purpose: str
    grounds: str
    decision: str
    answered_on: dt.date | None
    atasan: str
    response: str

    def values(self) -> list[str | dt.date | None]:
        return [
            self.number,
            self.received_on,
            self.identity,
            self.request_number,
            self.information,
            self.purpose,
            self.grounds,
            self.decision,
            self.answered_on,
            self.atasan,
            self.response,
        ]

    def texts(self) -> list[str]:
        """The cells as text: dates as ISO 8601, the one form every spreadsheet reads."""
        return [
            value.isoformat() if isinstance(value, dt.date) else (value or "")
            for value in self.values()
        ]


def _identity(objection: Objection) -> str:
    contact = " / ".join(
        value for value in (objection.requester_phone, objection.requester_email) if value
    )
    lines = [objection.requester_name, objection.requester_address, contact]
    if objection.proxy_name:
        lines.append(_("melalui kuasa %(name)s") % {"name": objection.proxy_name})
    return "\n".join(line for line in lines if line)


def _decision(objection: Objection) -> str:
    if objection.status == Status.UPHELD:
        label = Status.UPHELD.label
    elif objection.status in (Status.GRANTED, Status.INSTRUCTION_DONE):
        # The register records the Atasan's decision; carrying out the instruction
        # afterwards does not change it.
        label = Status.GRANTED.label
    else:
        return str(objection.get_status_display())
    return "\n".join(part for part in (str(label), objection.reasons) if part)


def _atasan(objection: Objection) -> str:
    return ", ".join(part for part in (objection.atasan_name, objection.atasan_position) if part)


def row(objection: Objection) -> Row:
    decided = objection.is_decided
    return Row(
        number=objection.number,
        received_on=timezone.localdate(objection.received_at, objection.ppid_body.tzinfo),
        identity=_identity(objection),
        request_number=objection.info_request.number if objection.info_request else "",
        information=objection.information_requested(),
        purpose=objection.purpose
        or (objection.info_request.purpose if objection.info_request else ""),
        grounds="\n".join(objection.ground_labels()),
        decision=_decision(objection),
        answered_on=(
            timezone.localdate(objection.decided_at, objection.ppid_body.tzinfo)
            if decided and objection.decided_at
            else None
        ),
        atasan=_atasan(objection) if decided else "",
        response=str(objection.get_response_display()) if objection.response else "",
    )


def filtered(
    objections: ObjectionQuerySet,
    *,
    bodies: Iterable[Body],
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
) -> ObjectionQuerySet:
    """The objections of these PPID bodies received within the period (both days
    included), in register order. A day is the body's own local day (WIB, WITA, WIT), as
    on its numbers and clocks."""
    period = Q()
    for body in bodies:
        within = Q(ppid_body=body)
        if received_from is not None:
            start = dt.datetime.combine(received_from, dt.time.min, tzinfo=body.tzinfo)
            within &= Q(received_at__gte=start)
        if received_to is not None:
            after = received_to + dt.timedelta(days=1)
            within &= Q(received_at__lt=dt.datetime.combine(after, dt.time.min, body.tzinfo))
        period |= within
    if not period:
        return objections.none()
    return (
        objections.filter(period)
        .select_related("info_request", "body", "ppid_body")
        .order_by("ppid_body__name", "number_year", "number_seq", "pk")
    )


def rows(objections: Iterable[Objection]) -> list[Row]:
    return [row(objection) for objection in objections]


def file_name(body: Body | None, fmt: str) -> str:
    scope = body.slug if body is not None else "semua"
    return f"register-keberatan-{scope}-{timezone.localdate():%Y%m%d}.{fmt}"


# --- Writers ------------------------------------------------------------------------------


def csv_bytes(register: Sequence[Row]) -> bytes:
    """UTF-8 with a BOM, so that Excel reads the accents; every field quoted, so commas and
    semicolons (an Indonesian Excel's list separator) inside cells are safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(headers())
    for item in register:
        writer.writerow([spreadsheet_safe(text) for text in item.texts()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(register: Sequence[Row]) -> bytes:
    from openpyxl import Workbook  # heavy import, only when a register is exported
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Register keberatan")
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, item in enumerate(register, start=2):
        for column, value in enumerate(item.values(), start=1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "DD/MM/YYYY"
            else:
                # Stored as text: an objector's "=..." must not become a formula.
                cell.value = value or ""
                cell.data_type = "s"
            cell.alignment = wrap
    for index, width in enumerate((22, 12, 34, 22, 40, 30, 34, 34, 12, 28, 24)):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(register: Sequence[Row], *, body: Body | None) -> bytes:
    """Landscape A4. Objectors wrote some of the text: WeasyPrint loads no URL at all
    (the letters' fetcher, PITFALLS.md 9); the style is inline."""
    html = render_to_string(
        "remedies/register_pdf.html",
        {
            "body": body,
            "columns": headers(),
            "rows": register,
            "generated": timezone.localtime(),
        },
    )
    from weasyprint import HTML  # heavy import, only when a PDF is made

    pdf: bytes = HTML(string=html, url_fetcher=url_fetcher(), base_url=None).write_pdf()
    return pdf


def export(register: Sequence[Row], fmt: str, *, body: Body | None) -> bytes:
    if fmt == "csv":
        return csv_bytes(register)
    if fmt == "xlsx":
        return xlsx_bytes(register)
    if fmt == "pdf":
        return pdf_bytes(register, body=body)
    raise ValueError(fmt)
