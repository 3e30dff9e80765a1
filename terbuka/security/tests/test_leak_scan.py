"""No personal data of any demo requester on any public page, feed, export or log line.

Issue 5: "A test scans rendered public pages and exports of the demo for every demo
requester's NIK, phone and address." The demo is seeded once, then an anonymous visitor
walks every public page it can reach by links and by the known public routes (bodies, the
DIP and its entries and exempt list, the request log and its entries, search results,
suggestions, the open-data feeds with all their pages, the XLSX/CSV/PDF exports), while
every log record is captured. Each response and log line is searched for every NIK,
phone, address and e-mail a demo requester gave (on a profile or on a request), and for
the NIKs and phone numbers of the demo's DIP document the personal-data shield holds.
"""

from __future__ import annotations

import io
import json
import logging
import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from terbuka.accounts.models import RequesterProfile
from terbuka.bodies.models import Body
from terbuka.catalog import demo as catalog_demo
from terbuka.catalog.models import Entry
from terbuka.letters.models import IssuedLetter
from terbuka.requests.models import InfoRequest
from terbuka.testing import SeededDemo

pytestmark = pytest.mark.django_db

MAX_PAGES = 1000
HREF = re.compile(r'href="([^"#]+)"')


def _needles() -> dict[str, str]:
    """Every personal value a demo requester gave, labelled for the failure message."""
    needles: dict[str, str] = {}
    for profile in RequesterProfile.objects.select_related("user"):
        for label, value in (
            ("NIK", profile.nik),
            ("phone", profile.phone),
            ("address", profile.address),
            ("e-mail", profile.user.email),
        ):
            if value and len(value) >= 6:
                needles[value] = f"{label} of {profile.user.username}"
    for info_request in InfoRequest.objects.all():
        for label, value in (
            ("NIK", info_request.requester_nik),
            ("phone", info_request.requester_phone),
            ("address", info_request.requester_address),
            ("e-mail", info_request.requester_email),
        ):
            if value and len(value) >= 6:
                needles[value] = f"{label} on request {info_request.number}"
    # The demo's recipients' list that the personal-data shield holds (catalog/demo.py):
    # none of its NIKs or phone numbers may reach a public page, download or search.
    for _name, nik, phone in catalog_demo.RECIPIENTS:
        needles[nik] = "NIK in the held DIP document"
        needles[phone] = "phone in the held DIP document"
    # Addresses also appear line by line and phones in other spellings.
    for value, label in list(needles.items()):
        if "address" in label:
            first_line = value.splitlines()[0].split(",")[0].strip()
            if len(first_line) >= 10:
                needles.setdefault(first_line, label)
        if "phone" in label:
            digits = re.sub(r"\D", "", value)
            needles.setdefault(digits, label)
            if digits.startswith("0"):
                needles.setdefault("+62" + digits[1:], label)
    return needles


def _text_of(content: bytes, content_type: str) -> str:
    if content_type.startswith("application/pdf"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return content.decode("utf-8", "replace")


def _is_crawlable(url: str) -> bool:
    path = urlparse(url).path
    if urlparse(url).netloc not in ("", "testserver"):
        return False
    # Forms that change state or pages behind a login are not public pages.
    return not path.startswith(("/admin/", "/akun/", "/i18n/", "/static/", "/privasi/"))


def _api_follow_ups(url: str, data: dict[str, object]) -> list[str]:
    """The API's next page (its ``next_cursor``) and each listed item's own URL."""
    found: list[str] = []
    path = urlparse(url).path
    cursor = data.get("next_cursor")
    if isinstance(cursor, str):
        query = parse_qs(urlparse(url).query)
        query["cursor"] = [cursor]
        found.append(f"{path}?{urlencode(query, doseq=True)}")
    results = data.get("results")
    if isinstance(results, list):
        found += [f"{path}{item['id']}/" for item in results if isinstance(item, dict)]
    return found


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "page-cache"])
def test_no_demo_requester_data_on_any_public_page_feed_export_or_log(
    caplog: pytest.LogCaptureFixture, settings: Any, cached: bool, seeded_demo: SeededDemo
) -> None:
    # With the public-page cache on (issue 14) each page is read twice: rendered and
    # stored, then served from the cache; the answer from the cache is the one scanned.
    settings.PAGE_CACHE = cached
    call_command("rebuild_search_index", stdout=io.StringIO())
    needles = _needles()
    assert len(needles) >= 6, "the demo should have requesters with personal data"

    client = Client()
    seeds = ["/", "/badan-publik/", "/dip/", "/dip/dikecualikan/", "/permohonan/", "/kalender/"]
    for body in Body.objects.active():
        seeds += [f"/badan-publik/{body.slug}/", f"/badan-publik/{body.slug}/dip/"]
        seeds += [f"/badan-publik/{body.slug}/dip.json", f"/badan-publik/{body.slug}/dip.csv"]
        seeds += [f"/badan-publik/{body.slug}/dip/unduh/?format={fmt}" for fmt in ("csv", "xlsx")]
    seeds += ["/dip.json", "/dip.csv", "/dip/unduh/?format=xlsx", "/dip/unduh/?format=csv"]
    seeds += ["/dip/unduh/?format=pdf", "/survei/hasil/"]
    # The published annual reports (their PDF is linked from the entry page).
    annual = Entry.objects.filter(source_key__startswith="terbuka:laporan-tahunan:")
    assert annual.exists(), "the demo should have published annual reports"
    seeds += [entry.get_absolute_url() for entry in annual]
    # The letters' verification pages (issue 12): within their rate limit of 60 an hour.
    codes = IssuedLetter.objects.order_by("pk").values_list("code", flat=True)[:50]
    assert codes, "the demo should have issued letters"
    seeds += ["/verifikasi/"] + [f"/verifikasi/{code}/" for code in codes]
    # The open API's public reads (issue 15): lists paged by their cursors, and each item.
    seeds += ["/api/v1/bodies/", "/api/v1/exemptions/", "/api/v1/calendar/2026/"]
    seeds += ["/api/v1/dip/?per_page=25", "/api/v1/requests/?per_page=5"]
    seeds += [f"/api/v1/bodies/{body.slug}/" for body in Body.objects.active()]
    # The public figures: every body's statistics of this year and the last, the survey.
    this_year = timezone.localdate().year
    seeds += [
        f"/api/v1/statistics/{body.slug}/?period={year}"
        for body in Body.objects.active()
        for year in (this_year - 1, this_year)
    ]
    seeds += ["/api/v1/survey/", f"/api/v1/survey/?year={this_year - 1}"]
    # Search with every kind of query, including the personal values themselves.
    queries = ["anggaran", "kesehatan", "jalan", "permohonan", "banjir"]
    queries += [value for value in needles if "NIK" in needles[value]][:3]
    queries += [p.full_name for p in RequesterProfile.objects.all()]
    for query in queries:
        seeds += [f"/cari/?q={query}", f"/cari/saran/?q={query}"]
    # The public transparency page of every PPID body (issue 10), last: its sorting links
    # multiply, and the crawl reaches the API's items first.
    seeds += [
        f"/koordinasi/publik/?badan={body.slug}"
        for body in Body.objects.active().filter(has_own_ppid=True)
    ]

    seen: set[str] = set()
    queue = list(dict.fromkeys(seeds))
    leaks: list[str] = []
    caplog.set_level(logging.DEBUG)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if cached and response.status_code == 200 and not getattr(response, "streaming", False):
            response = client.get(url)
        if response.status_code in (301, 302):
            location = response["Location"]
            if _is_crawlable(location):
                queue.append(urljoin(url, location))
            continue
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        content_type = response.get("Content-Type", "")
        text = _text_of(response.content, content_type)
        # A search page repeats what the visitor typed; that is not stored data leaking.
        typed = " ".join(parse_qs(urlparse(url).query).get("q", []))
        leaks += [
            f"{label} on {url}"
            for value, label in needles.items()
            if value in text and value not in typed
        ]
        if content_type.startswith("application/json"):
            data = json.loads(text)
            next_url = data.get("next") if isinstance(data, dict) else None
            if next_url:
                queue.append(urlparse(next_url)._replace(scheme="", netloc="").geturl())
            if url.startswith("/api/v1/") and isinstance(data, dict):
                queue += _api_follow_ups(url, data)
        if content_type.startswith("text/html"):
            for href in HREF.findall(text):
                target = urljoin(url, href.replace("&amp;", "&"))
                target = urlparse(target)._replace(scheme="", netloc="").geturl()
                if _is_crawlable(target) and target not in seen:
                    queue.append(target)

    # The log lines of the crawl and of the seeding (the demo's requests, objections and
    # letters went through the real actions).
    for message in [record.getMessage() for record in caplog.records] + seeded_demo.log:
        leaks += [f"{label} in a log line" for value, label in needles.items() if value in message]

    assert len(seen) > 100, f"the crawl reached only {len(seen)} pages"
    api_items = [url for url in seen if re.match(r"/api/v1/(dip|requests)/[0-9a-f-]{36}/$", url)]
    assert len(api_items) > 10, "the crawl reached too few of the API's items"
    assert leaks == [], "\n".join(sorted(set(leaks)))


def test_the_objection_page_and_the_log_with_a_dispute_show_no_personal_data(
    seeded_demo: None,
) -> None:
    """The requester's objection page with its dispute shows the stage, the KI number and
    the hearings, never anyone's NIK, phone, address or e-mail, nor the officers' notes of
    a hearing; the public log of the disputed request shows no name at all."""
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from terbuka.disputes.models import Dispute

    needles = _needles()
    dispute = Dispute.objects.select_related("objection__requester", "info_request").get(
        objection__isnull=False
    )
    objection = dispute.objection
    assert objection is not None and objection.requester is not None
    TOTPDevice.objects.filter(user=objection.requester).delete()
    client = Client()
    client.force_login(objection.requester)
    page = client.get(reverse("remedies:detail", kwargs={"public_id": objection.public_id}))
    text = page.content.decode()
    assert dispute.registration_number in text
    leaks = [label for value, label in needles.items() if value in text]
    notes = [hearing.result for hearing in dispute.hearings.all() if hearing.result]
    assert notes and not any(note in text for note in notes)
    assert dispute.info_request is not None
    log = (
        Client()
        .get(reverse("requests:log_detail", kwargs={"public_id": dispute.info_request.public_id}))
        .content.decode()
    )
    assert "Sengketa dicatat" in log
    names = [item.petitioner_name for item in Dispute.objects.all()]
    leaks += [f"petitioner {name} on the public log" for name in names if name in log]
    leaks += [label for value, label in needles.items() if value in log]
    assert leaks == []
