"""PostgreSQL: a stored generated ``tsvector`` column ``search_vector`` with a GIN index
(see migration 0002). It follows ``stemmed_title``/``stemmed_text`` by itself, so writes
need nothing here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from terbuka.search.backends import CANDIDATE_LIMIT, Filters, Row

# The inner LIMIT caps the candidates before ts_rank_cd reads their vectors (PITFALLS.md 3);
# ts_rank_cd's default weights rank an A (title) match above a B (text) one; equal ranks
# newest first, as on SQLite.
CANDIDATES_SQL = (
    "SELECT id, ts_rank_cd(search_vector, to_tsquery('simple', %s)) AS rank FROM ("
    " SELECT id, search_vector FROM search_searchdocument"
    " WHERE search_vector @@ to_tsquery('simple', %s) AND {where} LIMIT {limit}"
    ") AS candidates ORDER BY rank DESC, id DESC"
)


def tsquery(stems: Sequence[str]) -> str:
    """A ``to_tsquery`` string: every stem a quoted lexeme, joined by ``&``. Stems hold only
    letters and digits; doubling quotes keeps that safe regardless."""
    return " & ".join("'" + stem.replace("'", "''") + "'" for stem in stems)


class PostgresBackend:
    def write(self, cursor: CursorWrapper, rows: Sequence[Row]) -> None:
        return None

    def remove(self, cursor: CursorWrapper, ids: Sequence[int]) -> None:
        return None

    def clear(self, cursor: CursorWrapper) -> None:
        return None

    def candidates(self, stems: Sequence[str], filters: Filters) -> tuple[str, list[Any]]:
        clauses, params = filters.where()
        # Only placeholders and constants are put into the SQL text; values go as params.
        sql = CANDIDATES_SQL.format(where=" AND ".join(clauses), limit=CANDIDATE_LIMIT)
        query = tsquery(stems)
        return sql, [query, query, *params]

    def rank(self, rows: Sequence[Sequence[Any]], stems: Sequence[str]) -> list[tuple[int, float]]:
        return [(int(row[0]), float(row[1])) for row in rows]  # ranked by the SQL
