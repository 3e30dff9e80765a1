"""What the two full-text backends share: filters, rows, facet tokens and the protocol.

Each backend (``sqlite``, ``postgres``) turns the same stems and filters into its
database's SQL with the same meaning: every query stem must occur (AND), whole stems only
(no prefix match), the same filters, at most ``CANDIDATE_LIMIT`` candidates ranked. So a
query finds the same set of documents on both; only the order among equal ranks may
differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.backends.utils import CursorWrapper

from terbuka.search import registry

# Ranking is the cost, not matching (PITFALLS.md 3): rank at most this many matches.
CANDIDATE_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    # The kinds of source to search; none given (or all registered ones) means every kind.
    kinds: tuple[str, ...] = ()
    body_id: int | None = None
    category: str | None = None
    year: int | None = None
    # The stored forms a filter accepts (a "softcopy" filter accepts "both" too).
    forms: tuple[str, ...] = ()

    def facet_groups(self) -> list[list[str]]:
        """The filters as facet tokens (see ``facet_tokens``): a document must hold one
        token of every group."""
        groups: list[list[str]] = []
        # A filter on every registered kind is no filter.
        if self.kinds and not set(registry.kinds()) <= set(self.kinds):
            groups.append([f"kind{kind}" for kind in self.kinds])
        if self.body_id is not None:
            groups.append([f"body{self.body_id}"])
        if self.category:
            groups.append(["cat" + self.category.replace("_", "")])
        if self.year is not None:
            groups.append([f"year{self.year}"])
        if self.forms:
            groups.append([f"form{form}" for form in self.forms])
        return groups


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


def facet_tokens(row: Row) -> str:
    """A document's filter values as tokens of letters and digits, indexed beside its
    words (``kinddip body12 catberkala year2024 formboth``): both databases then intersect
    a word's and a filter's lists inside the full-text index instead of checking each
    matching row (PITFALLS.md 3). Migrations 0003 (SQLite) and 0004 (PostgreSQL) build the
    same tokens in SQL."""
    tokens = [f"kind{row.kind}", f"body{row.body_id}"]
    if row.category:
        tokens.append("cat" + row.category.replace("_", ""))
    if row.year is not None:
        tokens.append(f"year{row.year}")
    if row.form:
        tokens.append(f"form{row.form}")
    return " ".join(tokens)


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
