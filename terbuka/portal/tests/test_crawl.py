"""The crawl check (issue 13): real Chromium follows every same-site link a persona can
reach — anonymous, requester, PPID Pelaksana, PPID Utama, Atasan PPID and the admin —
and looks at each page at 1280 and at 360 px. A page fails when it is wider than the
window, when axe-core finds a violation, when a tap target in the main content is under
24 px, when it (or anything it loads) answers 4xx/5xx, when it lacks a ``<title>`` or an
``<h1>``, or when an image has no alt text. HTML must come gzip-compressed, and a public
page must weigh at most 100 KB on the wire.

axe-core comes from its npm package, pinned in ``terbuka/testing_assets/package-lock.json``
(``make test`` runs ``npm ci`` there). It is injected with ``add_script_tag`` into a
browser context that bypasses CSP: the site's own policy stays strict.

Only GET links are followed; logout is a POST form and is never clicked, downloads
(files, PDF, CSV, XLSX, feeds) and Django's own admin (``/admin/``, not our pages) are
left out. URLs are deduplicated by pattern (a UUID or a number is one pattern) and each
persona's crawl is capped.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from terbuka.requests.tests.conftest import chromium_context, first_page
from terbuka.requests.tests.test_journeys import log_in
from terbuka.testing import answer_request, make_entry, submit_request

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "testing_assets/node_modules/axe-core/axe.min.js"
WIDTHS = (1280, 360)
MAX_PAGES = 200  # per persona (a guard against a loop; no persona reaches it)
MAX_PUBLIC_BYTES = 100 * 1024
SKIP = re.compile(
    r"^/(admin|static|media|api|i18n)/|/berkas/|/unduh|/ekspor|/feed|/pdf/"
    r"|\.(pdf|csv|xlsx|docx|json|xml|rss|svg|png|ico)$|[?&](format|unduh)="
)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

# WCAG 2.5.8: links in lists and tables, pagination, buttons, menu buttons and form
# controls need 24 px (links inside running text are exempt).
SMALL_TARGETS = """
[...document.querySelectorAll(
  'main li > a, main td a, main .pagination a, main a.button, main button, main summary, '
  + 'main select, main input:not([type=hidden]):not([tabindex="-1"]), header a, header button, header summary'
)].filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 24)
 .map(e => e.outerHTML.slice(0, 100))
"""
PAGE_FACTS = """
() => ({
  wide: document.documentElement.scrollWidth > window.innerWidth,
  title: document.title.trim(),
  h1: (document.querySelector('h1') || {textContent: ''}).textContent.trim(),
  isoDates: (document.querySelector('main') || document.body).innerText.match(/\\b\\d{4}-\\d{2}-\\d{2}\\b/g),
  noAlt: [...document.querySelectorAll('img:not([alt])')].map(e => e.outerHTML.slice(0, 100)),
})
"""
HREF = re.compile(r'<a [^>]*href="([^"]+)"')
LINKS = "[...document.querySelectorAll('a[href]')].map(a => a.href)"
RUN_AXE = """
async () => {
  const result = await axe.run(document);
  return result.violations.map(v =>
    v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}
"""


def pattern(path: str, query: str) -> str:
    """One pattern for every page of a kind: ids and numbers are alike, and so are two
    values of the same query parameters (``?status=a`` and ``?status=b``)."""
    keys = sorted({item.split("=")[0] for item in query.split("&") if item})
    return re.sub(r"\d+", "N", UUID.sub("ID", path)) + "?" + "&".join(keys)


@dataclass
class Report:
    pages: int = 0
    checked: set[str] = field(default_factory=set)  # patterns checked, over all personas
    problems: list[str] = field(default_factory=list)


@pytest.fixture
def crawler(tmp_path: Any) -> Iterator[Any]:
    """Chromium with JavaScript (axe runs in the page) and CSP bypassed for the injection."""
    if not AXE.exists():
        message = f"axe-core missing: run `npm ci --prefix {AXE.parents[2]}`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with chromium_context(
        tmp_path,
        timeout=15_000,
        accept_downloads=False,
        viewport={"width": WIDTHS[0], "height": 800},
        locale="id-ID",
        bypass_csp=True,
    ) as context:
        yield first_page(context)


def check(page: Any, where: str, response: Any, report: Report, *, public: bool) -> None:
    """Every check of one page, at each width (the page is loaded once)."""
    if response.headers.get("content-encoding") not in ("gzip", "br"):
        report.problems.append(f"{where}: not compressed")
    size = response.request.sizes()["responseBodySize"]
    if public and size > MAX_PUBLIC_BYTES:
        report.problems.append(f"{where}: {size} bytes on the wire (> 100 KB)")
    page.add_script_tag(path=str(AXE))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        facts = page.evaluate(PAGE_FACTS)
        at = f"{where} @{width}"
        if facts["wide"]:
            report.problems.append(f"{at}: wider than the window")
        if not facts["title"] or not facts["h1"]:
            report.problems.append(f"{at}: no <title> or <h1>")
        if facts["isoDates"]:
            report.problems.append(f"{at}: dates not in words {facts['isoDates'][:3]}")
        report.problems += [f"{at}: image without alt {tag}" for tag in facts["noAlt"]]
        report.problems += [f"{at}: small target {tag}" for tag in page.evaluate(SMALL_TARGETS)]
        report.problems += [f"{at}: axe {item}" for item in page.evaluate(RUN_AXE)]
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})


def crawl(page: Any, base: str, start: list[str], report: Report, *, public: bool) -> int:
    """Follow links breadth-first from ``start``; check each pattern not checked yet (a
    page another persona checked is only read for its links). Returns the pages seen."""
    failed: list[str] = []

    def note_failure(response: Any) -> None:
        if response.status >= 400 and response.url.startswith(base):
            failed.append(f"{response.status} {response.url}")

    page.on("response", note_failure)
    queue = [base + path for path in start]
    seen: set[str] = set()
    count = 0
    while queue and count < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0]
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        kind = pattern(parts.path, parts.query)
        if not url.startswith(base) or SKIP.search(path) or kind in seen:
            continue
        seen.add(kind)
        count += 1
        if kind in report.checked:
            # Checked as another persona: read its links over HTTP, without rendering.
            fetched = page.request.get(url, max_redirects=5)
            if fetched.status >= 400:
                report.problems.append(f"{path}: status {fetched.status}")
            elif "text/html" in fetched.headers.get("content-type", ""):
                queue += [
                    urljoin(fetched.url, html.unescape(link))
                    for link in HREF.findall(fetched.text())
                ]
            continue
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a download the pattern did not foresee
            if "Download is starting" not in str(error):
                raise
            continue
        if response is None or response.status >= 400:
            report.problems.append(f"{path}: status {response and response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        report.checked.add(kind)
        check(page, path, response, report, public=public)
        queue += [link for link in page.evaluate(LINKS) if link.startswith(base)]
    page.remove_listener("response", note_failure)
    report.problems += sorted(set(failed))
    report.pages += count
    return count


def seed(world: Any) -> dict[str, str]:
    """A little of everything each persona sees: an answered request, an open one, a DIP
    entry."""
    answered = answer_request(world, submit_request(world, body=world.province))
    open_request = submit_request(world, body=world.agency_a)
    make_entry(world.utama, world.agency_a)
    return {
        "answered": f"/permohonan/{answered.public_id}/",
        "receipt": f"/permohonan/{open_request.public_id}/tanda-terima/",
    }


def test_it_finds_no_problem_on_any_page_of_any_persona(
    live_server: Any, world: Any, crawler: Any
) -> None:
    page, base = crawler, live_server.url
    urls = seed(world)
    report = Report()
    personas = [
        ("anonymous", None, ["/"]),
        (
            "requester",
            world.requester,
            ["/", "/permohonan/saya/", urls["answered"], urls["receipt"]],
        ),
        ("pelaksana", world.pelaksana_a, ["/", "/permohonan/petugas/"]),
        ("utama", world.utama, ["/", "/permohonan/petugas/"]),
        ("atasan", world.atasan, ["/", "/keberatan/petugas/"]),
        ("admin", world.admin, ["/"]),
    ]
    counts = {}
    for name, user, start in personas:
        page.context.clear_cookies()
        if user is not None:
            log_in(page, base, user.username)
            start = [urlsplit(page.url).path, *start]
        counts[name] = crawl(page, base, start, report, public=user is None)
    print(
        f"\ncrawl: {report.pages} pages, {len(report.checked)} kinds checked at {WIDTHS} px;"
        f" per persona {counts}"
    )
    print("\n".join(report.problems) or "no problems")
    if os.environ.get("TERBUKA_CRAWL_REPORT"):
        Path(os.environ["TERBUKA_CRAWL_REPORT"]).write_text("\n".join(report.problems))
    assert report.problems == []
