"""The request register (buku register permohonan) of a body: the fifteen columns of the
format reproduced since Perki 1/2010 (DOMAIN.md "Registers") and the channel, one row per
request, filtered by body, period of receipt, channel and outcome, written as CSV, XLSX
or PDF by ``terbuka/tabular.py`` like the objection register.

The register holds identities (UU 14/2008 Pasal 17 huruf h): officers only
(``access.can_read``), every export audited by the view, never public. The NIK is never
a column; the address and the contact are, because the register records them.

The request form records no occupation (pekerjaan): column 6 gives the kind of requester
the law distinguishes (a person, a legal entity, a group; UU Pasal 1 angka 12).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka import cursors, law, tabular
from terbuka.bodies.models import Body
from terbuka.reports import access
from terbuka.requests.letters import rupiah
from terbuka.requests.models import (
    OPEN_STATUSES,
    HowToObtain,
    InfoRequest,
    InfoRequestQuerySet,
    Notice,
    Outcome,
    Status,
)

FORMATS = tabular.FORMATS
PDF_MAX_ROWS = tabular.PDF_MAX_ROWS
# The outcome filter: the notice's outcomes, a withdrawn request, a request not yet answered.
WITHDRAWN = "withdrawn"
OPEN = "open"

COLUMNS = (
    gettext_lazy("Nomor registrasi permohonan"),
    gettext_lazy("Tanggal diterima"),
    gettext_lazy("Nama pemohon"),
    gettext_lazy("Alamat"),
    gettext_lazy("Nomor telepon / e-mail"),
    gettext_lazy("Pekerjaan / jenis pemohon"),
    gettext_lazy("Informasi yang diminta"),
    gettext_lazy("Tujuan penggunaan informasi"),
    gettext_lazy("Status informasi (dikuasai / tidak dikuasai / belum didokumentasikan)"),
    gettext_lazy("Bentuk informasi yang dikuasai (softcopy / hardcopy)"),
    gettext_lazy("Jenis permohonan (melihat / mengetahui, meminta salinan)"),
    gettext_lazy("Keputusan (sesuai pemberitahuan tertulis)"),
    gettext_lazy("Alasan penolakan"),
    gettext_lazy("Hari dan tanggal pemberitahuan tertulis"),
    gettext_lazy("Biaya dan cara pembayaran"),
    gettext_lazy("Saluran permohonan"),
)
XLSX_WIDTHS = (22, 12, 24, 30, 26, 16, 40, 28, 26, 14, 18, 24, 34, 14, 24, 16)


def headers() -> list[str]:
    return [str(column) for column in COLUMNS]


@dataclass(frozen=True)
class Row:
    """One request as the register shows it: the sixteen columns, in order."""

    number: str
    received_on: dt.date
    name: str
    address: str
    contact: str
    requester_type: str
    information: str
    purpose: str
    information_status: str
    form_held: str
    kind: str
    decision: str
    refusal_reasons: str
    notice_on: dt.date | None
    fees: str
    channel: str

    def values(self) -> list[tabular.Cell]:
        return [
            self.number,
            self.received_on,
            self.name,
            self.address,
            self.contact,
            self.requester_type,
            self.information,
            self.purpose,
            self.information_status,
            self.form_held,
            self.kind,
            self.decision,
            self.refusal_reasons,
            self.notice_on,
            self.fees,
            self.channel,
        ]


def _sent_notice(info_request: InfoRequest) -> Notice | None:
    try:
        notice = info_request.notice
    except Notice.DoesNotExist:
        return None
    return notice if notice.is_sent else None


def _information_status(notice: Notice | None) -> str:
    if notice is None:
        return ""
    if notice.outcome == Outcome.NOT_HELD:
        holder = notice.holding_body.name if notice.holding_body else notice.holding_body_name
        if holder:
            return _("Tidak dikuasai; dikuasai oleh %(body)s") % {"body": holder}
        return _("Tidak dikuasai")
    if notice.outcome == Outcome.NOT_YET_DOCUMENTED:
        if notice.available_on:
            return _("Belum didokumentasikan; tersedia %(date)s") % {
                "date": notice.available_on.isoformat()
            }
        return _("Belum didokumentasikan")
    return _("Dikuasai")


FORM_HELD: dict[str, Any] = {
    HowToObtain.SOFTCOPY: gettext_lazy("Softcopy"),
    HowToObtain.HARDCOPY: gettext_lazy("Hardcopy"),
}


def _kind(info_request: InfoRequest) -> str:
    if info_request.how_to_obtain == HowToObtain.VIEW:
        return _("Melihat / mengetahui")
    return _("Meminta salinan (%(form)s)") % {"form": FORM_HELD[info_request.how_to_obtain]}


def _decision(info_request: InfoRequest, notice: Notice | None) -> str:
    if notice is not None:
        return str(notice.get_outcome_display())
    return str(info_request.get_status_display())


def _refusal_reasons(notice: Notice | None) -> str:
    if notice is None:
        return ""
    if notice.outcome == Outcome.REFUSED_EXEMPT:
        ground = law.label(notice.exemption_ground) if notice.exemption_ground else ""
        return "\n".join(part for part in (ground, notice.consequence_test) if part)
    if notice.outcome == Outcome.GRANTED_IN_PART:
        return notice.withheld
    return ""


def _fees(notice: Notice | None) -> str:
    if notice is None:
        return ""
    if not notice.total_cost:
        return _("Tanpa biaya")
    return "\n".join(
        part for part in (rupiah(notice.total_cost), notice.payment_instructions) if part
    )


def _name(info_request: InfoRequest) -> str:
    if info_request.acting_for:
        return _("%(name)s, atas nama %(principal)s") % {
            "name": info_request.requester_name,
            "principal": info_request.acting_for,
        }
    return info_request.requester_name


def row(info_request: InfoRequest) -> Row:
    tzinfo = info_request.ppid_body.tzinfo
    notice = _sent_notice(info_request)
    contact = " / ".join(
        value for value in (info_request.requester_phone, info_request.requester_email) if value
    )
    return Row(
        number=info_request.number,
        received_on=timezone.localdate(info_request.received_at, tzinfo),
        name=_name(info_request),
        address=info_request.requester_address,
        contact=contact,
        requester_type=str(info_request.get_requester_type_display()),
        information=info_request.subject,
        purpose=info_request.purpose,
        information_status=_information_status(notice),
        form_held=str(FORM_HELD.get(notice.form, "")) if notice else "",
        kind=_kind(info_request),
        decision=_decision(info_request, notice),
        refusal_reasons=_refusal_reasons(notice),
        notice_on=(
            timezone.localdate(notice.sent_at, tzinfo)
            if notice is not None and notice.sent_at
            else None
        ),
        fees=_fees(notice),
        channel=str(info_request.get_channel_display()),
    )


def outcome_choices() -> list[tuple[str, str]]:
    return [
        *((key, str(label)) for key, label in Outcome.choices),
        (WITHDRAWN, str(Status.WITHDRAWN.label)),
        (OPEN, _("Belum dijawab")),
    ]


def _outcome_q(outcome: str) -> Q:
    if outcome == WITHDRAWN:
        return Q(status=Status.WITHDRAWN)
    if outcome == OPEN:
        return Q(status__in=OPEN_STATUSES)
    return Q(notice__outcome=outcome, notice__sent_at__isnull=False)


def filtered(
    *,
    bodies: Iterable[Body],
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    channel: str = "",
    outcome: str = "",
) -> InfoRequestQuerySet:
    """The requests in the registers of these bodies received within the period (both
    days included, each on its body's own day), in register order."""
    period = Q()
    for body in bodies:
        period |= access.covered(body) & tabular.within_days(
            "received_at", received_from, received_to, body
        )
    if not period:
        return InfoRequest.objects.none()
    requests = InfoRequest.objects.filter(period)
    if channel:
        requests = requests.filter(channel=channel)
    if outcome:
        requests = requests.filter(_outcome_q(outcome))
    return requests.select_related("ppid_body", "notice", "notice__holding_body").order_by(
        "ppid_body__name", "number_year", "number_seq", "received_at", "pk"
    )


def cursor(info_request: InfoRequest) -> str:
    """The keyset cursor of the register page after ``info_request`` (the last row shown),
    in the register's order: the PPID body's name, the number's year and sequence."""
    key = [
        info_request.ppid_body.name,
        info_request.number_year,
        info_request.number_seq,
        info_request.received_at.isoformat(),
        info_request.pk,
    ]
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def page(requests: InfoRequestQuerySet, raw: str, size: int) -> list[InfoRequest]:
    """Up to ``size`` requests of the register after the cursor ``raw`` ("" for the first
    page): no count and no offset, so a far page costs what the first does. Raises
    ``cursors.InvalidCursor``."""
    if not raw:
        return list(requests[:size])
    try:
        padded = raw + "=" * (-len(raw) % 4)
        name, year, seq, stamp, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        received_at = dt.datetime.fromisoformat(stamp)
        if (
            not isinstance(name, str)
            or received_at.tzinfo is None
            or not isinstance(pk, int)
            or isinstance(pk, bool)
            or not all(value is None or isinstance(value, int) for value in (year, seq))
        ):
            raise ValueError(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise cursors.InvalidCursor(raw[:60]) from None
    # Lexicographic "after" over (name, year, seq, received_at, pk), innermost first.
    after = Q(received_at__gt=received_at) | Q(received_at=received_at, pk__gt=pk)
    # Every request is numbered at receipt (``numbering``); an unnumbered one sorts where
    # the database puts NULL in the ORDER BY: last on PostgreSQL, first on SQLite.
    nulls_last = connection.features.nulls_order_largest
    for field, value in (("number_seq", seq), ("number_year", year)):
        if value is None:
            after = Q(**{f"{field}__isnull": True}) & after
            if not nulls_last:
                after |= Q(**{f"{field}__isnull": False})
        else:
            after = Q(**{f"{field}__gt": value}) | (Q(**{field: value}) & after)
            if nulls_last:
                after |= Q(**{f"{field}__isnull": True})
    after = Q(ppid_body__name__gt=name) | (Q(ppid_body__name=name) & after)
    return list(requests.filter(after)[:size])


def rows(requests: Iterable[InfoRequest]) -> list[Row]:
    return [row(info_request) for info_request in requests]


def file_name(body: Body | None, fmt: str) -> str:
    scope = body.slug if body is not None else "semua"
    return f"register-permohonan-{scope}-{timezone.localdate():%Y%m%d}.{fmt}"


def export(register: Sequence[Row], fmt: str, *, body: Body | None) -> bytes:
    if fmt == "csv":
        return tabular.csv_bytes(headers(), (item.values() for item in register))
    if fmt == "xlsx":
        return tabular.xlsx_bytes(
            title=_("Register permohonan"),
            headers=headers(),
            rows=(item.values() for item in register),
            widths=XLSX_WIDTHS,
        )
    if fmt == "pdf":
        return tabular.pdf_bytes(
            "reports/register_pdf.html",
            {
                "body": body,
                "columns": headers(),
                "rows": register,
                "generated": timezone.localtime(),
            },
        )
    raise ValueError(fmt)
