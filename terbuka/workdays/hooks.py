"""Who must hear about a calendar change.

DOMAIN.md "Working days": a change to the calendar recomputes the deadlines of open cases.
The calendar app does not know those cases, so apps that hold deadlines register a
callback in their ``AppConfig.ready``::

    from terbuka.workdays.hooks import on_calendar_change

    on_calendar_change(recompute_open_deadlines)

Every calendar action calls ``calendar_changed`` inside its own transaction, so a callback
that fails rolls the calendar change back too: a calendar and deadlines that disagree are
never committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from terbuka.bodies.models import Body


class CalendarCallback(Protocol):
    # Whatever a callback returns (e.g. how many deadlines moved) is ignored.
    def __call__(
        self, *, actor: Any, dates: Collection[dt.date] | None, body: Body | None
    ) -> object: ...


_callbacks: list[CalendarCallback] = []


def on_calendar_change(callback: CalendarCallback) -> CalendarCallback:
    """Register ``callback`` (once; registering it again does nothing). Usable as a
    decorator."""
    if callback not in _callbacks:
        _callbacks.append(callback)
    return callback


def disconnect(callback: CalendarCallback) -> None:
    """Unregister ``callback`` (for tests); unknown callbacks are ignored."""
    if callback in _callbacks:
        _callbacks.remove(callback)


def calendar_changed(*, actor: Any, dates: Collection[dt.date] | None, body: Body | None) -> None:
    """Tell every registered callback that the calendar changed.

    ``dates`` are the dates whose status may have changed; ``None`` means any date (the
    cuti bersama switch). ``body`` is the body whose own calendar changed (its descendants
    are affected too), or ``None`` when the change applies to every body.
    """
    for callback in list(_callbacks):
        callback(actor=actor, dates=dates, body=body)
