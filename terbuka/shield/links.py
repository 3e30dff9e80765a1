"""The shield's "Hitamkan temuan" (black out the findings) link: the redaction page of a
held file with an area proposed for each finding (the contract with ``terbuka/redaction``).

``?areas=PAGE:X0:Y0:X1:Y1:h;PAGE:…``: page 1-based, fractions 0–1 of the displayed page
with four decimals, top-left origin, ground huruf h (personal data, UU 14/2008 Pasal
17 huruf h). The page is named by URL name only, so the shield (a floor below both)
imports nothing of the redaction app, of catalog or of requests. Only what the redaction
page accepts gets a link: a request's draft file (released files are confirmed or
replaced by a redacted draft) and a DIP document version.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django.db.models import Model
from django.urls import reverse

from terbuka.shield.patterns import Kind

# Personal data (UU 14/2008 Pasal 17 huruf h).
GROUND = "h"
# A little room around each finding, so the edges of its glyphs go too.
MARGIN = 0.003


def _page(obj: Any) -> str | None:
    """The redaction page of a request file or a DIP document version, if it has one."""
    label = obj._meta.label_lower
    if label == "requests.requestfile" and obj.kind == "draft":
        return reverse("redaction:redact", kwargs={"file_public_id": obj.public_id})
    if label == "catalog.documentversion":
        return reverse(
            "redaction:redact_version",
            kwargs={"public_id": obj.document.public_id, "number": obj.number},
        )
    return None


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def areas(findings: Iterable[dict[str, Any]]) -> str:
    """The ``areas`` value for the findings that have a place on a page."""
    parts: list[str] = []
    for finding in findings:
        box = finding.get("box")
        if finding.get("kind") == Kind.UNREAD or not finding.get("page") or not box:
            continue
        x0, y0, x1, y1 = box
        corners = (
            _clamp(x0 - MARGIN),
            _clamp(y0 - MARGIN),
            _clamp(x1 + MARGIN),
            _clamp(y1 + MARGIN),
        )
        parts.append(
            ":".join([str(int(finding["page"])), *(f"{value:.4f}" for value in corners), GROUND])
        )
    return ";".join(parts)


def redaction_url(obj: Model, findings: Iterable[dict[str, Any]]) -> str | None:
    """The redaction page of ``obj`` with the findings proposed as areas, or None when
    it has no such page or there is nothing to propose."""
    proposed = areas(findings)
    url = _page(obj) if proposed else None
    if url is None:
        return None
    return f"{url}?areas={quote(proposed, safe=':;')}"
