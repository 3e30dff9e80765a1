"""The shapes of the API's answers and inputs (pydantic, through django-ninja): the
OpenAPI schema at ``/api/v1/schema/`` is generated from these, and Schemathesis checks every
answer against it.

Plain pydantic models, not ``ninja.Schema``: the answers are built as dicts, and ninja's
Schema wraps every nested dict in an attribute getter first, a fifth of a DIP page's time
(bench/api.py). A long list is built in its schema's exact shape and sent with ``shaped``,
not validated again."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel as Schema
from pydantic import Field

from terbuka.accounts.models import RequesterType
from terbuka.catalog.models import Category
from terbuka.requests.models import Channel, Delivery, HowToObtain, Status


class Renderer(BaseRenderer):
    """The API's JSON: orjson (compact UTF-8) writes dicts, lists, strings and numbers at
    a fraction of the standard library's cost (a page of 100 DIP records; bench/api.py);
    everything else (timestamps, dates, lazy translations, pydantic models) is written by
    django-ninja's own encoder, as its default renderer writes it."""

    media_type = "application/json"
    charset = "utf-8"
    _default = NinjaJSONEncoder().default
    _options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    def render(self, request: HttpRequest | None, data: Any, *, response_status: int) -> bytes:
        return orjson.dumps(data, default=self._default, option=self._options)


RENDERER = Renderer()


def shaped(request: HttpRequest, data: Any) -> HttpResponse:
    """A 200 answer already in its schema's shape, rendered as django-ninja renders a
    validated one (the API's renderer, same bytes) but without validating it again: for a
    page of 100 DIP records validation and the attribute walk were a large part of the
    time (bench/api.py). The builder owns the shape; ``tests/test_public.py`` checks that
    validating the answer would not change a byte."""
    return HttpResponse(
        RENDERER.render(request, data, response_status=200),
        content_type=f"{RENDERER.media_type}; charset={RENDERER.charset}",
    )


_WRITE_DATETIME = DjangoJSONEncoder().default


def as_rendered(moment: dt.datetime) -> str:
    """A timestamp as the renderer writes a validated ``datetime`` field (milliseconds,
    ``Z`` for UTC), by the encoder ninja's hands timestamps to (Django's), called directly:
    ``opendata.records``' ``stamp``."""
    return str(_WRITE_DATETIME(moment))


# --- bodies ----------------------------------------------------------------------------


class BodyRef(Schema):
    slug: str
    name: str


class BodyOut(Schema):
    slug: str
    name: str
    short_name: str
    code: str
    kind: str
    kind_label: str
    parent: str | None = Field(description="Slug badan induk; null untuk badan tertinggi.")
    ppid: str | None = Field(description="Slug badan yang PPID-nya melayani badan ini.")
    has_own_ppid: bool
    address: str
    phone: str
    email: str
    website: str
    service_days: str
    opens_at: str
    closes_at: str
    timezone: str
    url: str


# --- the DIP ---------------------------------------------------------------------------


class DocumentOut(Schema):
    title: str
    url: str
    content_type: str | None


class EntryOut(Schema):
    id: UUID
    url: str
    body: BodyRef
    category: str
    category_label: str
    number: str
    title: str
    summary: str
    holder: str
    responsible: str
    created_when: str
    created_where: str
    available_forms: list[str]
    retention: str
    tags: list[str]
    published_on: dt.date | None
    last_updated_on: dt.date | None
    next_update_due: dt.date | None
    updated_at: dt.datetime
    perki: dict[str, str]
    documents: list[DocumentOut]


class EntryPage(Schema):
    results: list[EntryOut]
    next_cursor: str | None = Field(
        description="Berikan sebagai parameter cursor untuk halaman berikutnya; null di akhir."
    )


class ExemptionOut(Schema):
    id: UUID
    url: str
    body: BodyRef
    unit: str | None
    title: str
    ground: str
    ground_label: str
    legal_basis: str
    harm: str
    public_interest: str
    deciding_ppid: str
    period_start: dt.date
    period_end: dt.date
    decided_place: str
    decided_on: dt.date
    approved_by: str
    approved_on: dt.date


# --- the public request log ---------------------------------------------------------------


class LogItemOut(Schema):
    id: UUID
    url: str
    number: str
    subject: str
    body: BodyRef
    received_at: dt.datetime
    due_date: dt.date | None
    answered_at: dt.datetime | None
    outcome: str | None
    outcome_label: str | None
    exemption_ground: str | None
    working_days_taken: int | None
    late: bool
    working_days_late: int | None


class LogPage(Schema):
    results: list[LogItemOut]
    next_cursor: str | None


# --- the calendar ------------------------------------------------------------------------


class DayOut(Schema):
    date: dt.date
    name: str
    kind: str
    kind_label: str
    body: str = Field(description="Nama badan untuk hari khusus badan; kosong untuk hari nasional.")
    is_day_off: bool
    counts_as_day_off: bool


class YearOut(Schema):
    year: int
    body: str | None
    working_days: int
    days: list[DayOut]


class SkippedOut(Schema):
    date: dt.date
    reason: str


class DueDateOut(Schema):
    received: dt.date
    received_on: dt.date = Field(description="Hari kerja yang dihitung sebagai hari diterima.")
    working_days: int
    due_date: dt.date
    skipped: list[SkippedOut]


# --- requests: partners and requesters ----------------------------------------------------


class IdentityIn(Schema):
    requester_type: RequesterType
    name: str = Field(min_length=1, max_length=200)
    nik: str = Field("", max_length=32, description="16 digit; wajib bagi perorangan.")
    legal_entity_decree: str = Field("", max_length=200)
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    acting_for: str = Field("", max_length=200)


class RequestIn(Schema):
    body: str = Field(description="Slug badan publik yang dimohon.")
    idempotency_key: str = Field(
        min_length=8,
        max_length=100,
        description="Kunci unik dari sistem mitra; kiriman ulang dengan kunci yang sama "
        "mengembalikan permohonan pertama.",
    )
    channel: Literal[Channel.WALK_IN, Channel.LETTER, Channel.EMAIL, Channel.PHONE] = Field(
        description="Cara permohonan diterima oleh sistem mitra."
    )
    received_at: dt.datetime | None = Field(
        None, description="Waktu diterima, dengan zona waktu; kosong: sekarang."
    )
    identity: IdentityIn
    subject: str = Field(min_length=1, max_length=5000)
    purpose: str = Field("", max_length=5000)
    how_to_obtain: HowToObtain
    delivery: Delivery | None = None
    publish_allowed: bool = False


class RequestStatusOut(Schema):
    id: UUID
    number: str
    body: BodyRef
    status: Status
    status_label: str
    received_at: dt.datetime
    due_date: dt.date | None
    extended: bool
    answered_at: dt.datetime | None
    outcome: str | None


class MyRequestOut(RequestStatusOut):
    subject: str
    url: str


# --- DIP pushes ---------------------------------------------------------------------------


class EntryIn(Schema):
    category: Category
    number: str = Field("", max_length=40)
    title: str = Field(min_length=1, max_length=300)
    summary: str = Field(min_length=1, max_length=20000)
    holder: str = Field(min_length=1, max_length=200)
    responsible: str = Field(min_length=1, max_length=200)
    created_when: str = Field(min_length=1, max_length=100)
    created_where: str = Field("", max_length=200)
    available_softcopy: bool = True
    available_hardcopy: bool = False
    retention: str = Field(min_length=1, max_length=100)
    tags: list[str] = Field(default_factory=list, max_length=30)
    published_on: dt.date | None = None
    last_updated_on: dt.date | None = None
    is_published: bool = True


class PushedEntryOut(Schema):
    id: UUID
    source_id: str
    created: bool
    entry: EntryOut | None = Field(description="Null bila entri tidak diumumkan.")
