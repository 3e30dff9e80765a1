"""PostgreSQL: a stored generated ``tsvector`` column ``search_vector`` with a GIN index
(see migration 0002). It follows ``stemmed_title``/``stemmed_text`` by itself, so writes
need nothing here."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.backends.utils import CursorWrapper

from terbuka.search.backends import CANDIDATE_LIMIT, Filters, Row


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

    def candidates(self, stems: Sequence[str], filters: Filters) -> tuple[str, list[object]]:
        clauses, params = filters.where()
        # The inner LIMIT caps the candidates before ts_rank_cd reads their vectors;
        # ts_rank_cd's default weights rank an A (title) match above a B (text) one.
        sql = (
            "SELECT id, ts_rank_cd(search_vector, to_tsquery('simple', %s)) AS rank FROM ("
            " SELECT id, search_vector FROM search_searchdocument"
            " WHERE search_vector @@ to_tsquery('simple', %s) AND "
            + " AND ".join(clauses)
            + f" LIMIT {CANDIDATE_LIMIT}"
            ") AS candidates ORDER BY rank DESC, id"
        )
        query = tsquery(stems)
        return sql, [query, query, *params]
