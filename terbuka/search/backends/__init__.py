"""The two full-text backends behind ``terbuka.search.index`` and ``terbuka.search.query``.

Each turns the same stems and filters into its database's SQL with the same meaning: every
query stem must occur (AND), whole stems only (no prefix match), the same filters, at most
``CANDIDATE_LIMIT`` candidates ranked. So a query finds the same set of documents on both;
only the order among equal ranks may differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection
from django.db.backends.utils import CursorWrapper

# Every kind of indexed object (a filter on all of them is no filter).
ALL_KINDS = ("dip", "request")

# Ranking is the cost, not matching (PITFALLS.md 3): rank at most this many matches.
CANDIDATE_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ("dip",)
    body_id: int | None = None
    category: str | None = None
    year: int | None = None
    # The stored forms a filter accepts (a "softcopy" filter accepts "both" too).
    forms: tuple[str, ...] = ()

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on the filter columns (named alike in both backends)."""
        clauses = ["kind IN (" + ", ".join(["%s"] * len(self.kinds)) + ")"]
        params: list[Any] = list(self.kinds)
        if self.body_id is not None:
            clauses.append("body_id = %s")
            params.append(self.body_id)
        if self.category:
            clauses.append("category = %s")
            params.append(self.category)
        if self.year is not None:
            clauses.append("year = %s")
            params.append(self.year)
        if self.forms:
            clauses.append("form IN (" + ", ".join(["%s"] * len(self.forms)) + ")")
            params.extend(self.forms)
        return clauses, params


@dataclass(frozen=True)
class Row:
    """What the full-text structure needs of a ``SearchDocument``."""

    id: int
    kind: str
    body_id: int
    category: str
    year: int | None
    form: str
    stemmed_title: str
    stemmed_text: str


class Backend(Protocol):
    def write(self, cursor: CursorWrapper, rows: Sequence[Row]) -> None: ...

    def remove(self, cursor: CursorWrapper, ids: Sequence[int]) -> None: ...

    def clear(self, cursor: CursorWrapper) -> None: ...

    def candidates(self, stems: Sequence[str], filters: Filters) -> tuple[str, list[Any]]:
        """SQL and parameters returning at most ``CANDIDATE_LIMIT`` matches (the rows
        ``rank`` takes)."""
        ...

    def rank(self, rows: Sequence[Sequence[Any]], stems: Sequence[str]) -> list[tuple[int, float]]:
        """(id, rank) of the candidate rows, best first (higher rank), ties newest first."""
        ...


def current() -> Backend:
    if connection.vendor == "postgresql":
        from terbuka.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from terbuka.search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()
