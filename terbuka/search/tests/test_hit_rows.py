# ruff: noqa: E501, S308 (the template as it was, line for line; highlighted HTML as the index gives it)
"""The search page's hits written in Python (``search/rows.py``, issue 14) are the markup
the template wrote, value for value, in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from terbuka.search.query import Hit
from terbuka.search.rows import hit_rows

# The loop of search/search.html before rows.py: the oracle.
OLD_HIT_ROWS = """{% for hit, body_name, badge, category_label in rows %}
  <li class="search-result">
    <h2 class="search-result-title"><a href="{{ hit.url }}">{{ hit.title_html }}</a></h2>
    <p class="muted">
      {% if badge %}<span class="badge">{{ badge }}</span>{% endif %}
      {{ body_name }}{% if category_label %} · {{ category_label }}{% endif %}{% if hit.published_on %} · {{ hit.published_on|date:"j F Y" }}{% endif %}
    </p>
    {% if hit.snippet_html %}<p class="snippet">{{ hit.snippet_html }}</p>{% endif %}
  </li>
  {% endfor %}
"""


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def hit(n: int, **extra: object) -> Hit:
    values: dict[str, object] = {
        "kind": "dip",
        "object_id": n,
        "title": f"Judul {n}",
        "url": f"/dip/informasi/{n}/?a=1&b=2",
        "snippet_html": mark_safe(f"… <mark>anggaran</mark> {n} &amp; lain …"),
        "body_id": 1,
        "category": "berkala",
        "year": 2024,
        "rank": 1.0,
        "title_html": mark_safe(f"Realisasi <mark>anggaran</mark> {n}"),
        "published_on": dt.date(2024, 3, 5),
    }
    values.update(extra)
    return Hit(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_writes_the_hits_the_template_wrote(language: str) -> None:
    rows = [
        (hit(1), "Dinas <Kesehatan> & 'Gizi'", _("DIP"), _("Informasi berkala")),
        (hit(2, snippet_html=mark_safe(""), published_on=None), "Dinas PUPR", "", ""),
        (hit(3, published_on=dt.date(2023, 12, 31)), "Bappeda", _("Permohonan"), 'Jawaban "x"'),
    ]
    with translation.override(language):
        expected = Template(OLD_HIT_ROWS).render(Context({"rows": rows}))
        written = hit_rows(rows)
    assert squeeze(written) == squeeze(expected)
    assert "Dinas &lt;Kesehatan&gt; &amp; &#x27;Gizi&#x27;" in written
    assert "<mark>anggaran</mark>" in written
