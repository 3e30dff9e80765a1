"""The written notice (pemberitahuan tertulis) as a PDF letter, UU 14/2008 Pasal 22(7).

Rendered with WeasyPrint from ``requests/letters/notice.html``. The letter names the
requester (it is addressed to him) but never carries his NIK, address or phone. Officers
type parts of it, so WeasyPrint gets a URL fetcher that refuses every URL: no ``file://``
read of the server's disk and no network request (PITFALLS.md 9); the letter's style is
inline.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NoReturn

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from terbuka import law
from terbuka.requests import notify, numbering
from terbuka.requests.models import HowToObtain, InfoRequest, Notice, Outcome, RequestFile


class RefusedURL(ValueError):
    pass


def refuse_every_url(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    """The letter loads nothing from disk or network."""
    raise RefusedURL(f"URL refused in letters: {url[:80]}")


@functools.cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher  # heavy import, only when a letter is made

    class RefusingFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> NoReturn:
            refuse_every_url(url)

    return RefusingFetcher


def url_fetcher() -> Any:
    """WeasyPrint URL fetcher refusing every URL (file://, http(s)://, …): PITFALLS.md 9."""
    return _fetcher_class()(allowed_protocols=(), fail_on_errors=False)


def rupiah(amount: int) -> str:
    """``12500`` → ``Rp12.500`` (Indonesian thousands separator)."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def letter_filename(info_request: InfoRequest) -> str:
    return f"pemberitahuan-tertulis-{slugify(info_request.number) or info_request.pk}.pdf"


def context(notice: Notice, released: Sequence[RequestFile] = ()) -> dict[str, Any]:
    info_request = notice.info_request
    ppid_body = info_request.ppid_body
    settings = numbering.service_settings(ppid_body)
    sent_at = notice.sent_at or timezone.now()
    return {
        "notice": notice,
        "info_request": info_request,
        "ppid_body": ppid_body,
        "body": info_request.body,
        "requester_name": info_request.requester_name,
        "acting_for": info_request.acting_for,
        "date": sent_at.astimezone(ppid_body.tzinfo).date(),
        "outcome": Outcome,
        "how_to_obtain": HowToObtain,
        "is_held": notice.outcome != Outcome.NOT_HELD,
        "holding_body_name": (
            notice.holding_body.name if notice.holding_body else notice.holding_body_name.strip()
        ),
        "exemption_label": law.label(notice.exemption_ground) if notice.exemption_ground else "",
        "exemption_text": dict(law.ground_choices()).get(notice.exemption_ground, ""),
        "total_cost": notice.total_cost,
        "fee_per_page_text": rupiah(notice.fee_per_page),
        "copy_cost_text": rupiah(notice.pages * notice.fee_per_page),
        "delivery_cost_text": rupiah(notice.delivery_cost),
        "total_cost_text": rupiah(notice.total_cost),
        "released": released,
        "objection_days": law.OBJECTION_FILING_WORKING_DAYS,
        # The objection form (terbuka.remedies) of this request, named by URL only.
        "objection_url": notify.link("remedies:new", public_id=info_request.public_id),
        "notice_days": law.NOTICE_WORKING_DAYS,
        "number_code": settings.number_code or ppid_body.code,
    }


def render_html(notice: Notice, released: Sequence[RequestFile] = ()) -> str:
    return render_to_string("requests/letters/notice.html", context(notice, released))


def render_notice(notice: Notice, released: Sequence[RequestFile] = ()) -> bytes:
    from weasyprint import HTML  # heavy import, only when a letter is made

    html = render_html(notice, released)
    pdf: bytes = HTML(string=html, url_fetcher=url_fetcher(), base_url=None).write_pdf()
    return pdf
