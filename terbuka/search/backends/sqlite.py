"""SQLite: an FTS5 table ``search_fts`` (see migrations 0002–0003) kept in step with
``search_searchdocument`` by explicit writes from ``terbuka.search.index`` (no triggers:
what is indexed is decided in one testable place).

Filters live inside the FTS5 table, as tokens of an indexed ``facets`` column
(``body12 catberkala year2024 formboth kinddip``), and are part of the MATCH expression.
FTS5 then intersects the word's and the filter's lists in its index. Filtering on
UNINDEXED columns instead reads every matching row's stored values: measured on 20,000
entries, a common word filtered by body took 117 ms that way (PITFALLS.md 3 saw 17 s at
1M with a join); as tokens it stays under a few milliseconds at 1M.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from terbuka.search.backends.base import CANDIDATE_LIMIT, Filters, Row, facet_tokens

# Words are searched in these columns only, so nobody can match a facet token by typing it.
WORD_COLUMNS = "{title text}"

# Ranking: by how many of the query's words the (stemmed) title holds, then newest first.
# Not bm25: FTS5's bm25 computes each word's IDF by walking the word's whole posting list
# on every query, so a common word cost 160–300 ms at 1M entries (0.2 ms without it) and
# grew linearly with the corpus (PITFALLS.md 3). Here the newest CANDIDATE_LIMIT matches
# are taken and ranked, so the cost stays flat however large the DIP grows.
#
# Several words: counted in SQL on each candidate's stored title, which is stems joined by
# single spaces (``stemming.stem_text``), so a stem is in it when `` stem `` is in
# `` title ``.
CANDIDATES_SQL = (
    "SELECT rowid, score FROM ("
    "SELECT rowid, {score} AS score FROM search_fts WHERE search_fts MATCH %s"
    " ORDER BY rowid DESC LIMIT {limit}"
    ") ORDER BY score DESC, rowid DESC"
)
_STEM_IN_TITLE = "(instr(' ' || title || ' ', %s) > 0)"
# One word (the commonest search): whether it is in the title comes from FTS5's own
# index, as the candidates matching with the word in the title column from the oldest
# candidate on (those are candidates themselves, so never more rows than they are),
# without reading 1,000 stored titles: at 1,000,000 entries 0.7–1.5 ms against 2.1–3.9 ms.
# Not for several words: there each word's title query intersects the other words' lists
# over the whole range the candidates span, which for a rare combination is the whole
# index (measured at 1,000,000: three words 9.7 ms against 2.2 ms by the titles).
ONE_WORD_SQL = (
    "WITH candidates AS MATERIALIZED ("
    "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s"
    " ORDER BY rowid DESC LIMIT {limit}"
    ") SELECT id, (id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
    " AND rowid >= (SELECT min(id) FROM candidates))) AS score"
    " FROM candidates ORDER BY score DESC, id DESC"
)


def candidates_query(stems: Sequence[str], filters: Filters | None = None) -> tuple[str, list[Any]]:
    """The ranked candidates: (rowid, how many distinct ``stems`` the title holds), best
    first, ties newest first."""
    wanted = list(dict.fromkeys(stems))
    match = match_expression(wanted, filters)
    if len(wanted) == 1:
        in_title = match_expression(wanted, filters, in_title=wanted[0])
        return ONE_WORD_SQL.format(limit=CANDIDATE_LIMIT), [match, in_title]
    score = " + ".join([_STEM_IN_TITLE] * len(wanted)) if wanted else "0"
    sql = CANDIDATES_SQL.format(score=score, limit=CANDIDATE_LIMIT)
    return sql, [*(f" {stem} " for stem in wanted), match]


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _any_of(tokens: Sequence[str]) -> str:
    return "facets : (" + " OR ".join(_quoted(token) for token in tokens) + ")"


def match_expression(
    stems: Sequence[str], filters: Filters | None = None, *, in_title: str | None = None
) -> str:
    """An FTS5 MATCH string in which every stem is a quoted string, so nothing a user
    types is read as an operator (``NEAR``, ``*``, ``-``, ``^``, ``:``, parentheses).
    Stems hold only letters and digits; doubling quotes keeps that safe regardless.
    ``in_title``: the one stem that must be in the title (the rest anywhere)."""
    parts = [f"{'title' if stem == in_title else WORD_COLUMNS} : {_quoted(stem)}" for stem in stems]
    if filters is not None:
        parts.extend(_any_of(group) for group in filters.facet_groups())
    return " AND ".join(parts)


class SQLiteBackend:
    def write(self, cursor: CursorWrapper, rows: Sequence[Row]) -> None:
        self.remove(cursor, [row.id for row in rows])
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, text, facets) VALUES (%s, %s, %s, %s)",
            [(row.id, row.stemmed_title, row.stemmed_text, facet_tokens(row)) for row in rows],
        )

    def remove(self, cursor: CursorWrapper, ids: Sequence[int]) -> None:
        if ids:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids])

    def clear(self, cursor: CursorWrapper) -> None:
        cursor.execute("DELETE FROM search_fts")

    def candidates(self, stems: Sequence[str], filters: Filters) -> tuple[str, list[Any]]:
        return candidates_query(stems, filters)

    def rank(self, rows: Sequence[Sequence[Any]], stems: Sequence[str]) -> list[tuple[int, float]]:
        return [(int(row[0]), float(row[1])) for row in rows]  # ranked by the SQL
