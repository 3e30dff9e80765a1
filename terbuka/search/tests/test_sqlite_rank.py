"""SQLite's ranking of candidates (``backends/sqlite.py``): the titles' stems counted by
substring and the pairs sorted as they are give the order of the plain definition."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from terbuka.search.backends.sqlite import SQLiteBackend

STEMS = st.sampled_from(["anggar", "sehat", "dana", "desa", "a", "ab", "anggaran", "12"])


def _by_definition(rows: list[tuple[int, str]], stems: list[str]) -> list[tuple[int, float]]:
    """How many distinct query stems a title holds, most first, then the newest."""
    wanted = set(stems)
    scored = [(rowid, float(len(wanted.intersection(title.split())))) for rowid, title in rows]
    return sorted(scored, key=lambda item: (-item[1], -item[0]))


@given(
    titles=st.lists(st.lists(STEMS, max_size=8).map(" ".join), max_size=40),
    stems=st.lists(STEMS, min_size=1, max_size=4),
)
def test_it_ranks_by_the_stems_a_title_holds_then_newest(
    titles: list[str], stems: list[str]
) -> None:
    rows = [(rowid * 7 % 101, title) for rowid, title in enumerate(titles)]
    assert SQLiteBackend().rank(rows, stems) == _by_definition(rows, stems)
