"""A date as the templates' ``{{ value|date:"j M Y" }}`` shows it, for lists written in
Python (``catalog/rows.py``, ``requests/rows.py``, ``search/rows.py``; issue 14).

A list shows a few dozen dates, mostly the same few days, and each went through Django's
date formatting (translated month names, the format's parser): formatted once per day,
format and language here, and kept for the process.
"""

from __future__ import annotations

import datetime as dt
import threading
from html import escape
from typing import Any

from django.template.defaultfilters import date
from django.utils import timezone, translation

# (day, format, language) -> the escaped text; cleared when full.
_DAYS: dict[tuple[dt.date, str, str | None], str] = {}
_DAYS_MAX = 4096
_lock = threading.Lock()


def day(value: Any, fmt: str = "j M Y") -> str:
    """``{{ value|date:fmt }}`` for a format of the day only (``j``, ``M``, ``F``, ``Y`` …):
    a moment in the current time zone as the template engine converts it; escaped."""
    if value in (None, ""):
        return ""
    local = timezone.template_localtime(value)  # type: ignore[attr-defined]
    if isinstance(local, dt.datetime):
        local = local.date()
    key = (local, fmt, translation.get_language())
    found = _DAYS.get(key)
    if found is None:
        found = escape(str(date(local, fmt)))
        with _lock:
            if len(_DAYS) >= _DAYS_MAX:
                _DAYS.clear()
            _DAYS[key] = found
    return found
