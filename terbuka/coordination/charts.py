"""The dashboard's charts: the hub's totals drawn by ``reports.charts`` (pygal, one owner
of charts), each with its numbers as a table. A year with no request and no survey answer
has no charts: the page says so instead."""

from __future__ import annotations

from terbuka import law
from terbuka.coordination.hub import Hub
from terbuka.reports import charts
from terbuka.reports.charts import Chart


def of(hub: Hub) -> list[Chart]:
    if hub.is_empty:
        return []
    skm = hub.total.skm
    labels = dict(law.SKM_ELEMENTS)
    elements = (
        ()
        if skm is None
        else tuple((str(labels[code]), str(mean)) for code, mean in skm.element_means.items())
    )
    return charts.charts(hub.sections(), hub.monthly, hub.year, elements)
