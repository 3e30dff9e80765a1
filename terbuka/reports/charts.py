"""The annual report's charts: server-rendered SVG, drawn by pygal.

Why pygal (LGPL-3.0-or-later, compatible with AGPL-3.0): it writes SVG directly, with no
rendering backend or native library, in a few milliseconds per chart, and it is kept up
(Kozea, the authors of WeasyPrint, which renders its SVG in our PDFs). matplotlib would
also do, but it is a far heavier dependency (NumPy, a C++ backend, font caches) for four
bar charts.

Every chart works without JavaScript and under the strict CSP: pygal always adds a
``<script>`` (its tooltips); it is removed from the tree before the SVG is written. On
the page a chart is an ``<img>`` with a ``data:`` URI (CSP ``img-src 'self' data:``; an SVG
shown as an image runs nothing), in the PDF the SVG itself (WeasyPrint renders inline SVG
and fetches nothing). Each chart comes with its numbers as a table (``Chart.rows``): a
screen reader and a printout read the same figures.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from terbuka.reports.statistics import Section


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    unit: str  # what a value counts, for the table's header
    horizontal: bool = True  # bars across, for long labels; months stand upright
    decimals: int = 0  # in the table of numbers: counts whole, SKM means with two

    @property
    def rows(self) -> list[tuple[str, float]]:
        return list(zip(self.labels, self.values, strict=True))

    def svg(self) -> str:
        """The chart as an SVG element (no XML declaration, no script)."""
        import pygal  # loaded on first use only
        from pygal.style import Style

        style = Style(
            background="white",
            plot_background="white",
            foreground="#222",
            foreground_strong="#000",
            foreground_subtle="#999",
            colors=("#1f5f99",),
            font_family="DejaVu Sans, sans-serif",
            title_font_size=16,
            label_font_size=11,
            major_label_font_size=11,
            value_font_size=11,
        )
        kind = pygal.HorizontalBar if self.horizontal else pygal.Bar
        chart = kind(
            style=style,
            width=640,
            height=90 + 28 * len(self.labels) if self.horizontal else 300,
            show_legend=False,
            print_values=True,
            disable_xml_declaration=True,
            js=[],
            css=["file://style.css", "file://graph.css"],
            title=self.title,
            min_scale=1,
        )
        chart.x_labels = list(self.labels)
        chart.add(self.unit, list(self.values))
        tree = chart.render_tree()
        for parent in list(tree.iter()):
            for child in list(parent):
                if not isinstance(child.tag, str) or child.tag.endswith("script"):
                    # Scripts, and comments (pygal's with the date it ran).
                    parent.remove(child)
        from pygal.etree import etree  # lxml or the standard library, as pygal built it

        return str(etree.tostring(tree, encoding="unicode"))

    def inline(self) -> SafeString:
        """The SVG to put in a page (the PDF's): pygal escaped every text it holds."""
        return mark_safe(self.svg())  # noqa: S308 - built by pygal from our own figures

    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg().encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def _values(section: Section, keys: list[str]) -> list[tuple[str, float]]:
    by_key = {figure.key: figure for figure in section.figures}
    return [(by_key[key].label, float(by_key[key].value or 0)) for key in keys if key in by_key]


def charts(
    sections: tuple[Section, ...],
    monthly: list[int],
    year: int,
    skm_elements: tuple[tuple[str, str], ...],
) -> list[Chart]:
    """The charts of a report that has figures: requests per month, outcomes, time to the
    written notice, and the SKM elements (when there are answers). No figures, no charts."""
    found: list[Chart] = []
    by_key = {section.key: section for section in sections}
    if "received" in by_key and any(monthly):
        found.append(
            Chart(
                "monthly",
                _("Permohonan diterima per bulan"),
                tuple(date_format(dt.date(year, n, 1), "M") for n in range(1, 13)),
                tuple(float(n) for n in monthly),
                _("Permohonan"),
                horizontal=False,
            )
        )
    if "outcomes" in by_key:
        keys = [
            "outcome.granted",
            "outcome.granted_in_part",
            "outcome.refused_exempt",
            "outcome.not_held",
            "outcome.not_yet_documented",
            "outcome.withdrawn",
            "outcome.open",
        ]
        rows = _values(by_key["outcomes"], keys)
        if any(value for _label, value in rows):
            found.append(
                Chart(
                    "outcomes",
                    _("Keputusan atas permohonan"),
                    tuple(label for label, _v in rows),
                    tuple(value for _l, value in rows),
                    _("Permohonan"),
                )
            )
    if "timing" in by_key:
        keys = ["timing.within_10", "timing.on_time_extended", "timing.late"]
        rows = _values(by_key["timing"], keys)
        if any(value for _label, value in rows):
            found.append(
                Chart(
                    "timing",
                    _("Waktu sampai pemberitahuan tertulis"),
                    tuple(label for label, _v in rows),
                    tuple(value for _l, value in rows),
                    _("Permohonan"),
                )
            )
    if skm_elements:
        found.append(
            Chart(
                "skm",
                _("Nilai rata-rata unsur SKM (1–4)"),
                tuple(label for label, _mean in skm_elements),
                tuple(float(mean) for _label, mean in skm_elements),
                _("Nilai"),
                decimals=2,
            )
        )
    return found
