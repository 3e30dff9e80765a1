"""SQLite's ranking of candidates (``backends/sqlite.py``): the titles' stems counted in
SQL give the order of the plain definition. Run on an FTS5 table of its own in memory (the
same statement, whichever database the suite runs on)."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from terbuka.search.backends.base import CANDIDATE_LIMIT
from terbuka.search.backends.sqlite import SQLiteBackend, candidates_query

STEM_VALUES = ["anggar", "sehat", "dana", "desa", "a", "ab", "anggaran", "12"]
STEMS = st.sampled_from(STEM_VALUES)


Row = tuple[int, str, str]  # rowid, stemmed title, stemmed text


def _by_definition(rows: list[Row], stems: list[str]) -> list[tuple[int, float]]:
    """Of the newest CANDIDATE_LIMIT rows holding every query stem (in the title or the
    text), how many distinct query stems the title holds, most first, then the newest."""
    wanted = set(stems)
    matching = sorted(
        (row for row in rows if wanted <= set(row[1].split()) | set(row[2].split())),
        reverse=True,
    )[:CANDIDATE_LIMIT]
    scored = [
        (rowid, float(len(wanted.intersection(title.split())))) for rowid, title, _ in matching
    ]
    return sorted(scored, key=lambda item: (-item[1], -item[0]))


def _ranked(rows: list[Row], stems: list[str]) -> list[tuple[int, float]]:
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, text, facets, tokenize = 'unicode61 remove_diacritics 2')"
    )
    database.executemany(
        "INSERT INTO search_fts (rowid, title, text, facets) VALUES (?, ?, ?, 'kinddip')", rows
    )
    sql, params = candidates_query(stems)
    fetched = database.execute(sql.replace("%s", "?"), params).fetchall()
    database.close()
    return SQLiteBackend().rank(fetched, stems)


WORDS = st.lists(STEMS, max_size=8).map(" ".join)


@given(
    documents=st.lists(st.tuples(WORDS, WORDS), max_size=40),
    stems=st.lists(STEMS, min_size=1, max_size=4),
)
def test_it_ranks_by_the_stems_a_title_holds_then_newest(
    documents: list[tuple[str, str]], stems: list[str]
) -> None:
    rows = list(
        {
            rowid * 7 % 101 + 1: (title, text) for rowid, (title, text) in enumerate(documents)
        }.items()
    )
    flat = [(rowid, title, text) for rowid, (title, text) in rows]
    assert _ranked(flat, stems) == _by_definition(flat, stems)


def test_it_ranks_only_the_newest_candidates() -> None:
    rows = [
        (rowid, "sehat" if rowid == 1 else "desa", "sehat")
        for rowid in range(1, CANDIDATE_LIMIT + 2)
    ]
    ranked = _ranked(rows, ["sehat"])
    # The oldest row is the only one whose title holds the stem, but it is past the limit.
    assert len(ranked) == CANDIDATE_LIMIT
    assert ranked[0] == (CANDIDATE_LIMIT + 1, 0.0)
    assert 1 not in {rowid for rowid, _score in ranked}
