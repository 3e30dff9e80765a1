"""What higher apps tell requests about its files (README, "floors": requests may not
import them, so they register here in their ``AppConfig.ready``).

terbuka.redaction registers both:

- ``on_redaction_summary``: the lines the written notice gives for the released files
  that were blacked out, with their Pasal 17 grounds (UU 14/2008 Pasal 22(7)e);
- ``on_release_check``: a refusal (an ``ActionError``) when a chosen file must not be
  released, e.g. the original of a file that was blacked out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from terbuka.requests.models import RequestFile

RedactionSummary = Callable[[Sequence["RequestFile"]], list[str]]
ReleaseCheck = Callable[[Sequence["RequestFile"]], None]

_summaries: list[RedactionSummary] = []
_release_checks: list[ReleaseCheck] = []


def on_redaction_summary(callback: RedactionSummary) -> RedactionSummary:
    """Register ``callback`` (once): released files → lines for the notice."""
    if callback not in _summaries:
        _summaries.append(callback)
    return callback


def redaction_lines(released: Sequence[RequestFile]) -> list[str]:
    return [line for callback in _summaries for line in callback(released)]


def on_release_check(callback: ReleaseCheck) -> ReleaseCheck:
    """Register ``callback`` (once): it raises ``ActionError`` to refuse a release."""
    if callback not in _release_checks:
        _release_checks.append(callback)
    return callback


def check_release(chosen: Sequence[RequestFile]) -> None:
    for callback in _release_checks:
        callback(chosen)
