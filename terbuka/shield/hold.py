"""Holding a document until the shield has looked at it: the steps shared by a DIP
document version (``catalog/shielding.py``) and a request file (``requests/shielding.py``).

Each app's task reads its own file and calls ``record_scan``; each app's action checks
who may decide and calls ``confirm``. Both work on a ``Shielded`` row the caller has
locked (``select_for_update``) inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka import ocr
from terbuka.shield import scanner
from terbuka.shield.state import CONFIRMABLE_STATES, Shielded, ShieldState


class NotHeld(Exception):
    """The document is not held (not scanned yet, or already public)."""


def failed(reason: str) -> dict[str, Any]:
    """The fields of a scan that could not read the document, with the reason."""
    return {"shield_state": ShieldState.FAILED, "shield_findings": [], "shield_note": reason}


def scan(
    data: bytes,
    content_type: str,
    *,
    read_text: Callable[[], str] | None = None,
    contacts: Iterable[str] = (),
) -> dict[str, Any]:
    """The fields a scan sets: held with its findings, clear, or failed with the reason.
    ``contacts``: the body's own phone numbers and e-mail addresses (not findings)."""
    try:
        result = scanner.scan(
            data,
            content_type,
            read_text=read_text,
            known=scanner.public_contacts(*contacts),
        )
    except (scanner.Unreadable, ocr.OcrInterrupted, ocr.OcrUnreadable) as error:
        return failed(str(error))
    return {
        "shield_state": ShieldState.HELD if result.findings else ShieldState.CLEAR,
        "shield_findings": [finding.as_dict() for finding in result.findings],
        "shield_note": "",
    }


def scan_stored(
    name: str,
    content_type: str,
    *,
    read_text: Callable[[bytes], str],
    contacts: Iterable[str] = (),
    decode: Callable[[bytes], bytes] = lambda data: data,
) -> dict[str, Any]:
    """``scan`` of a stored file (``decode``: e.g. decrypt it); a file that cannot be read
    is a failed scan. ``read_text(data)`` gives the document's text layer; it raises
    ``scanner.Unreadable`` for a document it cannot open."""
    try:
        with default_storage.open(name, "rb") as handle:
            data = decode(handle.read())
    except OSError as error:
        return failed(str(error) or type(error).__name__)
    return scan(data, content_type, read_text=lambda: read_text(data), contacts=contacts)


def scan_each(ids: Iterable[int], run_scan: Callable[[int], str]) -> dict[str, int]:
    """Scan the documents not scanned yet, inline (after an upgrade, and in the demo):
    how many came out in each state."""
    outcomes: dict[str, int] = {}
    for key in ids:
        outcome = run_scan(key)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def record_scan(obj: Shielded, fields: dict[str, Any]) -> list[str]:
    """Store a scan's outcome on ``obj`` (locked); returns the fields to save."""
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.shield_checked_at = timezone.now()
    return [*fields, "shield_checked_at"]


def confirm(obj: Shielded, *, actor: Any, reason: str) -> list[str]:
    """An officer lets a held document out, with a reason (``obj`` locked); returns the
    fields to save."""
    reason = reason.strip()
    if obj.shield_state not in CONFIRMABLE_STATES:
        raise NotHeld(_("Dokumen ini tidak sedang ditahan."))
    if not reason:
        raise NotHeld(_("Tuliskan alasan dokumen ini boleh diterbitkan."))
    obj.shield_state = ShieldState.CONFIRMED
    obj.shield_note = reason
    obj.shield_decided_by = actor
    obj.shield_decided_at = timezone.now()
    return ["shield_state", "shield_note", "shield_decided_by", "shield_decided_at"]


def summary(findings: list[dict[str, Any]]) -> dict[str, int]:
    """How many findings of each kind (for the audit record: never the excerpts)."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding["kind"]] = counts.get(finding["kind"], 0) + 1
    return counts


def rows(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings as an officer reads them: what, where, the masked excerpt."""
    from terbuka.shield.patterns import label

    return [
        {
            "label": label(finding["kind"]),
            "page": finding.get("page"),
            "excerpt": finding["excerpt"],
        }
        for finding in findings
    ]
