"""The entries of the public request log (``/permohonan/``) as HTML, written in Python
(issue 14), as ``catalog/rows.py`` writes the DIP's rows.

Through the template engine the log's 25 entries were most of the page's CPU time (each a
dozen lookups, two dates and up to two plural translations). ``log_rows`` writes the
markup ``requests/log.html`` wrote, every value escaped as the engine escapes it; the
list around the entries stays in the template. ``requests/tests/test_log_rows.py`` checks
it against the old loop in both languages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from html import escape
from typing import Any

from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from terbuka.dayformat import day
from terbuka.escaping import text
from terbuka.requests.models import Channel, InfoRequest, Status
from terbuka.workdays.counting import ON_TIME, OVERDUE, SOON, DeadlineState

SUBJECT_CHARS = 140


def _text(value: object) -> str:
    return escape(str(value))


# (text, n, language) -> the counted text: a page shows the same few counts.
_COUNTS: dict[tuple[str, int, str | None], str] = {}
_COUNTS_MAX = 1024


def _count(singular: str, plural: str, n: int) -> str:
    """``{% blocktranslate count n=… %}``: the translated text with ``n`` as the engine
    shows a number."""
    key = (singular, n, translation.get_language())
    found = _COUNTS.get(key)
    if found is None:
        found = ngettext(singular, plural, n) % {"n": _text(formats.localize(n))}
        if len(_COUNTS) >= _COUNTS_MAX:
            _COUNTS.clear()
        _COUNTS[key] = found
    return found


def _chars(value: object, length: int) -> str:
    """``{{ value|truncatechars:length }}`` before escaping: a text that fits (nearly every
    subject) is what Django's ``Truncator`` gives for it (the text, NFC-normalised)
    without its walk over each character."""
    written = unicodedata.normalize("NFC", str(value))
    if len(written) <= length:
        return written
    return Truncator(written).chars(length)


def log_rows(rows: Iterable[tuple[InfoRequest, Any]], detail_url: tuple[str, str]) -> SafeString:
    """The ``<li>`` of each (request, ``queries.timing``) pair of the log."""
    t_body = _text(gettext("Badan publik"))
    t_received = _text(gettext("Diterima"))
    t_answered = _text(gettext("Dijawab"))
    t_outcome = _text(gettext("Keputusan"))
    t_late = _text(gettext("Terlambat"))
    before, after = detail_url
    pieces = []
    for item, timing in rows:
        href = _text(f"{before}{item.public_id}{after}")
        subject = _text(_chars(item.subject, SUBJECT_CHARS))
        answered = day(item.answered_at)
        if timing.working_days_taken is not None:
            taken = _count("%(n)s hari kerja", "%(n)s hari kerja", timing.working_days_taken)
            answered += f" ({taken})"
        if timing.late:
            if timing.working_days_late:
                late = _count(
                    "Terlambat %(n)s hari kerja",
                    "Terlambat %(n)s hari kerja",
                    timing.working_days_late,
                )
            else:
                late = t_late
            answered += f' <strong class="badge badge-danger">{late}</strong>'
        notice = getattr(item, "notice", None)
        outcome = _text(notice.get_outcome_display()) if notice is not None else ""
        pieces.append(
            '  <li class="card">\n'
            f'    <h2 class="log-title"><a href="{href}">{subject}</a></h2>\n'
            '    <dl class="meta">\n'
            f"      <dt>{t_body}</dt><dd>{_text(item.body.name)}</dd>\n"
            f"      <dt>{t_received}</dt><dd>{day(item.received_at)}</dd>\n"
            f"      <dt>{t_answered}</dt><dd>{answered}</dd>\n"
            f"      <dt>{t_outcome}</dt><dd>{outcome}</dd>\n"
            "    </dl>\n"
            "  </li>\n"
        )
    return mark_safe("".join(pieces))  # noqa: S308 (every value is escaped above)


# --- The officer inbox ------------------------------------------------------------------

INBOX_SUBJECT_CHARS = 80


def _labels(choices: Iterable[tuple[str, object]]) -> dict[str, str]:
    """``get_FOO_display`` for a list: each choice's label translated and escaped once
    (through the model a row's two labels cost more than the rest of the row)."""
    return {value: text(label) for value, label in choices}


def inbox_rows(
    rows: Iterable[tuple[InfoRequest, DeadlineState | None]], detail_url: tuple[str, str]
) -> SafeString:
    """The ``<tr>`` of each (request, ``deadlines.Windows.state``) pair of the officer
    inbox (``requests/inbox.html``), as the template's loop wrote them: labels translated
    once per list, dates through ``dayformat``, every value escaped as the engine does."""
    t_due = text(gettext("Batas waktu"))
    t_number = text(gettext("Nomor"))
    t_body = text(gettext("Badan publik"))
    t_subject = text(gettext("Informasi"))
    t_status = text(gettext("Status"))
    t_channel = text(gettext("Saluran"))
    t_assigned = text(gettext("Penanggung jawab"))
    badges = {
        OVERDUE: f'<span class="badge badge-danger">{text(gettext("Lewat tenggat"))}</span>',
        ON_TIME: f'<span class="badge badge-ok">{text(gettext("Dalam waktu"))}</span>',
    }
    statuses = _labels(Status.choices)
    channels = _labels(Channel.choices)
    before, after = (text(part) for part in detail_url)
    dues: dict[object, str] = {}  # a page shows a few due dates
    pieces = []
    for item, deadline in rows:
        state = deadline.state if deadline is not None else ""
        due = dues.get(item.due_date)
        if due is None:
            if item.due_date:
                due = f'<time datetime="{day(item.due_date, "Y-m-d")}">{day(item.due_date)}</time>'
            else:
                due = "—"
            dues[item.due_date] = due
        if state == SOON:
            assert deadline is not None
            soon = gettext("Tenggat ≤ %(n)s hari kerja") % {
                "n": text(formats.localize(deadline.soon_within))
            }
            badge = f'<span class="badge badge-warn">{soon}</span>'
        else:
            badge = badges.get(state, "")
        status = text(item.status)
        shown = statuses.get(item.status)
        if shown is None:
            shown = status
        shown = f'<span class="badge status-{status}">{shown}</span>'
        if item.reopened_until:
            reopened = gettext("dibuka kembali atas perintah Atasan PPID, sampai %(until)s") % {
                "until": day(item.reopened_until)
            }
            shown += f' <span class="badge badge-warn">{reopened}</span>'
        channel = channels.get(item.channel)
        if channel is None:
            channel = text(item.channel)
        assigned = text(item.assigned_to) if item.assigned_to else "—"
        pieces.append(
            f'    <tr class="row-{text(state or "none")}">\n'
            f'      <td data-label="{t_due}">{due} {badge}</td>\n'
            f'      <td data-label="{t_number}"><a href="{before}{item.public_id}{after}">'
            f"{text(item.number or '—')}</a></td>\n"
            f'      <td data-label="{t_body}">{text(item.body.name)}</td>\n'
            f'      <td data-label="{t_subject}">'
            f"{text(_chars(item.subject, INBOX_SUBJECT_CHARS))}</td>\n"
            f'      <td data-label="{t_status}">{shown}</td>\n'
            f'      <td data-label="{t_channel}">{channel}</td>\n'
            f'      <td data-label="{t_assigned}">{assigned}</td>\n'
            "    </tr>\n"
        )
    return mark_safe("".join(pieces))  # noqa: S308 (every value is escaped above)
