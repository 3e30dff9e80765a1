"""Registration numbers (nomor registrasi), UU 14/2008 Pasal 22(4)–(5).

A number is given at receipt: a yearly sequence per PPID body, rendered in the body's own
format (``ServiceSettings.number_format``), by default ``0042/PPID-DISKOMINFOSANTIK/XI/2025``.
The sequence row is locked with ``select_for_update`` inside the submitting transaction, so
concurrent submissions queue on it (PostgreSQL) or are serialised by IMMEDIATE transactions
(SQLite, PITFALLS.md 1–2), and a rolled-back submission gives its number back: gapless.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from terbuka.bodies.models import Body
from terbuka.requests.models import NumberSequence, ServiceSettings

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class Number:
    text: str
    year: int
    seq: int


def service_settings(body: Body) -> ServiceSettings:
    """The body's settings, or the defaults (unsaved) when none were stored."""
    found = ServiceSettings.objects.filter(body=body).first()
    return found if found is not None else ServiceSettings(body=body)


def format_number(
    *,
    settings: ServiceSettings,
    body: Body,
    seq: int,
    local_day: dt.date,
    number_format: str | None = None,
) -> str:
    return (number_format or settings.number_format).format(
        seq=seq,
        code=settings.number_code or body.code,
        month=local_day.month,
        month_roman=ROMAN_MONTHS[local_day.month - 1],
        year=local_day.year,
    )


def _locked_sequence(model: type[Any], body: Body, year: int) -> Any:
    sequences = model.objects.select_for_update()
    try:
        return sequences.get(body=body, year=year)
    except model.DoesNotExist:
        pass
    try:
        # A savepoint: when another transaction created the row first, only this insert
        # rolls back, and we then wait for that row's lock like everyone else.
        with transaction.atomic():
            return model.objects.create(body=body, year=year, last=0)
    except IntegrityError:
        return sequences.get(body=body, year=year)


def take_number(
    ppid_body: Body,
    received_at: dt.datetime,
    *,
    sequence_model: type[Any] = NumberSequence,
    number_format: str | None = None,
) -> Number:
    """The next number of ``ppid_body`` for the year of ``received_at`` (in the body's time
    zone). Must run inside the transaction that saves the request.

    Objections are numbered the same way with their own counter and format
    (``sequence_model``, ``number_format``): one rule for gapless numbers."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the submitting transaction")
    local_day = received_at.astimezone(ppid_body.tzinfo).date()
    sequence = _locked_sequence(sequence_model, ppid_body, local_day.year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    text = format_number(
        settings=service_settings(ppid_body),
        body=ppid_body,
        seq=sequence.last,
        local_day=local_day,
        number_format=number_format,
    )
    return Number(text=text, year=local_day.year, seq=sequence.last)
