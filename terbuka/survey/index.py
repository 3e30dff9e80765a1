"""The satisfaction index of PermenPANRB 14/2017 (``law.SKM_*``), computed exactly.

Pure: give it the answers (each a mapping of the nine elements to a score 1–4) and it
returns each element's mean, the index (the mean of the element means, each weighted
1/9), the converted index (× 25, rounded to two decimals as the regulation prints it) and
the grade. No answers: no index (``None``), never a division by zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from terbuka import law

ELEMENT_CODES = tuple(code for code, _label in law.SKM_ELEMENTS)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Grade:
    letter: str
    label: str


@dataclass(frozen=True)
class Result:
    respondents: int
    element_means: dict[str, Decimal]  # per element, two decimals
    index: Decimal  # 1–4, two decimals
    converted: Decimal  # 25–100, two decimals
    grade: Grade


def _two(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def grade_of(converted: Decimal) -> Grade:
    for lower, letter, label in law.SKM_GRADES:
        if converted >= Decimal(lower):
            return Grade(letter, str(label))
    # Below 25 cannot happen with scores 1–4; the lowest grade covers it all the same.
    _lower, letter, label = law.SKM_GRADES[-1]
    return Grade(letter, str(label))


def compute(answers: Iterable[Mapping[str, int]]) -> Result | None:
    """The result of these answers (each the nine scores)."""
    rows = list(answers)
    for row in rows:
        for code in ELEMENT_CODES:
            if not law.SKM_MIN_SCORE <= row[code] <= law.SKM_MAX_SCORE:
                raise ValueError(f"{code} must be {law.SKM_MIN_SCORE}–{law.SKM_MAX_SCORE}")
    return from_sums(len(rows), {code: sum(row[code] for row in rows) for code in ELEMENT_CODES})


def from_sums(respondents: int, sums: Mapping[str, int]) -> Result | None:
    """The result from the number of answers and each element's total (what a database
    aggregate gives)."""
    if not respondents:
        return None
    means = {code: Fraction(sums[code], respondents) for code in ELEMENT_CODES}
    index = sum(means.values(), Fraction(0)) / len(ELEMENT_CODES)
    converted = _two(index * law.SKM_CONVERSION_FACTOR)
    return Result(
        respondents=respondents,
        element_means={code: _two(mean) for code, mean in means.items()},
        index=_two(index),
        converted=converted,
        grade=grade_of(converted),
    )
