# ruff: noqa: E501 (the template as it was, line for line)
"""The officer inbox's rows written in Python (``requests/rows.py`` ``inbox_rows``, issue
14) are the markup the template's loop wrote, value for value, in both languages and for
every deadline state, status, channel, badge and missing value."""

from __future__ import annotations

import copy
import datetime as dt
import re
import uuid
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from terbuka.links import url_prefix
from terbuka.requests import access, actions, queries, rows
from terbuka.requests.models import Channel, InfoRequest, Status
from terbuka.testing import register_request, submit_request
from terbuka.workdays.counting import ON_TIME, OVERDUE, SOON, DeadlineState

# The loop of requests/inbox.html before rows.py: the oracle.
OLD_INBOX_ROWS = """{% load i18n %}
  {% translate 'Batas waktu' as t_due %}{% translate 'Nomor' as t_number %}{% translate 'Badan publik' as t_body %}{% translate 'Informasi' as t_subject %}{% translate 'Status' as t_status %}{% translate 'Saluran' as t_channel %}{% translate 'Penanggung jawab' as t_assigned %}{% translate "Lewat tenggat" as t_overdue %}{% translate "Dalam waktu" as t_on_time %}
  {% for item, deadline in rows %}
    <tr class="row-{{ deadline.state|default:'none' }}">
      <td data-label="{{ t_due }}">{% if item.due_date %}<time datetime="{{ item.due_date|date:'Y-m-d' }}">{{ item.due_date|date:"j M Y" }}</time>{% else %}—{% endif %} {% if deadline.state == "overdue" %}<span class="badge badge-danger">{{ t_overdue }}</span>{% elif deadline.state == "soon" %}<span class="badge badge-warn">{% blocktranslate with n=deadline.soon_within %}Tenggat ≤ {{ n }} hari kerja{% endblocktranslate %}</span>{% elif deadline.state == "on_time" %}<span class="badge badge-ok">{{ t_on_time }}</span>{% endif %}</td>
      <td data-label="{{ t_number }}"><a href="{{ detail_url.0 }}{{ item.public_id }}{{ detail_url.1 }}">{{ item.number|default:"—" }}</a></td>
      <td data-label="{{ t_body }}">{{ item.body.name }}</td>
      <td data-label="{{ t_subject }}">{{ item.subject|truncatechars:80 }}</td>
      <td data-label="{{ t_status }}"><span class="badge status-{{ item.status }}">{{ item.get_status_display }}</span>{% if item.reopened_until %} <span class="badge badge-warn">{% blocktranslate with until=item.reopened_until|date:"j M Y" %}dibuka kembali atas perintah Atasan PPID, sampai {{ until }}{% endblocktranslate %}</span>{% endif %}</td>
      <td data-label="{{ t_channel }}">{{ item.get_channel_display }}</td>
      <td data-label="{{ t_assigned }}">{% if item.assigned_to %}{{ item.assigned_to }}{% else %}—{% endif %}</td>
    </tr>
  {% endfor %}
"""


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _variants(world: Any) -> list[tuple[InfoRequest, DeadlineState | None]]:
    """Real requests as the inbox reads them, then every value a row can show."""
    subject = "Anggaran <kesehatan> & \"gizi\" 'balita' " + "rinci " * 20
    submit_request(world, subject=subject)
    submit_request(world, subject="Jadwal lelang é\u0301 (80 huruf pas) " + "x" * 45)
    walk_in = register_request(world, received_at=dt.datetime(2025, 3, 3, 2, tzinfo=dt.UTC))
    actions.assign(actor=world.utama, info_request=walk_in, officer=world.operator)
    listed = queries.inbox_order(access.officer_requests(world.utama))
    items = list(listed)
    assert len(items) == 3
    assert any(item.assigned_to for item in items)
    due = dt.date(2025, 6, 2)
    states: list[DeadlineState | None] = [
        None,
        DeadlineState(due=due, today=due, state=OVERDUE, working_days_left=-3),
        DeadlineState(due=due, today=due, state=SOON, working_days_left=1),
        DeadlineState(due=due, today=due, state=SOON, working_days_left=1, soon_within=1500),
        DeadlineState(due=due, today=due, state=ON_TIME, working_days_left=9),
    ]
    statuses = list(Status.values)
    channels = list(Channel.values)
    odd_body = copy.copy(items[0].body)
    odd_body.name = "Dinas <Kesehatan> & \"Gizi\" 'Anak'"
    pairs = []
    for n in range(max(len(states), len(statuses), len(channels)) * 2):
        item = copy.copy(items[n % len(items)])
        item.status = statuses[n % len(statuses)]
        item.channel = channels[n % len(channels)]
        if n % 4 == 1:
            item.reopened_until = dt.date(2025, 12, 31)
        if n % 5 == 2:
            item.number = None
        if n % 7 == 3:
            item.due_date = None
        if n % 3 == 2:
            item.body = odd_body
        pairs.append((item, states[n % len(states)]))
    return pairs


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_writes_the_rows_the_template_wrote(world: Any, language: str) -> None:
    pairs = _variants(world)
    detail_url = url_prefix("requests:officer_detail", public_id=uuid.UUID(int=0))
    with translation.override(language):
        expected = Template(OLD_INBOX_ROWS).render(
            Context({"rows": pairs, "detail_url": detail_url})
        )
        written = rows.inbox_rows(pairs, detail_url)
    assert squeeze(written) == squeeze(expected)
    assert "&lt;kesehatan&gt; &amp; &quot;gizi&quot; &#x27;balita&#x27;" in written
    assert "Dinas &lt;Kesehatan&gt; &amp; &quot;Gizi&quot; &#x27;Anak&#x27;" in written
    for state in ("none", "overdue", "soon", "on_time"):
        assert f'class="row-{state}"' in written
    assert "1500" in written  # as the engine localises a number (no separator here)
    for item, _deadline in pairs:
        link = reverse("requests:officer_detail", kwargs={"public_id": item.public_id})
        assert f'href="{link}"' in written


def test_the_inbox_page_shows_the_rows_as_written(world: Any, client: Any) -> None:
    """The page puts the written rows in its table, for an officer in either language."""
    submit_request(world, subject="Data <gizi> balita")
    client.force_login(world.utama)
    html = client.get("/permohonan/petugas/").content.decode()
    assert "Data &lt;gizi&gt; balita" in html
    assert html.count('<tr class="row-') == 1
    assert '<td data-label="Batas waktu">' in html


def _tables(client: Any, first_url: str) -> list[str]:
    """The rows of each page of the inbox from ``first_url``, following "Berikutnya"."""
    pages = []
    url = first_url
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        pages.append(squeeze(html[html.index("<tbody>") : html.index("</tbody>")]))
        next_page = response.context["next_page"]
        url = f"/permohonan/petugas/?{next_page}" if next_page else ""
    return pages


def test_the_unfiltered_pages_read_as_the_filtered_pages_do(world: Any, client: Any) -> None:
    """An officer's unfiltered inbox is a query compiled once per process, read as plain
    values (``queries.prepared_inbox_page``): its pages show, row for row, what the
    queryset path shows for the same requests (``?status=`` filters nothing away), for a
    handler, a PPID Pelaksana with a forwarded request and an operator."""
    import time_machine

    from terbuka.testing import forward_to_a

    start = dt.datetime(2025, 6, 2, 2, tzinfo=dt.UTC)
    made = []
    for n in range(28):
        with time_machine.travel(start + dt.timedelta(days=n % 9, hours=n), tick=False):
            body = world.agency_b if n % 4 == 0 else world.agency_a
            made.append(submit_request(world, body=body, subject=f"Permintaan <{n}> & data"))
    forward_to_a(world, made[0])
    actions.assign(actor=world.utama, info_request=made[5], officer=world.operator)
    with time_machine.travel(start + dt.timedelta(days=19), tick=False):
        for officer in (world.utama, world.pelaksana_a, world.operator):
            client.force_login(officer)
            plain = _tables(client, "/permohonan/petugas/")
            filtered = _tables(client, "/permohonan/petugas/?status=")
            assert plain == filtered
            assert sum(page.count("<tr ") for page in plain) > 0
        client.force_login(world.utama)
        pages = _tables(client, "/permohonan/petugas/")
    assert len(pages) == 2
    assert sum(page.count("<tr ") for page in pages) == len(made)
    for state in ("overdue", "soon", "on_time"):
        assert any(f"row-{state}" in page for page in pages), state
