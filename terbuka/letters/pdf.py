"""HTML to PDF for every letter (WeasyPrint), with the place kept for the signature.

Officers and requesters type parts of letters, so WeasyPrint gets a URL fetcher that
refuses every URL: no ``file://`` read of the server's disk and no network request
(PITFALLS.md 9); letters are styled inline and the QR code is inline SVG.

The letter template leaves an empty box with the id ``SIGNATURE_ANCHOR`` (see
``letters/_verification.html``); WeasyPrint reports where it landed, and the visible
signature is drawn there.
"""

from __future__ import annotations

from typing import Any

from terbuka.letters.signing import Placement
from terbuka.tabular import refusing_url_fetcher

SIGNATURE_ANCHOR = "tanda-tangan-elektronik"
# The box's size in the template's CSS, in points (1 CSS px = 0.75 pt).
SIGNATURE_WIDTH_PT = 200
SIGNATURE_HEIGHT_PT = 62
PX_TO_PT = 0.75


def url_fetcher() -> Any:
    """WeasyPrint URL fetcher refusing every URL (file://, http(s)://, …): PITFALLS.md 9.
    The one owner is ``tabular.refusing_url_fetcher``."""
    return refusing_url_fetcher()


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
