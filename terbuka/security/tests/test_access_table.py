"""Access control, tried to be broken (issue 5): every URL that takes an object id, uuid,
slug or token, opened by every persona, must answer exactly what the table says.

The rules the table encodes (UU 14/2008; UU 27/2022; issues 3 and 5):
- public pages (the DIP, the exempt list, the public request log, a body's profile and
  its open data) answer 200 to everyone, and 404 to everyone when the object is not public;
- a requester sees only his own requests: another requester's request is 404, so a
  request id tells nothing (PITFALLS 12);
- officers work on the requests of their own body and of the units their PPID serves;
  an officer of another body gets 403 on the officers' pages, consistently; decisions
  (identity check, disposisi, extension, the written notice, messages to the requester)
  belong to the PPID Utama and the operators of the PPID body: a Pelaksana is refused
  before his form is even read;
- identity documents are for the requester and the handlers only (UU 27/2022 Pasal 16);
- data-subject requests and breaches are for the DPO of the body concerned only
  (UU 27/2022 Pasal 53); who viewed personal data is for the PPID Utama and DPO of the
  PPID body, and platform administrators (Pasal 31);
- a visitor who is not logged in is sent to the login page from any private page.

Where the code disagrees with a rule, the table keeps the rule and the test fails.

A new URL with a parameter and no row here fails ``test_it_has_a_row_for_every_url_with
_a_parameter``; a row for a URL that no longer exists fails ``test_it_has_no_row_for_a_url
_that_is_gone``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse

from terbuka.requests.models import FileKind
from terbuka.survey import links
from terbuka.testing import NIK_SATU, World, add_dpo

from .access_fixtures import Scenario

# --- the personas -------------------------------------------------------------------------

PERSONAS = (
    "anonymous",
    "requester",  # Siti, who asked agency A
    "other_requester",  # Budi, another citizen
    "pelaksana_a",  # PPID Pelaksana of Dinas Kesehatan (agency A), the unit asked
    "pelaksana_b",  # PPID Pelaksana of Dinas PUPR (agency B), a sibling unit
    "utama",  # PPID Utama of the province, which serves agencies A and B
    "atasan",  # Atasan PPID of the province (decides objections, not requests)
    "regency_officer",  # PPID Utama of Kabupaten Barito Utara, another PPID body
    "operator",  # operator (petugas layanan) of the province's PPID
    "dpo",  # data-protection officer of the province
    "admin",  # platform administrator (superuser without a role)
)

# Expected "302 to the login page" (a bare 302 is some other redirect).
LOGIN = "login"

Codes = tuple[int | str, ...]


@dataclass(frozen=True)
class Row:
    name: str  # "namespace:name"
    variant: str  # which object the URL points at
    url: Callable[[Scenario], str]
    codes: Codes  # one per persona, in PERSONAS order
    method: str = "GET"  # POST only for POST-only views (PUT for the API's), with an empty body ...
    data: dict[str, str] | None = None  # ... or, to show outsiders never succeed, a valid one

    def __post_init__(self) -> None:
        assert len(self.codes) == len(PERSONAS), f"{self.name}: one code per persona"
        assert self.method in ("GET", "POST", "PUT")

    def expected(self, persona: str) -> int | str:
        return self.codes[PERSONAS.index(persona)]


def url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs=kwargs)


def request_url(name: str, which: str) -> Callable[[Scenario], str]:
    return lambda s: url(name, public_id=getattr(s, which).public_id)


def file_url(which: str, kind: str) -> Callable[[Scenario], str]:
    return lambda s: url(
        "requests:download", file_public_id=s.file(getattr(s, which), kind).public_id
    )


# fmt: off
# Column order:   anon   req  other pel_a pel_b utama atasan regency oper  dpo  admin
EVERYONE: Codes = (200,  200, 200,  200,  200,  200,  200,   200,    200,  200, 200)
NOBODY: Codes   = (404,  404, 404,  404,  404,  404,  404,   404,    404,  404, 404)
# The requester's own pages of his request.
OWN_PAGE: Codes = (LOGIN, 200, 404, 404,  404,  404,  404,   404,    404,  404, 404)
# The requester's page: officers who work on the request are sent to the officers' page.
DETAIL: Codes   = (LOGIN, 200, 404, 302,  404,  302,  404,   404,    302,  404, 404)
# Files of the request: handlers (Utama, operator) and the unit that works on it;
# never the public, another requester, another unit, the Atasan, the DPO or the admin.
WORK_FILE: Codes     = (404, 200, 404, 200, 404, 200, 404, 404, 200, 404, 404)
IDENTITY_FILE: Codes = (404, 200, 404, 404, 404, 200, 404, 404, 200, 404, 404)
DRAFT_FILE: Codes    = (404, 404, 404, 200, 404, 200, 404, 404, 200, 404, 404)
# Blacking out a draft of an open request: the unit that works on it and the handlers;
# a released file is no longer redacted (a new draft is), for no one.
REDACT: Codes        = (LOGIN, 404, 404, 200, 404, 200, 404, 404, 200, 404, 404)
REDACT_NONE: Codes   = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)
# Blacking out a DIP document and its set-aside original: the officers of its body.
REDACT_DIP: Codes    = (LOGIN, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404)
# The officers' page of a request of agency A.
OFFICER_PAGE: Codes  = (LOGIN, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403)
# A decision (POST, empty form): only the handlers reach the form's validation.
DECISION: Codes      = (LOGIN, 403, 403, 403, 403, 400, 403, 403, 400, 403, 403)
# Work of the unit (a draft, an internal note): the unit and the handlers.
UNIT_WORK: Codes     = (LOGIN, 403, 403, 400, 403, 400, 403, 403, 400, 403, 403)
# A DIP object of agency A that is not public: its officers only, others "not found".
DIP_HIDDEN: Codes    = (404, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404)
# The DIP officers' pages for agency A: its Pelaksana and the Utama serving it.
DIP_OFFICER: Codes   = (LOGIN, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403)
DIP_OFFICER_POST: Codes = (LOGIN, 403, 403, 302, 403, 302, 403, 403, 403, 403, 403)
# A DIP officers' form posted empty: its officers reach the validation.
DIP_OFFICER_FORM: Codes = (LOGIN, 403, 403, 400, 403, 400, 403, 403, 403, 403, 403)
# A handler's page of a request of agency A (the shield's findings of its documents).
HANDLER_PAGE: Codes  = (LOGIN, 403, 403, 403, 403, 200, 403, 403, 200, 403, 403)
DIP_IMPORT_STATUS: Codes = DIP_OFFICER_POST  # a job waiting for confirmation → preview
# The same with a valid form: the handlers succeed, nobody else does.
DECIDED: Codes       = (LOGIN, 403, 403, 403, 403, 302, 403, 403, 302, 403, 403)
UNIT_DONE: Codes     = (LOGIN, 403, 403, 302, 403, 302, 403, 403, 302, 403, 403)
OWN_DONE: Codes      = (LOGIN, 302, 404, 404, 404, 404, 404, 404, 404, 404, 404)
# The province DPO's desk.
DPO_ONLY: Codes      = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404)
DPO_POST: Codes      = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 400, 404)
DPO_TAKE_UP: Codes   = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 302, 404)
DPO_OTHER: Codes     = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)
# Objections (remedies): the objector; the Atasan PPID, the Utama and the operator of the
# PPID body; nobody else, not even the unit that answered the request.
OBJECTION_OWN: Codes    = (LOGIN, 200, 404, 404, 404, 302, 302, 404, 302, 404, 404)
OBJECTION_OWN_POST: Codes = (LOGIN, 400, 404, 404, 404, 404, 404, 404, 404, 404, 404)
OBJECTION_WITHDRAW: Codes = (LOGIN, 302, 404, 404, 404, 404, 404, 404, 404, 404, 404)
OBJECTION_FILE: Codes   = (LOGIN, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404)
OBJECTION_PD_FILE: Codes = (LOGIN, 200, 404, 404, 404, 200, 404, 404, 200, 404, 404)
OBJECTION_OFFICER: Codes = (LOGIN, 403, 403, 403, 403, 200, 200, 403, 200, 403, 403)
OBJECTION_REGISTER: Codes = (LOGIN, 403, 403, 403, 403, 200, 403, 403, 200, 403, 403)
OBJECTION_DECIDE: Codes = (LOGIN, 403, 403, 403, 403, 403, 400, 403, 403, 403, 403)
# The objection's letters (PDF): the objector and the officers who see it; 404 otherwise.
OBJECTION_LETTER: Codes = (LOGIN, 200, 404, 404, 404, 200, 200, 404, 200, 404, 404)
OBJECTION_NO_LETTER: Codes = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)
# Ground b without a request (Pasal 35(1)b): any account may object about a body.
BERKALA_FORM: Codes     = (LOGIN, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200)
LOGIN_THEN_404: Codes   = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)
# The dispute dossier: the requester's own petition, nobody else's (officers neither).
DOSSIER: Codes          = (LOGIN, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404)
# The objection register holds identities: the PPID body's handlers and its Atasan only.
OBJECTION_BOOK: Codes   = (LOGIN, 403, 403, 403, 403, 200, 200, 403, 200, 403, 403)
# Disputes: the PPID body's Utama and operator keep them; its Atasan and the Pelaksana of
# the disputed request's unit read them; nobody else learns they exist (404), not even
# the requester (she sees hers on her objection page) or another body's officers.
DISPUTE_READ: Codes     = (LOGIN, 404, 404, 200, 404, 200, 200, 404, 200, 404, 404)
DISPUTE_STEP: Codes     = (LOGIN, 404, 404, 403, 404, 400, 403, 404, 400, 404, 404)
DISPUTE_RECORD: Codes   = (LOGIN, 404, 404, 404, 404, 200, 404, 404, 200, 404, 404)
# The request register (identities) and the statistics of the province: its PPID's
# handlers (Utama, operator) only; of agency A: its Pelaksana and the Utama serving it.
REQUEST_BOOK: Codes     = (LOGIN, 403, 403, 403, 403, 200, 403, 403, 200, 403, 403)
UNIT_REQUEST_BOOK: Codes = (LOGIN, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403)
# The annual report: the PPID body's Utama and operator write it; a unit's Pelaksana reads
# the unit's own. With no report yet, finalising or downloading finds nothing (404).
UNIT_ANNUAL: Codes      = (LOGIN, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403)
ANNUAL_NONE: Codes      = (LOGIN, 403, 403, 403, 403, 404, 403, 403, 404, 403, 403)
UNIT_ANNUAL_NONE: Codes = (LOGIN, 403, 403, 404, 403, 404, 403, 403, 404, 403, 403)
# The monev self-assessment of agency A (a draft): its Pelaksana and the Utama serving it
# fill it; the platform administrator reads it (and records the KI's visit score of a
# submitted one); for everyone else it does not exist. The province's: its Utama and
# operator. A refused start or submit goes back to the page (302) with the reason.
MONEV_READ: Codes       = (LOGIN, 404, 404, 200, 404, 200, 404, 404, 404, 404, 200)
MONEV_FILL: Codes       = (LOGIN, 404, 404, 200, 404, 200, 404, 404, 404, 404, 403)
MONEV_FILL_POST: Codes  = (LOGIN, 404, 404, 302, 404, 302, 404, 404, 404, 404, 403)
MONEV_VISIT_NONE: Codes = (LOGIN, 404, 404, 403, 404, 403, 404, 404, 404, 404, 404)
MONEV_PROVINCE: Codes   = (LOGIN, 404, 404, 404, 404, 200, 404, 404, 200, 404, 200)
# Who viewed personal data: the Utama and the DPO of the PPID body, and the admin.
ACCESS_LOG: Codes    = (LOGIN, 404, 404, 404, 404, 200, 404, 404, 404, 200, 200)
# The calendar of agency A: the PPID Utama serving it and the platform administrator.
CALENDAR: Codes      = (LOGIN, 403, 403, 403, 403, 200, 403, 403, 403, 403, 200)
CALENDAR_POST: Codes = (LOGIN, 403, 403, 403, 403, 302, 403, 403, 403, 403, 302)
# The regency's calendar: its own PPID Utama and the platform administrator.
CALENDAR_REGENCY: Codes = (LOGIN, 403, 403, 403, 403, 403, 403, 200, 403, 403, 200)
# A national day, or a body taken off the directory: not on the officers' calendar page.
CALENDAR_NONE: Codes = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404)
# The open API: a requester's own request with his session; partner calls need a token.
API_OWN: Codes       = (401, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404)
API_TOKEN_ONLY: Codes = (401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401)
# fmt: on


def calendar_day_url(name: str, which: str = "calendar_day") -> Callable[[Scenario], str]:
    return lambda s: url(name, pk=getattr(s, which).pk)


def objection_url(name: str) -> Callable[[Scenario], str]:
    return lambda s: url(name, public_id=s.objection.public_id)


def decided_objection_url(name: str) -> Callable[[Scenario], str]:
    return lambda s: url(name, public_id=s.decided_objection.public_id)


def register_url(name: str, **kwargs: str) -> Callable[[Scenario], str]:
    """The province's objection register (with Siti's objection in it). The register page
    itself has no parameter, so it has no row: remedies/tests/test_register.py covers it."""
    return lambda s: f"{url(name, **kwargs)}?badan={s.objection.ppid_body.slug}"


def report_url(name: str, which: str, **kwargs: str) -> Callable[[Scenario], str]:
    """A body's request register or statistics export. The pages themselves have no
    parameter, so they have no row: reports/tests cover them."""
    return lambda s: f"{url(name, **kwargs)}?badan={getattr(s.world, which).slug}"


def annual_url(name: str, which: str, **kwargs: str) -> Callable[[Scenario], str]:
    """A body's annual report of 2025 (none written yet in the scenario)."""
    return lambda s: url(name, badan=getattr(s.world, which).slug, tahun=2025, **kwargs)


def monev_url(name: str, which: str = "agency_a", **kwargs: Any) -> Callable[[Scenario], str]:
    """A body's monev self-assessment of 2025: agency A's draft, or the province's (none)."""

    def build(s: Scenario) -> str:
        if which == "agency_a":
            s.monev_draft  # noqa: B018 (made on first use)
        return url(name, badan=getattr(s.world, which).slug, tahun=2025, **kwargs)

    return build


def monev_evidence_url(s: Scenario) -> str:
    s.monev_draft  # noqa: B018 (made on first use)
    return url(
        "monev:evidence", badan=s.world.agency_a.slug, tahun=2025, pertanyaan=s.monev_question.pk
    )


def objection_file_url(kind: str) -> Callable[[Scenario], str]:
    return lambda s: url(
        "remedies:download",
        public_id=s.objection.public_id,
        file_public_id=s.objection_file(kind).public_id,
    )


TABLE: tuple[Row, ...] = (
    # --- the satisfaction survey: the link is the key; a forged one opens nothing ---
    Row(
        "survey:answer",
        "answered request, its link",
        lambda s: links.path(s.published_request),
        EVERYONE,
    ),
    Row(
        "survey:answer",
        "forged code",
        lambda s: url("survey:answer", public_id=s.published_request.public_id, code="forgedcode"),
        NOBODY,
    ),
    # --- objections (remedies) ---
    Row(
        "remedies:new_berkala",
        "active body",
        lambda s: url("remedies:new_berkala", slug=s.world.agency_a.slug),
        BERKALA_FORM,
    ),
    Row(
        "remedies:new_berkala",
        "inactive body",
        lambda s: url("remedies:new_berkala", slug=s.inactive_body.slug),
        LOGIN_THEN_404,
    ),
    Row(
        "remedies:register_berkala",
        "active body",
        lambda s: url("remedies:register_berkala", slug=s.world.agency_a.slug),
        OBJECTION_REGISTER,
    ),
    Row(
        "remedies:register_berkala",
        "inactive body",
        lambda s: url("remedies:register_berkala", slug=s.inactive_body.slug),
        LOGIN_THEN_404,
    ),
    Row(
        "remedies:new",
        "own answered request",
        request_url("remedies:new", "unpublished_request"),
        OWN_PAGE,
    ),
    Row("remedies:detail", "objection", objection_url("remedies:detail"), OBJECTION_OWN),
    Row(
        "remedies:respond",
        "objection",
        objection_url("remedies:respond"),
        OBJECTION_OWN_POST,
        method="POST",
    ),
    Row(
        "remedies:withdraw",
        "objection",
        objection_url("remedies:withdraw"),
        OBJECTION_WITHDRAW,
        method="POST",
    ),
    Row(
        "remedies:receipt_pdf",
        "objection",
        objection_url("remedies:receipt_pdf"),
        OBJECTION_LETTER,
    ),
    Row(
        "remedies:answer_pdf",
        "undecided objection",
        objection_url("remedies:answer_pdf"),
        OBJECTION_NO_LETTER,
    ),
    Row(
        "remedies:answer_pdf",
        "decided objection",
        decided_objection_url("remedies:answer_pdf"),
        OBJECTION_LETTER,
    ),
    Row(
        "remedies:download",
        "attachment",
        objection_file_url(FileKind.OBJECTION_ATTACHMENT),
        OBJECTION_FILE,
    ),
    Row(
        "remedies:download",
        "power of attorney",
        objection_file_url(FileKind.POWER_OF_ATTORNEY),
        OBJECTION_PD_FILE,
    ),
    Row(
        "remedies:dossier_pdf",
        "upheld objection",
        lambda s: url("remedies:dossier_pdf", public_id=s.dossier_objection.public_id),
        DOSSIER,
    ),
    Row(
        "remedies:dossier_zip",
        "upheld objection",
        lambda s: url("remedies:dossier_zip", public_id=s.dossier_objection.public_id),
        DOSSIER,
    ),
    Row(
        "remedies:register",
        "answered request",
        request_url("remedies:register", "unpublished_request"),
        OBJECTION_REGISTER,
    ),
    Row(
        "remedies:register_export",
        "province, csv",
        register_url("remedies:register_export", fmt="csv"),
        OBJECTION_BOOK,
    ),
    Row(
        "remedies:register_export",
        "province, xlsx",
        register_url("remedies:register_export", fmt="xlsx"),
        OBJECTION_BOOK,
    ),
    Row(
        "remedies:officer_detail",
        "objection",
        objection_url("remedies:officer_detail"),
        OBJECTION_OFFICER,
    ),
    Row(
        "remedies:decide",
        "objection",
        objection_url("remedies:decide"),
        OBJECTION_DECIDE,
        method="POST",
    ),
    Row(
        "remedies:instruction_done",
        "objection",
        objection_url("remedies:instruction_done"),
        DECISION,
        method="POST",
    ),
    # --- disputes ---
    Row(
        "disputes:detail",
        "recorded dispute",
        lambda s: url("disputes:detail", public_id=s.dispute.public_id),
        DISPUTE_READ,
    ),
    Row(
        "disputes:step",
        "registration",
        lambda s: url("disputes:step", public_id=s.dispute.public_id, step="registrasi"),
        DISPUTE_STEP,
        method="POST",
    ),
    Row(
        "disputes:step",
        "hearing",
        lambda s: url("disputes:step", public_id=s.dispute.public_id, step="sidang"),
        DISPUTE_STEP,
        method="POST",
    ),
    Row(
        "disputes:record_from_objection",
        "objection",
        objection_url("disputes:record_from_objection"),
        DISPUTE_RECORD,
    ),
    Row(
        "disputes:record_from_request",
        "answered request",
        request_url("disputes:record_from_request", "unpublished_request"),
        DISPUTE_RECORD,
    ),
    # --- reports: the request register and the statistics ---
    *(
        Row(name, f"{which}, {fmt}", report_url(name, which, fmt=fmt), codes)
        for name in ("reports:register_export", "reports:statistics_export")
        for which, codes in (("province", REQUEST_BOOK), ("agency_a", UNIT_REQUEST_BOOK))
        for fmt in ("csv", "xlsx")
    ),
    # --- reports: the annual report (Perki 1/2021 Pasal 56) ---
    *(
        row
        for which, read, none, unit_none in (
            ("province", REQUEST_BOOK, ANNUAL_NONE, ANNUAL_NONE),
            ("agency_a", UNIT_ANNUAL, ANNUAL_NONE, UNIT_ANNUAL_NONE),
        )
        for row in (
            Row("reports:annual", which, annual_url("reports:annual", which), read),
            Row(
                "reports:annual_start",
                which,
                annual_url("reports:annual_start", which),
                DECIDED,
                method="POST",
            ),
            Row(
                "reports:annual_finalise",
                f"{which}, no draft",
                annual_url("reports:annual_finalise", which),
                none,
                method="POST",
            ),
            Row(
                "reports:annual_download",
                f"{which}, no report",
                annual_url("reports:annual_download", which, fmt="pdf"),
                unit_none,
            ),
        )
    ),
    # --- the monev self-assessment (Perki 1/2022) ---
    Row("monev:assessment", "agency A, draft", monev_url("monev:assessment"), MONEV_READ),
    Row(
        "monev:assessment",
        "province, none",
        monev_url("monev:assessment", "province"),
        MONEV_PROVINCE,
    ),
    Row("monev:section", "agency A, draft", monev_url("monev:section", nomor=1), MONEV_FILL),
    Row(
        "monev:start",
        "agency A, draft open",
        monev_url("monev:start"),
        MONEV_FILL_POST,
        method="POST",
    ),
    Row(
        "monev:submit",
        "agency A, incomplete",
        monev_url("monev:submit"),
        MONEV_FILL_POST,
        method="POST",
    ),
    Row(
        "monev:visit",
        "agency A, none submitted",
        monev_url("monev:visit"),
        MONEV_VISIT_NONE,
        method="POST",
        data={"nilai": "80"},
    ),
    Row("monev:download", "agency A, draft", monev_url("monev:download", fmt="xlsx"), MONEV_READ),
    Row("monev:evidence", "agency A, a PDF", monev_evidence_url, MONEV_READ),
    # --- requests: public log ---
    Row(
        "requests:log_detail",
        "published",
        request_url("requests:log_detail", "published_request"),
        EVERYONE,
    ),
    Row(
        "requests:log_detail",
        "not published",
        request_url("requests:log_detail", "unpublished_request"),
        NOBODY,
    ),
    Row("requests:log_detail", "open", request_url("requests:log_detail", "open_request"), NOBODY),
    # --- requests: the requester's pages ---
    Row("requests:detail", "open", request_url("requests:detail", "open_request"), DETAIL),
    Row(
        "requests:detail",
        "regency",
        request_url("requests:detail", "regency_request"),
        (LOGIN, 200, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ),
    Row("requests:receipt", "open", request_url("requests:receipt", "open_request"), OWN_PAGE),
    Row(
        "requests:receipt_pdf",
        "open",
        request_url("requests:receipt_pdf", "open_request"),
        OWN_PAGE,
    ),
    Row(
        "requests:withdraw",
        "open",
        request_url("requests:withdraw", "open_request"),
        (LOGIN, 400, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        "POST",
    ),
    Row(
        "requests:message",
        "open",
        request_url("requests:message", "open_request"),
        (LOGIN, 400, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        "POST",
    ),
    Row(
        "requests:complete_identity",
        "open",
        request_url("requests:complete_identity", "open_request"),
        (LOGIN, 400, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        "POST",
    ),
    # --- requests: files ---
    Row(
        "requests:download",
        "identity document",
        file_url("open_request", FileKind.IDENTITY),
        IDENTITY_FILE,
    ),
    Row(
        "requests:download", "attachment", file_url("open_request", FileKind.ATTACHMENT), WORK_FILE
    ),
    Row(
        "requests:download",
        "attachment, regency",
        file_url("regency_request", FileKind.ATTACHMENT),
        (404, 200, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ),
    Row("requests:download", "draft", file_url("open_request", FileKind.DRAFT), DRAFT_FILE),
    Row(
        "requests:download",
        "released, in the log",
        file_url("published_request", FileKind.RELEASED),
        EVERYONE,
    ),
    Row(
        "requests:download",
        "released, in the log, held by the shield",
        file_url("held_request", FileKind.RELEASED),
        WORK_FILE,
    ),
    Row(
        "requests:file_check",
        "draft",
        lambda s: url(
            "requests:file_check",
            file_public_id=s.file(s.open_request, FileKind.DRAFT).public_id,
        ),
        HANDLER_PAGE,
    ),
    Row(
        "requests:file_check",
        "released, held",
        lambda s: url(
            "requests:file_check",
            file_public_id=s.file(s.held_request, FileKind.RELEASED).public_id,
        ),
        HANDLER_PAGE,
    ),
    Row(
        "requests:file_check",
        "released, held: confirm without a reason",
        lambda s: url(
            "requests:file_check",
            file_public_id=s.file(s.held_request, FileKind.RELEASED).public_id,
        ),
        DECISION,
        "POST",
    ),
    Row(
        "requests:download",
        "released, not in the log",
        file_url("unpublished_request", FileKind.RELEASED),
        WORK_FILE,
    ),
    Row(
        "requests:download",
        "letter, in the log",
        file_url("published_request", FileKind.LETTER),
        WORK_FILE,
    ),
    Row(
        "requests:download",
        "letter, not in the log",
        file_url("unpublished_request", FileKind.LETTER),
        WORK_FILE,
    ),
    # --- redaction: a draft before release (the original is never public) ---
    Row(
        "redaction:redact",
        "draft, open request",
        lambda s: url(
            "redaction:redact", file_public_id=s.file(s.open_request, FileKind.DRAFT).public_id
        ),
        REDACT,
    ),
    Row(
        "redaction:redact",
        "released, in the log",
        lambda s: url(
            "redaction:redact",
            file_public_id=s.file(s.published_request, FileKind.RELEASED).public_id,
        ),
        REDACT_NONE,
    ),
    Row(
        "redaction:page",
        "draft, open request",
        lambda s: url(
            "redaction:page",
            file_public_id=s.file(s.open_request, FileKind.DRAFT).public_id,
            page=1,
        ),
        REDACT,
    ),
    Row(
        "redaction:page",
        "released, in the log",
        lambda s: url(
            "redaction:page",
            file_public_id=s.file(s.published_request, FileKind.RELEASED).public_id,
            page=1,
        ),
        REDACT_NONE,
    ),
    # --- requests: the officers' pages ---
    Row(
        "requests:officer_detail",
        "open",
        request_url("requests:officer_detail", "open_request"),
        OFFICER_PAGE,
    ),
    Row(
        "requests:officer_detail",
        "answered",
        request_url("requests:officer_detail", "unpublished_request"),
        OFFICER_PAGE,
    ),
    Row(
        "requests:officer_detail",
        "to the province, forwarded to A",
        request_url("requests:officer_detail", "forwarded_request"),
        OFFICER_PAGE,
    ),
    Row(
        "requests:officer_detail",
        "regency",
        request_url("requests:officer_detail", "regency_request"),
        (LOGIN, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403),
    ),
    Row(
        "requests:mark_identity_incomplete",
        "open",
        request_url("requests:mark_identity_incomplete", "open_request"),
        DECISION,
        "POST",
    ),
    Row(
        "requests:assign", "open", request_url("requests:assign", "open_request"), DECISION, "POST"
    ),
    Row(
        "requests:forward",
        "open",
        request_url("requests:forward", "open_request"),
        DECISION,
        "POST",
    ),
    Row(
        "requests:save_notice",
        "open",
        request_url("requests:save_notice", "open_request"),
        DECISION,
        "POST",
    ),
    Row(
        "requests:send_notice",
        "open",
        request_url("requests:send_notice", "open_request"),
        DECISION,
        "POST",
    ),
    Row(
        "requests:correct_notice",
        "answered",
        request_url("requests:correct_notice", "unpublished_request"),
        DECISION,
        "POST",
    ),
    Row(
        "requests:extend", "open", request_url("requests:extend", "open_request"), DECISION, "POST"
    ),
    Row(
        "requests:officer_message",
        "open",
        request_url("requests:officer_message", "open_request"),
        DECISION,
        "POST",
    ),
    Row("requests:note", "open", request_url("requests:note", "open_request"), UNIT_WORK, "POST"),
    Row(
        "requests:submit_draft",
        "disposisi to agency A",
        lambda s: url(
            "requests:submit_draft",
            public_id=s.open_request.public_id,
            disposition_id=s.disposition.pk,
        ),
        UNIT_WORK,
        "POST",
    ),
    # --- requests: the same actions with a valid form ---
    Row(
        "requests:withdraw",
        "open, valid form",
        request_url("requests:withdraw", "open_request"),
        OWN_DONE,
        "POST",
        {"confirm": "on", "reason": "Sudah saya peroleh dari sumber lain."},
    ),
    Row(
        "requests:message",
        "open, valid form",
        request_url("requests:message", "open_request"),
        OWN_DONE,
        "POST",
        {"text": "Data tahun 2023 juga boleh."},
    ),
    Row(
        "requests:mark_identity_incomplete",
        "open, valid form",
        request_url("requests:mark_identity_incomplete", "open_request"),
        DECIDED,
        "POST",
        {"message": "Unggah KTP yang terbaca."},
    ),
    Row(
        "requests:extend",
        "open, valid form",
        request_url("requests:extend", "open_request"),
        DECIDED,
        "POST",
        {"days": "5", "reason": "Data masih dihimpun dari 14 kabupaten/kota."},
    ),
    Row(
        "requests:officer_message",
        "open, valid form",
        request_url("requests:officer_message", "open_request"),
        DECIDED,
        "POST",
        {"text": "Mohon jelaskan tahun data yang Anda perlukan."},
    ),
    Row(
        "requests:note",
        "open, valid form",
        request_url("requests:note", "open_request"),
        UNIT_DONE,
        "POST",
        {"text": "Data ada di bidang P2P."},
    ),
    Row(
        "requests:submit_draft",
        "disposisi to agency A, valid form",
        lambda s: url(
            "requests:submit_draft",
            public_id=s.open_request.public_id,
            disposition_id=s.disposition.pk,
        ),
        UNIT_DONE,
        "POST",
        {"draft_text": "Draf kedua: data puskesmas per kabupaten."},
    ),
    # --- bodies ---
    Row(
        "bodies:detail",
        "agency A",
        lambda s: url("bodies:detail", slug=s.world.agency_a.slug),
        EVERYONE,
    ),
    Row(
        "bodies:detail",
        "inactive body",
        lambda s: url("bodies:detail", slug=s.inactive_body.slug),
        NOBODY,
    ),
    # A logo is public like the body's name (bodies/tests/test_logo.py serves one); these
    # bodies have none.
    Row(
        "bodies:logo",
        "agency A without a logo",
        lambda s: url("bodies:logo", slug=s.world.agency_a.slug),
        NOBODY,
    ),
    Row(
        "bodies:logo",
        "inactive body",
        lambda s: url("bodies:logo", slug=s.inactive_body.slug),
        NOBODY,
    ),
    # --- catalog: public ---
    Row(
        "catalog:category",
        "berkala",
        lambda s: url("catalog:category", category="berkala"),
        EVERYONE,
    ),
    Row(
        "catalog:entry",
        "published",
        lambda s: url("catalog:entry", public_id=s.entry.public_id),
        EVERYONE,
    ),
    Row(
        "catalog:entry",
        "not published",
        lambda s: url("catalog:entry", public_id=s.unpublished_entry.public_id),
        DIP_HIDDEN,
    ),
    Row(
        "catalog:document_download",
        "published",
        lambda s: url("catalog:document_download", public_id=s.document.public_id),
        EVERYONE,
    ),
    Row(
        "catalog:document_download",
        "not published",
        lambda s: url("catalog:document_download", public_id=s.unpublished_document.public_id),
        DIP_HIDDEN,
    ),
    Row(
        "catalog:document_version_download",
        "published",
        lambda s: url(
            "catalog:document_version_download", public_id=s.document.public_id, number=1
        ),
        EVERYONE,
    ),
    Row(
        "redaction:redact_version",
        "published, latest version",
        lambda s: url("redaction:redact_version", public_id=s.document.public_id, number=1),
        REDACT_DIP,
    ),
    Row(
        "redaction:version_page",
        "published, latest version",
        lambda s: url("redaction:version_page", public_id=s.document.public_id, number=1, page=1),
        REDACT_DIP,
    ),
    Row(
        "redaction:original",
        "set-aside original of a published document",
        lambda s: url("redaction:original", public_id=s.redacted_document.public_id),
        REDACT_DIP,
    ),
    Row(
        "catalog:document_version_download",
        "original set aside by a redaction",
        lambda s: url(
            "catalog:document_version_download",
            public_id=s.redacted_document.source_version.document.public_id,
            number=1,
        ),
        NOBODY,
    ),
    Row(
        "catalog:document_version_download",
        "not published",
        lambda s: url(
            "catalog:document_version_download",
            public_id=s.unpublished_document.public_id,
            number=1,
        ),
        DIP_HIDDEN,
    ),
    Row(
        "catalog:exemption",
        "agency A",
        lambda s: url("catalog:exemption", public_id=s.exemption.public_id),
        EVERYONE,
    ),
    Row(
        "catalog:body_dip",
        "agency A",
        lambda s: url("catalog:body_dip", slug=s.world.agency_a.slug),
        EVERYONE,
    ),
    Row(
        "catalog:body_dip",
        "inactive body",
        lambda s: url("catalog:body_dip", slug=s.inactive_body.slug),
        NOBODY,
    ),
    Row(
        "catalog:body_dip_json",
        "agency A",
        lambda s: url("catalog:body_dip_json", slug=s.world.agency_a.slug),
        EVERYONE,
    ),
    Row(
        "catalog:body_dip_json",
        "inactive body",
        lambda s: url("catalog:body_dip_json", slug=s.inactive_body.slug),
        NOBODY,
    ),
    Row(
        "catalog:body_dip_csv",
        "agency A",
        lambda s: url("catalog:body_dip_csv", slug=s.world.agency_a.slug),
        EVERYONE,
    ),
    Row(
        "catalog:body_dip_csv",
        "inactive body",
        lambda s: url("catalog:body_dip_csv", slug=s.inactive_body.slug),
        NOBODY,
    ),
    Row(
        "catalog:export",
        "agency A",
        lambda s: url("catalog:export", slug=s.world.agency_a.slug),
        EVERYONE,
    ),
    Row(
        "catalog:export",
        "inactive body",
        lambda s: url("catalog:export", slug=s.inactive_body.slug),
        NOBODY,
    ),
    # --- catalog: officers ---
    Row(
        "catalog:entry_edit",
        "agency A",
        lambda s: url("catalog:entry_edit", public_id=s.entry.public_id),
        DIP_OFFICER,
    ),
    Row(
        "catalog:entry_edit",
        "regency",
        lambda s: url("catalog:entry_edit", public_id=s.regency_entry.public_id),
        (LOGIN, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403),
    ),
    Row(
        "catalog:mark_updated",
        "agency A",
        lambda s: url("catalog:mark_updated", public_id=s.entry.public_id),
        DIP_OFFICER_POST,
        "POST",
    ),
    Row(
        "catalog:document_add",
        "agency A",
        lambda s: url("catalog:document_add", public_id=s.entry.public_id),
        DIP_OFFICER,
    ),
    Row(
        "catalog:version_add",
        "agency A",
        lambda s: url("catalog:version_add", public_id=s.document.public_id),
        DIP_OFFICER,
    ),
    Row(
        "catalog:document_download",
        "held by the shield",
        lambda s: url("catalog:document_download", public_id=s.held_document.public_id),
        DIP_HIDDEN,
    ),
    Row(
        "catalog:version_check",
        "agency A, held",
        lambda s: url("catalog:version_check", public_id=s.held_document.versions.get().public_id),
        DIP_OFFICER,
    ),
    Row(
        "catalog:version_check",
        "agency A, held: confirm without a reason",
        lambda s: url("catalog:version_check", public_id=s.held_document.versions.get().public_id),
        DIP_OFFICER_FORM,
        "POST",
    ),
    Row(
        "catalog:retry_extraction",
        "agency A",
        lambda s: url("catalog:retry_extraction", public_id=s.document.public_id, number=1),
        DIP_OFFICER_POST,
        "POST",
    ),
    Row(
        "catalog:exemption_edit",
        "agency A",
        lambda s: url("catalog:exemption_edit", public_id=s.exemption.public_id),
        DIP_OFFICER,
    ),
    Row(
        "catalog:import_upload",
        "agency A",
        lambda s: url("catalog:import_upload", slug=s.world.agency_a.slug),
        DIP_OFFICER,
    ),
    Row(
        "catalog:import_preview",
        "agency A",
        lambda s: url("catalog:import_preview", job_id=s.import_job.id),
        DIP_OFFICER,
    ),
    Row(
        "catalog:import_status",
        "agency A",
        lambda s: url("catalog:import_status", job_id=s.import_job.id),
        DIP_IMPORT_STATUS,
    ),
    Row(
        "catalog:exemption_open",
        "agency A",
        lambda s: url("catalog:exemption_open", public_id=s.exemption.public_id),
        DIP_OFFICER_POST,
        "POST",
    ),
    Row(
        "catalog:feed_list",
        "agency A",
        lambda s: url("catalog:feed_list", slug=s.world.agency_a.slug),
        DIP_OFFICER,
    ),
    # --- letter verification (letters): public, by the letter's random code ---
    Row(
        "letters:verify",
        "issued letter",
        lambda s: url("letters:verify", code=s.issued_letter.code),
        EVERYONE,
    ),
    Row(
        "letters:verify",
        "unknown code",
        lambda s: url("letters:verify", code="ABCDEFGHJKLM"),
        NOBODY,
    ),
    # --- the calendar (workdays) ---
    Row(
        "workdays:manage_body",
        "agency A",
        lambda s: url("workdays:manage_body", slug=s.world.agency_a.slug),
        CALENDAR,
    ),
    Row(
        "workdays:manage_body",
        "the regency",
        lambda s: url("workdays:manage_body", slug=s.world.regency.slug),
        CALENDAR_REGENCY,
    ),
    Row(
        "workdays:manage_body",
        "inactive body",
        lambda s: url("workdays:manage_body", slug=s.inactive_body.slug),
        CALENDAR_NONE,
    ),
    Row("workdays:day_edit", "agency A", calendar_day_url("workdays:day_edit"), CALENDAR),
    Row(
        "workdays:day_edit",
        "national day",
        calendar_day_url("workdays:day_edit", "national_day"),
        CALENDAR_NONE,
    ),
    Row(
        "workdays:day_remove",
        "agency A",
        calendar_day_url("workdays:day_remove"),
        CALENDAR_POST,
        "POST",
    ),
    Row(
        "workdays:day_restore",
        "agency A",
        calendar_day_url("workdays:day_restore"),
        CALENDAR_POST,
        "POST",
    ),
    # --- privacy ---
    Row(
        "privacy:dpo_request",
        "province",
        request_url("privacy:dpo_request", "subject_request"),
        DPO_ONLY,
    ),
    Row(
        "privacy:dpo_take_up",
        "province",
        request_url("privacy:dpo_take_up", "subject_request"),
        DPO_TAKE_UP,
        "POST",
    ),
    Row(
        "privacy:dpo_erase",
        "province",
        request_url("privacy:dpo_erase", "subject_request"),
        DPO_POST,
        "POST",
    ),
    Row(
        "privacy:dpo_refuse",
        "province",
        request_url("privacy:dpo_refuse", "subject_request"),
        DPO_POST,
        "POST",
    ),
    Row(
        "privacy:dpo_refuse",
        "province, valid form",
        request_url("privacy:dpo_refuse", "subject_request"),
        DPO_TAKE_UP,
        "POST",
        {"reasons": "Permintaan yang sama sudah dijawab kemarin."},
    ),
    Row(
        "privacy:dpo_done",
        "province",
        request_url("privacy:dpo_done", "subject_request"),
        DPO_POST,
        "POST",
    ),
    Row(
        "privacy:breach_detail",
        "province",
        request_url("privacy:breach_detail", "breach"),
        DPO_ONLY,
    ),
    Row(
        "privacy:breach_detail",
        "regency",
        request_url("privacy:breach_detail", "regency_breach"),
        DPO_OTHER,
    ),
    Row(
        "privacy:access_of_request",
        "open",
        request_url("privacy:access_of_request", "open_request"),
        ACCESS_LOG,
    ),
    Row(
        "privacy:access_of_request",
        "regency",
        request_url("privacy:access_of_request", "regency_request"),
        (LOGIN, 404, 404, 404, 404, 404, 404, 200, 404, 404, 200),
    ),
    Row(
        "privacy:access_of_requester",
        "Siti",
        lambda s: url("privacy:access_of_requester", user_id=s.open_request.requester_id or 0),
        ACCESS_LOG,
    ),
    # --- accounts: the token is the credential, whoever holds it ---
    Row(
        "accounts:verify_email",
        "valid token",
        lambda s: url(
            "accounts:verify_email",
            uidb64=s.uidb64(s.world.requester),
            token=s.verification_token(),
        ),
        (302,) * len(PERSONAS),
    ),
    Row(
        "accounts:verify_email",
        "forged token",
        lambda s: url(
            "accounts:verify_email",
            uidb64=s.uidb64(s.world.requester),
            token="cb7cm6-0123456789abcdef0123456789abcdef",
        ),
        (400,) * len(PERSONAS),
    ),
    Row(
        "accounts:password_reset_confirm",
        "valid token",
        lambda s: url(
            "accounts:password_reset_confirm",
            uidb64=s.uidb64(s.world.requester),
            token=s.reset_token(),
        ),
        (302,) * len(PERSONAS),
    ),
    Row(
        "accounts:password_reset_confirm",
        "forged token",
        lambda s: url(
            "accounts:password_reset_confirm",
            uidb64=s.uidb64(s.world.requester),
            token="cb7cm6-0123456789abcdef0123456789abcdef",
        ),
        EVERYONE,
    ),
    # --- the open API (/api/v1/): public reads for everyone; a requester's own data with
    # his session (401 without one, 404 for another's); partner operations only with a
    # token, which no persona's session replaces (401 for everyone).
    Row("api:body", "active", lambda s: url("api:body", slug=s.world.agency_a.slug), EVERYONE),
    Row("api:body", "inactive", lambda s: url("api:body", slug=s.inactive_body.slug), NOBODY),
    Row(
        "api:dip_entry",
        "published",
        lambda s: url("api:dip_entry", entry_id=s.entry.public_id),
        EVERYONE,
    ),
    Row(
        "api:dip_entry",
        "not published",
        lambda s: url("api:dip_entry", entry_id=s.unpublished_entry.public_id),
        NOBODY,
    ),
    Row(
        "api:request_log_item",
        "published",
        lambda s: url("api:request_log_item", request_id=s.published_request.public_id),
        EVERYONE,
    ),
    Row(
        "api:request_log_item",
        "unpublished",
        lambda s: url("api:request_log_item", request_id=s.unpublished_request.public_id),
        NOBODY,
    ),
    Row(
        "api:request_log_item",
        "open",
        lambda s: url("api:request_log_item", request_id=s.open_request.public_id),
        NOBODY,
    ),
    Row("api:calendar_year", "2025", lambda s: url("api:calendar_year", year=2025), EVERYONE),
    Row(
        "api:statistics",
        "active",
        lambda s: url("api:statistics", slug=s.world.agency_a.slug) + "?period=2025",
        EVERYONE,
    ),
    Row(
        "api:statistics",
        "inactive",
        lambda s: url("api:statistics", slug=s.inactive_body.slug) + "?period=2025",
        NOBODY,
    ),
    Row(
        "api:my_request",
        "own",
        lambda s: url("api:my_request", request_id=s.open_request.public_id),
        API_OWN,
    ),
    Row(
        "api:partner_status",
        "any request",
        lambda s: url("api:partner_status", request_id=s.open_request.public_id),
        API_TOKEN_ONLY,
    ),
    Row(
        "api:partner_push_dip",
        "agency A",
        lambda s: url("api:partner_push_dip", slug=s.world.agency_a.slug, source_id="desa-1"),
        API_TOKEN_ONLY,
        method="PUT",
        data={"category": "berkala", "title": "X"},
    ),
    # A requester's personal API token: only he revokes it; to everyone else it is unknown.
    Row(
        "personal_tokens:revoke",
        "own",
        lambda s: url("personal_tokens:revoke", pk=s.personal_token.pk),
        OWN_DONE,
        method="POST",
    ),
)


# --- the URL patterns ---------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", or "" for an unnamed pattern
    route: str
    parameters: tuple[str, ...]

    @property
    def has_parameter(self) -> bool:
        return bool(self.parameters)


def walk(
    patterns: list[URLPattern | URLResolver],
    prefix: str = "",
    namespace: str = "",
    parameters: tuple[str, ...] = (),
) -> Iterator[Pattern]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        takes = parameters + tuple(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, route, inner, takes)
        else:
            name = pattern.name or ""
            if name and namespace:
                name = f"{namespace}:{name}"
            yield Pattern(name=name, route=route, parameters=takes)


def is_admin(pattern: Pattern) -> bool:
    # The Django admin is left out of the table: AdminSite.admin_view sends everyone who is
    # not active staff to the admin login before any of its views runs, and model
    # permissions decide the rest. test_it_keeps_the_admin_to_staff checks the first part
    # for every admin URL with a parameter. (``set_language`` takes no parameter; static
    # files are not served by the project's URLs.)
    return pattern.name.startswith("admin:") or pattern.route.startswith("admin/")


def parametrised_patterns() -> list[Pattern]:
    return [p for p in walk(get_resolver().url_patterns) if p.has_parameter and not is_admin(p)]


# --- the fixtures -------------------------------------------------------------------------


@pytest.fixture
def scenario(world: World) -> Scenario:
    return Scenario(world, add_dpo("dpo.kalteng", world.province))


def persona_user(scenario: Scenario, persona: str) -> Any:
    if persona == "anonymous":
        return None
    if persona == "dpo":
        return scenario.dpo
    return getattr(scenario.world, persona)


def fetch(client: Client, row: Row, target: str) -> Any:
    if row.method == "PUT":
        return client.put(target, json.dumps(row.data or {}), content_type="application/json")
    return client.post(target, row.data or {}) if row.method == "POST" else client.get(target)


# --- the tests ----------------------------------------------------------------------------

# The requester's personal data as the root conftest gives it (UU 27/2022).
SITI = (NIK_SATU, "Siti Rahmawati", "081234567890", "Tjilik Riwut", "pemohon.satu@example.test")

CASES = [
    pytest.param(row, persona, id=f"{row.name}[{row.variant}]-{persona}")
    for row in TABLE
    for persona in PERSONAS
]


@pytest.mark.parametrize(("row", "persona"), CASES)
def test_it_answers_each_persona_as_the_table_says(
    client: Client, scenario: Scenario, row: Row, persona: str
) -> None:
    user = persona_user(scenario, persona)
    if user is not None:
        # Logging in first: a password-reset token is bound to the last login time.
        client.force_login(user)
    target = row.url(scenario)
    response = fetch(client, row, target)
    expected = row.expected(persona)
    got = response.status_code
    where = f"{row.method} {row.name} [{row.variant}] as {persona}"
    if expected == LOGIN:
        location = response.get("Location", "")
        login = reverse("accounts:login")
        assert got == 302 and location.startswith(login), (
            f"{where}: got {got} {location!r}, expected a redirect to the login page"
        )
    else:
        assert got == expected, f"{where}: got {got}, expected {expected}"
    if persona != "requester" and (persona == "anonymous" or expected in (403, 404)):
        # Someone who may not see Siti's request learns nothing about her from the answer.
        content = b"" if response.streaming else response.content
        shown = [text for text in SITI if text.encode() in content]
        assert not shown, f"{where}: the answer shows {shown}"


def test_it_has_a_row_for_every_url_with_a_parameter() -> None:
    named = {row.name for row in TABLE}
    missing = sorted(
        {p.name or f"<unnamed> {p.route}" for p in parametrised_patterns() if p.name not in named}
    )
    assert not missing, "URLs with a parameter and no row in the access table: " + ", ".join(
        missing
    )


def test_it_has_no_row_for_a_url_that_is_gone() -> None:
    existing = {p.name for p in parametrised_patterns()}
    gone = sorted({row.name for row in TABLE} - existing)
    assert not gone, "Rows for URLs that no longer exist (or lost their parameter): " + ", ".join(
        gone
    )


def test_it_reaches_every_route_with_a_parameter(scenario: Scenario) -> None:
    """Each row's URL resolves to its own name, and every route with a parameter is
    reached by some row (a name shared by two routes needs a row for each)."""
    reached: set[str] = set()
    for row in TABLE:
        match = resolve(row.url(scenario).split("?")[0])
        assert match.view_name == row.name, f"{row.name} [{row.variant}] → {match.view_name}"
        reached.add(match.route)
    unreached = sorted(
        f"{p.name} ({p.route})" for p in parametrised_patterns() if p.route not in reached
    )
    assert not unreached, "Routes no row reaches: " + ", ".join(unreached)


ADMIN_PERSONAS = [persona for persona in PERSONAS if persona != "admin"]


def admin_url(pattern: Pattern) -> str:
    """A URL for an admin pattern: object ids are not looked up before the staff check."""
    for value in ("1", "00000000-0000-0000-0000-000000000001", "requests"):
        try:
            return reverse(pattern.name, kwargs=dict.fromkeys(pattern.parameters, value))
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build a URL for {pattern.name} ({pattern.route})")


@pytest.mark.parametrize("persona", ADMIN_PERSONAS)
def test_it_keeps_the_admin_to_staff(client: Client, scenario: Scenario, persona: str) -> None:
    user = persona_user(scenario, persona)
    if user is not None:
        client.force_login(user)
    login = reverse("admin:login")
    admin_patterns = [
        p for p in walk(get_resolver().url_patterns) if p.has_parameter and is_admin(p) and p.name
    ]
    assert admin_patterns
    for pattern in admin_patterns:
        response = client.get(admin_url(pattern))
        where = f"{pattern.name} as {persona}"
        assert response.status_code == 302, f"{where}: got {response.status_code}"
        assert response["Location"].startswith(login), f"{where}: {response['Location']}"


def _view(request: Any, **kwargs: Any) -> Any:
    raise AssertionError("never called")


def test_it_finds_parameters_names_and_namespaces_in_a_url_tree() -> None:
    """The walk itself: a parameter in an include's prefix counts, namespaces nest."""
    from django.urls import include, path, re_path

    inner = ([path("<uuid:public_id>/", _view, name="leaf"), path("x/", _view, name="flat")], "in")
    tree = [
        path("a/<slug:slug>/", include(inner)),
        path("b/", include(([path("c/", include(inner))], "out"))),
        re_path(r"^d/(?P<token>[0-9a-f]+)/$", _view),
        path("e/", _view, name="plain"),
    ]
    found = {(p.name, p.route): p.parameters for p in walk(tree)}
    assert found == {
        ("in:leaf", "a/<slug:slug>/<uuid:public_id>/"): ("slug", "public_id"),
        ("in:flat", "a/<slug:slug>/x/"): ("slug",),
        ("out:in:leaf", "b/c/<uuid:public_id>/"): ("public_id",),
        ("out:in:flat", "b/c/x/"): (),
        ("", "^d/(?P<token>[0-9a-f]+)/$"): ("token",),
        ("plain", "e/"): (),
    }


def test_it_looks_for_personal_data_the_officer_page_really_shows(
    client: Client, scenario: Scenario
) -> None:
    """The strings the table looks for in refusals are the ones a handler does see."""
    client.force_login(scenario.world.utama)
    target = url("requests:officer_detail", public_id=scenario.open_request.public_id)
    content = client.get(target).content.decode()
    assert "Siti Rahmawati" in content
    assert "081234567890" in content or "Tjilik Riwut" in content
