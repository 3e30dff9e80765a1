"""Hashing and verifying the audit chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from terbuka.audit.models import GENESIS_HASH, AuditRecord


def content_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and a canonical JSON of the row's content."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def row_fields(record: AuditRecord) -> dict[str, Any]:
    return {
        "seq": record.seq,
        "at": record.at.isoformat(timespec="microseconds"),
        "actor_id": record.actor_id,
        "actor_label": record.actor_label,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "summary": record.summary,
        "detail": record.detail,
        "ip_address": record.ip_address,
    }


@dataclass(frozen=True)
class Problem:
    seq: int
    reason: str


@dataclass(frozen=True)
class Report:
    checked: int
    head_hash: str
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(records: Iterable[AuditRecord] | None = None) -> Report:
    """Walk the chain in ``seq`` order and report the first row that does not fit."""
    if records is None:
        records = AuditRecord.objects.order_by("seq").iterator(chunk_size=2000)
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for record in records:
        if record.seq != expected_seq:
            reason = (
                f"rows missing before #{record.seq} (expected #{expected_seq})"
                if record.seq > expected_seq
                else f"row #{record.seq} out of order (expected #{expected_seq})"
            )
            return Report(checked, expected_prev, Problem(record.seq, reason))
        if record.prev_hash != expected_prev:
            return Report(
                checked,
                expected_prev,
                Problem(record.seq, "previous-hash link broken: a row was inserted or removed"),
            )
        if content_hash(record.prev_hash, row_fields(record)) != record.row_hash:
            return Report(checked, expected_prev, Problem(record.seq, "content altered"))
        expected_prev = record.row_hash
        expected_seq += 1
        checked += 1
    return Report(checked, expected_prev, None)
