"""``{% load catalog_tags %}``: ``{% serta_merta_highlights %}``, the current serta merta
information (UU 14/2008 Pasal 10) for the home page; ``{% matrix_table %}``, a DIP matrix
table, and ``{% dik_table %}``, a DIK table (``catalog/rows.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from terbuka.catalog import rows
from terbuka.catalog.models import Category, Entry

register = template.Library()

# "Current": published in the last 90 days.
CURRENT_FOR = dt.timedelta(days=90)


@register.inclusion_tag("catalog/_serta_merta.html")
def serta_merta_highlights(limit: int = 5) -> dict[str, Any]:
    since = timezone.localdate() - CURRENT_FOR
    items = (
        Entry.objects.published()
        .filter(category=Category.SERTA_MERTA, published_on__gte=since)
        .select_related("body")
        .order_by("-published_on", "-pk")[:limit]
    )
    return {"items": list(items)}


@register.simple_tag
def matrix_table(
    entries: Any,
    *,
    caption: Any,
    show_body: Any,
    links: dict[str, tuple[str, str]],
    headers: list[str],
) -> str:
    return rows.matrix_table(
        entries, caption=caption, show_body=bool(show_body), links=links, headers=headers
    )


@register.simple_tag
def dik_table(
    exemptions: Any, *, show_body: Any, ended: Any, links: dict[str, tuple[str, str]] | None
) -> str:
    return rows.dik_table(exemptions, show_body=bool(show_body), ended=bool(ended), links=links)
