# ruff: noqa: E501 (the templates as they were, line for line)
"""The DIP matrix and DIK rows written in Python (``catalog/rows.py``, issue 14) are the
markup the templates wrote, value for value, in both languages."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from terbuka.catalog import rows
from terbuka.catalog.models import Category, Entry, Exemption
from terbuka.catalog.perki import MATRIX_COLUMNS
from terbuka.catalog.views.public import _headers, _links
from terbuka.testing import make_entry, make_exemption

# The row loops as the templates had them before rows.py: the oracle.
OLD_MATRIX_ROWS = """{% load i18n %}
    {% translate "Badan publik" as body_header %}{% translate "Lewat batas pembaruan" as overdue_label %}
    {% for row in rows %}
    <tr>
      {% if show_body %}<td data-label="{{ body_header }}"><a href="{{ links.body_dip.0 }}{{ row.body.slug }}{{ links.body_dip.1 }}">{{ row.body.name }}</a></td>{% endif %}
      <td data-label="{{ headers.0 }}">{{ row.number|default:forloop.counter }}</td>
      <td data-label="{{ headers.1 }}"><a href="{{ links.entry.0 }}{{ row.public_id }}{{ links.entry.1 }}">{{ row.title }}</a><br><span class="help">{{ row.summary|truncatewords:30 }}</span>
        {% if row.is_update_overdue %}<br><span class="badge badge-warn">{{ overdue_label }}</span>{% endif %}</td>
      <td data-label="{{ headers.2 }}">{{ row.holder }}</td>
      <td data-label="{{ headers.3 }}">{{ row.responsible }}</td>
      <td data-label="{{ headers.4 }}">{{ row.created_when }}{% if row.created_where %}, {{ row.created_where }}{% endif %}</td>
      <td data-label="{{ headers.5 }}">{% if row.available_softcopy %}softcopy{% endif %}{% if row.available_softcopy and row.available_hardcopy %}, {% endif %}{% if row.available_hardcopy %}hardcopy{% endif %}</td>
      <td data-label="{{ headers.6 }}">{{ row.retention }}</td>
    </tr>
    {% endfor %}
"""
OLD_DIK_ROWS = """{% load i18n %}
    {% translate "Badan publik" as h_body %}{% translate "Jenis informasi yang dikecualikan" as h_title %}{% translate "Dasar pengecualian" as h_ground %}{% translate "Jangka waktu pengecualian" as h_period %}{% translate "Ditetapkan oleh" as h_by %}
    {% for item in exemptions %}
    <tr>
      {% if show_body %}<td data-label="{{ h_body }}">{{ item.body.name }}</td>{% endif %}
      <td data-label="{{ h_title }}"><a href="{% if links %}{{ links.exemption.0 }}{{ item.public_id }}{{ links.exemption.1 }}{% else %}{{ item.get_absolute_url }}{% endif %}">{{ item.title }}</a></td>
      <td data-label="{{ h_ground }}">{{ item.ground_label }}</td>
      <td data-label="{{ h_period }}">{{ item.period_start|date:"j M Y" }} – {{ item.period_end|date:"j M Y" }}{% if ended %}<br><span class="badge badge-danger">{% translate "Berakhir, tidak lagi berlaku" %}</span>{% endif %}</td>
      <td data-label="{{ h_by }}">{{ item.deciding_ppid }}</td>
    </tr>
    {% empty %}
    <tr><td colspan="{% if show_body %}5{% else %}4{% endif %}">{% translate "Tidak ada informasi yang dikecualikan." %}</td></tr>
    {% endfor %}
"""

# The included tables around the rows, as they were before ``matrix_table``/``dik_table``.
OLD_MATRIX_TABLE = """{% load i18n %}<div class="table-wrap matrix" tabindex="0" role="region" aria-label="{% blocktranslate with name=caption %}Tabel {{ name }}{% endblocktranslate %}">
<table class="stack">
  <caption class="visually-hidden">{{ caption }}</caption>
  <thead>
    <tr>
      {% if show_body %}<th scope="col">{% translate "Badan publik" %}</th>{% endif %}
      {% for key, header in columns %}<th scope="col">{{ header }}</th>{% endfor %}
    </tr>
  </thead>
  <tbody>
    {{ written_rows }}
  </tbody>
</table>
</div>
"""
OLD_DIK_TABLE = """{% load i18n %}<div class="table-wrap" tabindex="0" role="region" aria-label="{% if ended %}{% translate 'Pengecualian yang telah berakhir' %}{% else %}{% translate 'Daftar informasi yang dikecualikan' %}{% endif %}">
<table class="stack">
  <caption class="visually-hidden">{% if ended %}{% translate "Pengecualian yang telah berakhir" %}{% else %}{% translate "Daftar informasi yang dikecualikan" %}{% endif %}</caption>
  <thead>
    <tr>
      {% if show_body %}<th scope="col">{% translate "Badan publik" %}</th>{% endif %}
      <th scope="col">{% translate "Jenis informasi yang dikecualikan" %}</th>
      <th scope="col">{% translate "Dasar pengecualian" %}</th>
      <th scope="col">{% translate "Jangka waktu pengecualian" %}</th>
      <th scope="col">{% translate "Ditetapkan oleh" %}</th>
    </tr>
  </thead>
  <tbody>
    {{ written_rows }}
  </tbody>
</table>
</div>
"""


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.fixture
def entries(world: Any) -> list[Entry]:
    with time_machine.travel(dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC), tick=False):
        overdue = make_entry(
            world.pelaksana_a,
            world.agency_a,
            title="Laporan <keuangan> & \"anggaran\" '2024'",
            created_where="Palangka Raya",
            available_softcopy=True,
            available_hardcopy=True,
            summary=" ".join(f"kata{n}" for n in range(40)),
        )
    plain = make_entry(
        world.pelaksana_b,
        world.agency_b,
        category=Category.SETIAP_SAAT,
        number="",
        available_softcopy=False,
        available_hardcopy=True,
    )
    return [overdue, plain]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("show_body", ["1", ""])
def test_it_writes_the_matrix_rows_the_template_wrote(
    entries: list[Entry], language: str, show_body: str
) -> None:
    loaded = list(Entry.objects.filter(pk__in=[e.pk for e in entries]).select_related("body"))
    assert any(entry.is_update_overdue for entry in loaded)
    with translation.override(language):
        context = {"rows": loaded, "show_body": show_body, "links": _links(), "headers": _headers()}
        expected = Template(OLD_MATRIX_ROWS).render(Context(context))
        written = rows.matrix_rows(
            loaded, show_body=bool(show_body), links=context["links"], headers=context["headers"]
        )
    assert squeeze(written) == squeeze(expected)
    assert "&lt;keuangan&gt; &amp; &quot;anggaran&quot; &#x27;2024&#x27;" in written


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("ended", [True, False])
@pytest.mark.parametrize("with_links", [True, False])
def test_it_writes_the_dik_rows_the_template_wrote(
    world: Any, language: str, ended: bool, with_links: bool
) -> None:
    make_exemption(world.pelaksana_a, world.agency_a, title="Berkas <rahasia> & 'lain'")
    make_exemption(world.pelaksana_b, world.agency_b, ground="b")
    loaded = list(Exemption.objects.select_related("body").order_by("pk"))
    links = _links() if with_links else None
    with translation.override(language):
        for items in (loaded, []):
            context = {"exemptions": items, "show_body": True, "ended": ended, "links": links}
            expected = Template(OLD_DIK_ROWS).render(Context(context))
            written = rows.dik_rows(items, show_body=True, ended=ended, links=links)
            assert squeeze(written) == squeeze(expected)


def test_it_links_each_row_as_reverse_would(entries: list[Entry]) -> None:
    loaded = list(Entry.objects.filter(pk__in=[e.pk for e in entries]).select_related("body"))
    written = rows.matrix_rows(loaded, show_body=True, links=_links(), headers=_headers())
    for entry in loaded:
        assert f'href="{entry.get_absolute_url()}"' in written
    assert uuid.UUID(int=0).hex not in written


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_dip_page_writes_its_rows_as_from_the_entries(
    entries: list[Entry], client: Any, language: str
) -> None:
    """The DIP page reads its rows as plain values (a prepared query): the same markup as
    from the entries themselves, the update-overdue badge included."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = squeeze(client.get("/dip/").content.decode())
    for category in (Category.BERKALA, Category.SETIAP_SAAT):
        loaded = list(
            Entry.objects.published()
            .filter(category=category)
            .select_related("body")
            .order_by("body_id", "number", "id")[:25]
        )
        assert loaded
        with translation.override(language):
            written = rows.matrix_rows(loaded, show_body=True, links=_links(), headers=_headers())
        assert squeeze(written) in page
    assert 'class="badge badge-warn"' in page


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_dip_page_writes_its_dik_rows_as_from_the_exemptions(
    world: Any, client: Any, language: str
) -> None:
    make_exemption(world.pelaksana_a, world.agency_a, title="Berkas <rahasia> & 'lain'")
    make_exemption(world.pelaksana_b, world.agency_b, ground="b")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = squeeze(client.get("/dip/").content.decode())
    loaded = list(
        Exemption.objects.in_force().select_related("body").order_by("body_id", "period_end", "id")
    )
    assert len(loaded) == 2
    with translation.override(language):
        written = rows.dik_rows(loaded, show_body=True, ended=False, links=_links())
    assert squeeze(written) in page


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("show_body", [True, False])
def test_it_writes_the_matrix_table_the_template_wrote(
    entries: list[Entry], language: str, show_body: bool
) -> None:
    loaded = list(Entry.objects.filter(pk__in=[e.pk for e in entries]).select_related("body"))
    caption = Category.BERKALA.label
    with translation.override(language):
        links, headers = _links(), _headers()
        written_rows = rows.matrix_rows(loaded, show_body=show_body, links=links, headers=headers)
        context = {
            "caption": caption,
            "show_body": show_body,
            "columns": MATRIX_COLUMNS,
            "written_rows": written_rows,
        }
        expected = Template(OLD_MATRIX_TABLE).render(Context(context))
        written = rows.matrix_table(
            loaded, caption=caption, show_body=show_body, links=links, headers=headers
        )
    assert squeeze(written) == squeeze(expected)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("ended", [True, False])
@pytest.mark.parametrize("show_body", [True, False])
def test_it_writes_the_dik_table_the_template_wrote(
    world: Any, language: str, ended: bool, show_body: bool
) -> None:
    make_exemption(world.pelaksana_a, world.agency_a, title="Berkas <rahasia> & 'lain'")
    loaded = list(Exemption.objects.select_related("body").order_by("pk"))
    with translation.override(language):
        for items in (loaded, []):
            written_rows = rows.dik_rows(items, show_body=show_body, ended=ended, links=_links())
            context = {"show_body": show_body, "ended": ended, "written_rows": written_rows}
            expected = Template(OLD_DIK_TABLE).render(Context(context))
            written = rows.dik_table(items, show_body=show_body, ended=ended, links=_links())
            assert squeeze(written) == squeeze(expected)


def test_the_exempt_list_does_not_mark_exemptions_in_force_as_ended(
    world: Any, client: Any
) -> None:
    """The in-force table once took the page's list of ended exemptions for its ``ended``
    flag: with any exemption ended, every row in force was labelled ended."""
    make_exemption(world.pelaksana_a, world.agency_a, title="Berkas yang masih berlaku")
    with time_machine.travel(dt.datetime(2020, 1, 10, 9, tzinfo=dt.UTC), tick=False):
        make_exemption(
            world.pelaksana_b,
            world.agency_b,
            title="Berkas yang sudah berakhir",
            period_start=dt.date(2020, 1, 1),
            period_end=dt.date(2021, 1, 1),
        )
    page = squeeze(client.get("/dip/dikecualikan/").content.decode())
    in_force, ended = page.split('<h2 id="ended">')
    assert "Berkas yang masih berlaku" in in_force
    assert "Berakhir, tidak lagi berlaku" not in in_force
    assert "Berkas yang sudah berakhir" in ended
    assert "Berakhir, tidak lagi berlaku" in ended
