"""SQLite's ranking of candidates (``backends/sqlite.py``): the titles' stems counted in
SQL give the order of the plain definition. Run on an FTS5 table of its own in memory (the
same statement, whichever database the suite runs on)."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from terbuka.search.backends.base import CANDIDATE_LIMIT
from terbuka.search.backends.sqlite import SQLiteBackend, candidates_query

STEMS = st.sampled_from(["anggar", "sehat", "dana", "desa", "a", "ab", "anggaran", "12"])


def _by_definition(rows: list[tuple[int, str]], stems: list[str]) -> list[tuple[int, float]]:
    """How many distinct query stems a title holds, most first, then the newest."""
    wanted = set(stems)
    scored = [(rowid, float(len(wanted.intersection(title.split())))) for rowid, title in rows]
    return sorted(scored, key=lambda item: (-item[1], -item[0]))


def _ranked(rows: list[tuple[int, str]], stems: list[str]) -> list[tuple[int, float]]:
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, text, facets, tokenize = 'unicode61 remove_diacritics 2')"
    )
    database.executemany(
        "INSERT INTO search_fts (rowid, title, text, facets) VALUES (?, ?, '', 'kinddip')",
        rows,
    )
    # Every row is a candidate: the match is on the facet all of them hold.
    sql, params = candidates_query(stems, 'facets : "kinddip"')
    fetched = database.execute(sql.replace("%s", "?"), params).fetchall()
    database.close()
    return SQLiteBackend().rank(fetched, stems)


@given(
    titles=st.lists(st.lists(STEMS, max_size=8).map(" ".join), max_size=40, unique=False),
    stems=st.lists(STEMS, min_size=1, max_size=4),
)
def test_it_ranks_by_the_stems_a_title_holds_then_newest(
    titles: list[str], stems: list[str]
) -> None:
    rows = list({rowid * 7 % 101 + 1: title for rowid, title in enumerate(titles)}.items())
    assert _ranked(rows, stems) == _by_definition(rows, stems)


def test_it_ranks_only_the_newest_candidates() -> None:
    rows = [(rowid, "sehat" if rowid == 1 else "desa") for rowid in range(1, CANDIDATE_LIMIT + 2)]
    ranked = _ranked(rows, ["sehat"])
    # The oldest row is the only one whose title holds the stem, but it is past the limit.
    assert len(ranked) == CANDIDATE_LIMIT
    assert ranked[0] == (CANDIDATE_LIMIT + 1, 0.0)
    assert 1 not in {rowid for rowid, _score in ranked}
