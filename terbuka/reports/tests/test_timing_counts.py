"""The timing figures counted by the database (a histogram of working days taken, late or
not) are the figures of the notices one by one: the same median (a half day between two),
nearest-rank 90th percentile and on-time counts, whatever the order or the ties."""

from __future__ import annotations

import math
import random
import statistics as pystatistics
from collections import Counter

from terbuka import law
from terbuka.reports.statistics import Timing, percentile, timing_of


def one_by_one(taken: list[tuple[int, bool]]) -> Timing:
    """The figures as the issue defines them, notice by notice."""
    days = [count for count, _late in taken]
    median = None
    if days:
        middle = float(pystatistics.median(days))
        median = int(middle) if middle.is_integer() else middle
    late = sum(1 for _count, was_late in taken if was_late)
    within_10 = sum(
        1 for count, was_late in taken if not was_late and count <= law.NOTICE_WORKING_DAYS
    )
    return Timing(
        answered=len(days),
        median=median,
        p90=percentile(days, 0.9),
        within_10=within_10,
        on_time_extended=len(days) - late - within_10,
        late=late,
    )


def test_it_gives_nothing_to_measure_without_notices() -> None:
    assert timing_of(Counter()) == Timing(0, None, None, 0, 0, 0)


def test_it_counts_a_small_set_by_hand() -> None:
    # 5, 10, 16 (extended), 12 late, 2: median 10, p90 the 5th of 5 = 16.
    taken = [(5, False), (10, False), (16, False), (12, True), (2, False)]
    assert timing_of(Counter(taken)) == Timing(5, 10, 16, 3, 1, 1)
    # Four notices: the median lies between the 2nd and the 3rd (5 and 10).
    assert timing_of(Counter([*taken[:3], (2, False)])).median == 7.5


def test_it_matches_the_notices_one_by_one() -> None:
    rng = random.Random(10)
    for size in [1, 2, 3, 9, 10, 11, 100, 257]:
        taken = [(rng.randint(0, 30), rng.random() < 0.2) for _n in range(size)]
        assert timing_of(Counter(taken)) == one_by_one(taken), size
        assert (
            timing_of(Counter(taken)).p90 == sorted(d for d, _l in taken)[math.ceil(0.9 * size) - 1]
        )
