"""SQLite: an FTS5 table ``search_fts`` (see migration 0002) kept in step with
``search_searchdocument`` by explicit writes from ``terbuka.search.index`` (no triggers:
what is indexed is decided in one testable place)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from terbuka.search.backends import CANDIDATE_LIMIT, Filters, Row

# bm25 column weights: a word in the title counts ten times one in the text.
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0


# The inner LIMIT caps the candidates ranked (PITFALLS.md 3); bm25 is lower for better.
CANDIDATES_SQL = (
    "SELECT id, rank FROM ("
    " SELECT rowid AS id, bm25(search_fts, {title_weight}, {text_weight}) AS rank"
    " FROM search_fts WHERE search_fts MATCH %s AND {where} LIMIT {limit}"
    ") ORDER BY rank, id"
)


def match_expression(stems: Sequence[str]) -> str:
    """An FTS5 MATCH string in which every stem is a quoted string, so nothing a user
    types is read as an operator (``NEAR``, ``*``, ``-``, ``^``, ``:``, parentheses).
    Stems hold only letters and digits; doubling quotes keeps that safe regardless."""
    return " ".join('"' + stem.replace('"', '""') + '"' for stem in stems)


class SQLiteBackend:
    def write(self, cursor: CursorWrapper, rows: Sequence[Row]) -> None:
        self.remove(cursor, [row.id for row in rows])
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, text, kind, body_id, category, year, form)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    row.id,
                    row.stemmed_title,
                    row.stemmed_text,
                    row.kind,
                    row.body_id,
                    row.category,
                    row.year,
                    row.form,
                )
                for row in rows
            ],
        )

    def remove(self, cursor: CursorWrapper, ids: Sequence[int]) -> None:
        if ids:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids])

    def clear(self, cursor: CursorWrapper) -> None:
        cursor.execute("DELETE FROM search_fts")

    def candidates(self, stems: Sequence[str], filters: Filters) -> tuple[str, list[Any]]:
        clauses, params = filters.where()
        # Only placeholders and constants are put into the SQL text; values go as params.
        sql = CANDIDATES_SQL.format(
            title_weight=TITLE_WEIGHT,
            text_weight=TEXT_WEIGHT,
            where=" AND ".join(clauses),
            limit=CANDIDATE_LIMIT,
        )
        return sql, [match_expression(stems), *params]
