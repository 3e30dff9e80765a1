"""HTML to PDF for every letter (WeasyPrint), with the place kept for the signature.

Officers and requesters type parts of letters, so WeasyPrint gets a URL fetcher that
refuses every URL: no ``file://`` read of the server's disk and no network request
(PITFALLS.md 9); letters are styled inline and the QR code is inline SVG.

The letter template leaves an empty box with the id ``SIGNATURE_ANCHOR`` (see
``letters/_verification.html``); WeasyPrint reports where it landed, and the visible
signature is drawn there.
"""

from __future__ import annotations

import functools
from typing import Any, NoReturn

from terbuka.letters.signing import Placement

SIGNATURE_ANCHOR = "tanda-tangan-elektronik"
# The box's size in the template's CSS, in points (1 CSS px = 0.75 pt).
SIGNATURE_WIDTH_PT = 200
SIGNATURE_HEIGHT_PT = 62
PX_TO_PT = 0.75


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


def render(html: str) -> tuple[bytes, Placement | None]:
    """The PDF, and where the signature box is (None if the template has none)."""
    from weasyprint import HTML  # heavy import, only when a letter is made

    document = HTML(string=html, url_fetcher=url_fetcher(), base_url=None).render()
    placement = None
    for number, page in enumerate(document.pages):
        if SIGNATURE_ANCHOR in page.anchors:
            # The element's border box in CSS px from the top left; PDF counts points
            # from the bottom left.
            left, top, right, bottom = page.anchors[SIGNATURE_ANCHOR][:4]
            placement = Placement(
                page=number,
                box=(
                    round(left * PX_TO_PT),
                    round((page.height - bottom) * PX_TO_PT),
                    round(right * PX_TO_PT),
                    round((page.height - top) * PX_TO_PT),
                ),
            )
    pdf: bytes = document.write_pdf()
    return pdf, placement
