"""The public, read-only part of the API: no key needed. Each answer is built by the same
code as the page or feed it mirrors (bodies' directory, ``/dip.json``, the exempt list, the
public request log, ``/kalender/`` and ``due_date``), so the API cannot say more than they
do: never a requester's identity (UU 14/2008 Pasal 17 huruf h; UU 27/2022)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field as NinjaField
from ninja import Query, Router, Schema

from terbuka import cursors
from terbuka.api import schemas
from terbuka.api.problems import ApiProblem, Problem
from terbuka.bodies.models import Body
from terbuka.catalog import opendata
from terbuka.catalog.models import Category, Exemption
from terbuka.links import url_prefix
from terbuka.requests import queries
from terbuka.requests.models import InfoRequest, Outcome
from terbuka.workdays import calendar as workdays_calendar
from terbuka.workdays import counting
from terbuka.workdays import state as workdays_state

router = Router(tags=["publik"])

MAX_WORKING_DAYS = 1000  # as the due_date command
LOG_PER_PAGE = 50
LOG_MAX_PER_PAGE = 200


def _body_or_404(slug: str) -> Body:
    return get_object_or_404(Body.objects.active(), slug=slug)


def _optional_body(slug: str | None) -> Body | None:
    if not slug:
        return None
    body = Body.objects.active().filter(slug=slug).first()
    if body is None:
        raise ApiProblem(404, _("Badan publik “%(slug)s” tidak ditemukan.") % {"slug": slug[:60]})
    return body


def body_record(body: Body, absolute: Any) -> dict[str, Any]:
    ppid = body.ppid_body
    return {
        "slug": body.slug,
        "name": body.name,
        "short_name": body.short_name,
        "code": body.code,
        "kind": body.kind,
        "kind_label": str(body.get_kind_display()),
        "parent": body.parent.slug if body.parent_id and body.parent else None,
        "ppid": ppid.slug if ppid is not None else None,
        "has_own_ppid": body.has_own_ppid,
        "address": body.address,
        "phone": body.phone,
        "email": body.email,
        "website": body.website,
        "service_days": body.service_days,
        "opens_at": body.opens_at.strftime("%H:%M"),
        "closes_at": body.closes_at.strftime("%H:%M"),
        "timezone": body.timezone,
        "url": absolute(body.get_absolute_url()),
    }


@router.get("/bodies/", response={200: list[schemas.BodyOut]}, url_name="bodies")
def bodies(request: HttpRequest) -> list[dict[str, Any]]:
    """Semua badan publik aktif: pohonnya (parent, ppid), kontak dan jam layanan."""
    rows = Body.objects.active().select_related("parent").order_by("name", "pk")
    return [body_record(body, request.build_absolute_uri) for body in rows]


@router.get("/bodies/{slug}/", response={200: schemas.BodyOut, 404: Problem}, url_name="body")
def body(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Satu badan publik."""
    return body_record(_body_or_404(slug), request.build_absolute_uri)


class EntryFilters(Schema):
    body: str | None = NinjaField(None, description="Slug badan publik.")
    category: Category | None = None
    since: str | None = NinjaField(
        None, description="Hanya entri yang dibuat atau diubah sejak waktu ISO 8601 ini."
    )
    cursor: str | None = NinjaField(None, description="next_cursor dari halaman sebelumnya.")
    per_page: int = NinjaField(opendata.DEFAULT_PER_PAGE, ge=1, le=opendata.MAX_PER_PAGE)


@router.get(
    "/dip/",
    response={200: schemas.EntryPage, 400: Problem, 404: Problem, 422: Problem},
    url_name="dip",
)
def dip(request: HttpRequest, filters: Query[EntryFilters]) -> HttpResponse:
    """Entri Daftar Informasi Publik yang diumumkan, dengan dokumennya, dalam urutan
    ``(updated_at, id)``; halaman berikutnya dengan ``cursor``."""
    body = _optional_body(filters.body)
    query = opendata.FeedQuery(
        since=opendata.parse_since(filters.since) if filters.since else None,
        after=opendata.decode_cursor(filters.cursor) if filters.cursor else None,
        page=1,
        per_page=filters.per_page,
    )
    category = filters.category.value if filters.category else None
    page = opendata.load_page(query, body=body, category=category)
    # The records are built in EntryPage's shape (updated_at written as the renderer
    # writes a validated datetime): sent without validating them again.
    return schemas.shaped(
        request,
        {
            "results": opendata.records(
                page.rows, request.build_absolute_uri, stamp=schemas.as_rendered
            ),
            "next_cursor": page.next_cursor,
        },
    )


@router.get(
    "/dip/{entry_id}/", response={200: schemas.EntryOut, 404: Problem}, url_name="dip_entry"
)
def dip_entry(request: HttpRequest, entry_id: UUID) -> dict[str, Any]:
    """Satu entri DIP yang diumumkan."""
    entry = get_object_or_404(
        opendata.feed_entries().select_related("body"),
        public_id=entry_id,
    )
    return opendata.entry_record(entry, request.build_absolute_uri)


def exemption_record(item: Exemption, absolute: Any) -> dict[str, Any]:
    return {
        "id": item.public_id,
        "url": absolute(item.get_absolute_url()),
        "body": {"slug": item.body.slug, "name": item.body.name},
        "unit": item.unit.name if item.unit is not None else None,
        "title": item.title,
        "ground": item.ground,
        "ground_label": str(item.ground_label),
        "legal_basis": item.legal_basis,
        "harm": item.harm,
        "public_interest": item.public_interest,
        "deciding_ppid": item.deciding_ppid,
        "period_start": item.period_start,
        "period_end": item.period_end,
        "decided_place": item.decided_place,
        "decided_on": item.decided_on,
        "approved_by": item.approved_by,
        "approved_on": item.approved_on,
    }


@router.get(
    "/exemptions/",
    response={200: list[schemas.ExemptionOut], 404: Problem},
    url_name="exemptions",
)
def exemptions(request: HttpRequest, body: str | None = None) -> list[dict[str, Any]]:
    """Daftar informasi yang dikecualikan yang masih berlaku (PP 61/2010 Pasal 11), seperti
    halaman ``/dip/dikecualikan/``."""
    chosen = _optional_body(body)
    rows = Exemption.objects.filter(body__is_active=True).in_force().select_related("body", "unit")
    if chosen is not None:
        rows = rows.filter(body=chosen)
    return [
        exemption_record(item, request.build_absolute_uri)
        # The exempt page's order, which its index gives (catalog_exemption_list_order).
        for item in rows.order_by("body_id", "period_end", "pk")
    ]


# --- the public request log ---------------------------------------------------------------


def _encode_log_cursor(item: InfoRequest) -> str:
    assert item.answered_at is not None
    return cursors.encode(item.answered_at, item.pk)


def _decode_log_cursor(raw: str) -> tuple[dt.datetime, int]:
    try:
        return cursors.decode(raw)
    except cursors.InvalidCursor:
        raise ApiProblem(400, _("Parameter cursor tidak valid.")) from None


class LogFilters(Schema):
    """The page's filters (``LogFilterForm``): words of the subject, the body, the outcome."""

    q: str | None = NinjaField(None, max_length=200, description="Kata dalam rincian informasi.")
    body: str | None = NinjaField(None, description="Slug badan publik yang dimohon.")
    outcome: Outcome | None = None
    cursor: str | None = None
    per_page: int = NinjaField(LOG_PER_PAGE, ge=1, le=LOG_MAX_PER_PAGE)


def log_record(
    item: InfoRequest,
    calendars: workdays_state.Calendars,
    absolute: Any,
    detail_url: tuple[str, str] | None = None,
) -> dict[str, Any]:
    timing = queries.timing(item, calendars.of(item.ppid_body))
    notice = getattr(item, "notice", None)
    if detail_url is None:
        path = reverse("requests:log_detail", kwargs={"public_id": item.public_id})
    else:
        path = f"{detail_url[0]}{item.public_id}{detail_url[1]}"
    return {
        "id": item.public_id,
        "url": absolute(path),
        "number": item.number,
        "subject": item.subject,
        "body": {"slug": item.body.slug, "name": item.body.name},
        "received_at": item.received_at,
        "due_date": item.due_date,
        "answered_at": item.answered_at,
        "outcome": notice.outcome or None if notice is not None else None,
        "outcome_label": str(notice.get_outcome_display()) or None if notice is not None else None,
        "exemption_ground": notice.exemption_ground or None if notice is not None else None,
        "working_days_taken": timing.working_days_taken,
        "late": timing.late,
        "working_days_late": timing.working_days_late,
    }


@router.get(
    "/requests/",
    response={200: schemas.LogPage, 400: Problem, 404: Problem, 422: Problem},
    url_name="request_log",
)
def request_log(request: HttpRequest, filters: Query[LogFilters]) -> dict[str, Any]:
    """Register permohonan publik: permohonan yang sudah dijawab dan yang pemohonnya
    mengizinkan publikasi, terbaru dulu. Tanpa identitas pemohon."""
    conditions: dict[str, Any] = {}
    chosen = _optional_body(filters.body)
    if chosen is not None:
        conditions["body"] = chosen
    if filters.q:
        conditions["subject__icontains"] = filters.q
    if filters.outcome:
        conditions["notice__outcome"] = filters.outcome
    after = _decode_log_cursor(filters.cursor) if filters.cursor else None
    # The log page's own query (``queries.log_page``) in the cursor's order, which the
    # index (publish_allowed, status, -answered_at) gives: no row skipped or repeated.
    page = queries.log_page({"after": after}, filters.per_page, **conditions)
    calendars = workdays_state.Calendars()
    detail_url = url_prefix("requests:log_detail", public_id=UUID(int=0))
    return {
        "results": [
            log_record(item, calendars, request.build_absolute_uri, detail_url)
            for item in page.rows
        ],
        "next_cursor": _encode_log_cursor(page.rows[-1]) if not page.is_last else None,
    }


@router.get(
    "/requests/{request_id}/",
    response={200: schemas.LogItemOut, 404: Problem},
    url_name="request_log_item",
)
def request_log_item(request: HttpRequest, request_id: UUID) -> dict[str, Any]:
    """Satu permohonan di register publik."""
    item = get_object_or_404(queries.public_log(), public_id=request_id)
    return log_record(item, workdays_state.Calendars(), request.build_absolute_uri)


# --- the calendar -------------------------------------------------------------------------


class DueDateQuery(Schema):
    received: dt.date = NinjaField(description="Tanggal diterima (TTTT-BB-HH).")
    working_days: int = NinjaField(10, ge=0, le=MAX_WORKING_DAYS)
    body: str | None = NinjaField(None, description="Slug badan: hari libur khususnya ikut.")


@router.get(
    "/calendar/due-date/",
    response={200: schemas.DueDateOut, 404: Problem, 422: Problem},
    url_name="due_date",
)
def due_date(request: HttpRequest, params: Query[DueDateQuery]) -> dict[str, Any]:
    """Tanggal jatuh tempo: hari kerja ke-N setelah tanggal diterima, seperti perintah
    ``due_date`` (diterima pada awal hari itu)."""
    if not workdays_calendar.MIN_YEAR <= params.received.year <= workdays_calendar.MAX_YEAR - 5:
        raise ApiProblem(
            422,
            _("Tahun di luar rentang yang didukung (%(min)s–%(max)s).")
            % {"min": workdays_calendar.MIN_YEAR, "max": workdays_calendar.MAX_YEAR - 5},
        )
    chosen = _optional_body(params.body)
    deadline = counting.add_working_days(
        params.received, params.working_days, workdays_calendar.for_body(chosen)
    )
    return {
        "received": params.received,
        "received_on": deadline.received_on,
        "working_days": params.working_days,
        "due_date": deadline.due,
        "skipped": [{"date": item.day, "reason": item.reason} for item in deadline.skipped],
    }


@router.get(
    "/calendar/{year}/",
    response={200: schemas.YearOut, 404: Problem, 422: Problem},
    url_name="calendar_year",
)
def calendar_year(request: HttpRequest, year: int, body: str | None = None) -> dict[str, Any]:
    """Hari libur, cuti bersama dan hari khusus satu tahun, serta jumlah hari kerjanya,
    menurut kalender nasional atau kalender sebuah badan publik."""
    if not workdays_calendar.MIN_YEAR <= year <= workdays_calendar.MAX_YEAR:
        raise ApiProblem(
            404,
            _("Tahun di luar rentang yang didukung (%(min)s–%(max)s).")
            % {"min": workdays_calendar.MIN_YEAR, "max": workdays_calendar.MAX_YEAR},
        )
    chosen = _optional_body(body)
    calendar = workdays_calendar.for_body(chosen)
    first = dt.date(year, 1, 1)
    working = counting.working_days_between(
        first - dt.timedelta(days=1), dt.date(year, 12, 31), calendar
    )
    return {
        "year": year,
        "body": chosen.slug if chosen is not None else None,
        "working_days": working,
        "days": [
            {
                "date": day.date,
                "name": day.name,
                "kind": day.kind,
                "kind_label": day.kind_label,
                "body": day.body_name,
                "is_day_off": day.is_day_off,
                "counts_as_day_off": day.counts_as_day_off,
            }
            for day in workdays_calendar.listing(chosen, year)
        ],
    }
