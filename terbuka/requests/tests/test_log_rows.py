# ruff: noqa: E501 (the template as it was, line for line)
"""The public log's entries written in Python (``requests/rows.py``, issue 14) are the
markup the template wrote, value for value, in both languages and for every timing."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from terbuka.links import url_prefix
from terbuka.requests import queries, rows
from terbuka.requests.queries import Timing
from terbuka.testing import answer_request, submit_request

# The loop of requests/log.html before rows.py: the oracle.
OLD_LOG_ROWS = """{% load i18n %}
{% translate "Badan publik" as t_body %}{% translate "Diterima" as t_received %}{% translate "Dijawab" as t_answered %}{% translate "Keputusan" as t_outcome %}{% translate "Terlambat" as t_late %}
{% for item, timing in rows %}
  <li class="card">
    <h2 class="log-title"><a href="{{ detail_url.0 }}{{ item.public_id }}{{ detail_url.1 }}">{{ item.subject|truncatechars:140 }}</a></h2>
    <dl class="meta">
      <dt>{{ t_body }}</dt><dd>{{ item.body.name }}</dd>
      <dt>{{ t_received }}</dt><dd>{{ item.received_at|date:"j M Y" }}</dd>
      <dt>{{ t_answered }}</dt><dd>{{ item.answered_at|date:"j M Y" }}{% if timing.working_days_taken is not None %} ({% blocktranslate count n=timing.working_days_taken %}{{ n }} hari kerja{% plural %}{{ n }} hari kerja{% endblocktranslate %}){% endif %}{% if timing.late %} <strong class="badge badge-danger">{% if timing.working_days_late %}{% blocktranslate count n=timing.working_days_late %}Terlambat {{ n }} hari kerja{% plural %}Terlambat {{ n }} hari kerja{% endblocktranslate %}{% else %}{{ t_late }}{% endif %}</strong>{% endif %}</dd>
      <dt>{{ t_outcome }}</dt><dd>{{ item.notice.get_outcome_display }}</dd>
    </dl>
  </li>
{% endfor %}
"""

TIMINGS = [
    Timing(working_days_taken=1, late=False, working_days_late=None),
    Timing(working_days_taken=7, late=False, working_days_late=None),
    Timing(working_days_taken=14, late=True, working_days_late=1),
    Timing(working_days_taken=20, late=True, working_days_late=4),
    Timing(working_days_taken=11, late=True, working_days_late=0),
    Timing(working_days_taken=None, late=False, working_days_late=None),
]


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_writes_the_entries_the_template_wrote(world: Any, language: str) -> None:
    subject = "Anggaran <kesehatan> & \"gizi\" 'balita' " + "rinci " * 40
    answer_request(world, submit_request(world, subject=subject, publish_allowed=True))
    answer_request(world, submit_request(world, subject="Jadwal lelang", publish_allowed=True))
    items = list(queries.public_log())
    assert len(items) == 2
    pairs = [(items[n % 2], timing) for n, timing in enumerate(TIMINGS)]
    detail_url = url_prefix("requests:log_detail", public_id=uuid.UUID(int=0))
    with translation.override(language):
        context = {"rows": pairs, "detail_url": detail_url}
        expected = Template(OLD_LOG_ROWS).render(Context(context))
        written = rows.log_rows(pairs, detail_url)
    assert squeeze(written) == squeeze(expected)
    assert "&lt;kesehatan&gt; &amp; &quot;gizi&quot; &#x27;balita&#x27;" in written
    assert written.count("badge-danger") == 3
    for item in items:
        link = reverse("requests:log_detail", kwargs={"public_id": item.public_id})
        assert f'href="{link}"' in written


def test_the_first_page_reads_as_the_filtered_pages_do(world: Any, client: Any) -> None:
    """The log's unfiltered first page is a query compiled once per process, read as plain
    values: its entries (bodies, dates, timings on each PPID body's calendar, late
    badges) are those the queryset path shows for the same requests."""
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC), tick=False):
        late = submit_request(world, subject="Permohonan lambat", publish_allowed=True)
        quick = submit_request(world, subject="Permohonan cepat", publish_allowed=True)
    with time_machine.travel(dt.datetime(2025, 3, 4, 9, tzinfo=dt.UTC), tick=False):
        answer_request(world, quick)
    with time_machine.travel(dt.datetime(2025, 4, 15, 9, tzinfo=dt.UTC), tick=False):
        answer_request(world, late)
    first = squeeze(client.get("/permohonan/").content.decode())
    filtered = squeeze(client.get("/permohonan/?q=Permohonan").content.decode())

    def entries(page: str) -> str:
        return page[page.index('<ol class="log-list">') : page.index("</ol>")]

    assert entries(first) == entries(filtered)
    assert "Permohonan lambat" in first and "Permohonan cepat" in first
    assert "badge-danger" in entries(first)
