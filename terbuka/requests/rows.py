"""The entries of the public request log (``/permohonan/``) as HTML, written in Python
(issue 14), as ``catalog/rows.py`` writes the DIP's rows.

Through the template engine the log's 25 entries were most of the page's CPU time (each a
dozen lookups, two dates and up to two plural translations). ``log_rows`` writes the
markup ``requests/log.html`` wrote, every value escaped as the engine escapes it; the
list around the entries stays in the template. ``requests/tests/test_log_rows.py`` checks
it against the old loop in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from terbuka.dayformat import day
from terbuka.requests.models import InfoRequest

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
        subject = _text(Truncator(str(item.subject)).chars(SUBJECT_CHARS))
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
