"""The hits of the search page (``/cari/``) as HTML, written in Python (issue 14), as
``catalog/rows.py`` writes the DIP's rows.

Through the template engine a page of twenty hits was a fifth of the page's CPU time.
``hit_rows`` writes the markup ``search/search.html`` wrote, every value escaped as the
engine escapes it (the highlighted title and snippet are already safe HTML); the list
around the hits stays in the template. ``search/tests/test_hit_rows.py`` checks it
against the old loop in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from terbuka.dayformat import day
from terbuka.escaping import text
from terbuka.search.query import Hit


def hit_rows(rows: Iterable[tuple[Hit, str, Any, Any]]) -> SafeString:
    """The ``<li>`` of each (hit, body name, badge, category label) of a results page."""
    pieces = []
    for hit, body_name, badge, category_label in rows:
        badge_html = f'<span class="badge">{text(badge)}</span>' if badge else ""
        meta = text(body_name)
        if category_label:
            meta += f" · {text(category_label)}"
        if hit.published_on:
            meta += f" · {day(hit.published_on, 'j F Y')}"
        snippet = (
            f'\n    <p class="snippet">{text(hit.snippet_html)}</p>'
            if hit.snippet_html
            else "\n    "
        )
        pieces.append(
            '  <li class="search-result">\n'
            f'    <h2 class="search-result-title"><a href="{text(hit.url)}">'
            f"{text(hit.title_html)}</a></h2>\n"
            '    <p class="muted">\n'
            f"      {badge_html}\n"
            f"      {meta}\n"
            f"    </p>{snippet}\n"
            "  </li>\n"
        )
    return mark_safe("".join(pieces))  # noqa: S308 (every value is escaped above)
