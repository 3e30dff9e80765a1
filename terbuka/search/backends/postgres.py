"""PostgreSQL: a stored generated ``tsvector`` column ``search_vector`` with a GIN index
(see migration 0002). It follows ``stemmed_title``/``stemmed_text`` by itself, so writes
need nothing here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from terbuka.search.backends.base import CANDIDATE_LIMIT, Filters, Row

# The inner LIMIT caps the candidates before ts_rank_cd reads their vectors (PITFALLS.md 3);
# ts_rank_cd's default weights rank an A (title) match above a B (text) one; equal ranks
# newest first, as on SQLite. The match query holds the filters as facet lexemes (weight
# D, see migration 0004): GIN intersects them with the words' posting lists. As ordinary
# columns, a common word with a body filter made PostgreSQL build a bitmap of the word's
# 426,000 rows before AND-ing it with the body's 2,500 (190 ms at 1M entries).
CANDIDATES_SQL = (
    "SELECT id, ts_rank_cd(search_vector, to_tsquery('simple', %s)) AS rank FROM ("
    " SELECT id, search_vector FROM search_searchdocument"
    " WHERE search_vector @@ to_tsquery('simple', %s) LIMIT {limit}"
    ") AS candidates ORDER BY rank DESC, id DESC"
)


def _lexeme(term: str, weights: str) -> str:
    return "'" + term.replace("'", "''") + "':" + weights


def tsquery(stems: Sequence[str], filters: Filters | None = None) -> str:
    """A ``to_tsquery`` string: every stem a quoted lexeme of the title or text (weights
    A and B, so a typed word never matches a facet), joined by ``&``, then one facet
    lexeme (weight D) of every filter group. Stems hold only letters and digits; doubling
    quotes keeps that safe regardless."""
    parts = [_lexeme(stem, "AB") for stem in stems]
    if filters is not None:
        for group in filters.facet_groups():
            parts.append("(" + " | ".join(_lexeme(token, "D") for token in group) + ")")
    return " & ".join(parts)


class PostgresBackend:
    def write(self, cursor: CursorWrapper, rows: Sequence[Row]) -> None:
        return None

    def remove(self, cursor: CursorWrapper, ids: Sequence[int]) -> None:
        return None

    def clear(self, cursor: CursorWrapper) -> None:
        return None

    def candidates(self, stems: Sequence[str], filters: Filters) -> tuple[str, list[Any]]:
        sql = CANDIDATES_SQL.format(limit=CANDIDATE_LIMIT)
        return sql, [tsquery(stems), tsquery(stems, filters)]

    def rank(self, rows: Sequence[Sequence[Any]], stems: Sequence[str]) -> list[tuple[int, float]]:
        return [(int(row[0]), float(row[1])) for row in rows]  # ranked by the SQL
