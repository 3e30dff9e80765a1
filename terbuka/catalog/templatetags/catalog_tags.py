"""``{% load catalog_tags %}{% serta_merta_highlights %}``: the current serta merta
information (UU 14/2008 Pasal 10) for the home page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

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
