"""How many words of the word-family list the stemmer gets right, now and with
Snowball alone (the stemmer before issue 11), and how fast each is: a script, not a test.

    .venv/bin/python bench/stemming.py            # shares, misses, speed
    .venv/bin/python bench/stemming.py --misses   # also list every word each one gets wrong
    .venv/bin/python bench/stemming.py --entries 20000  # also: stem that many corpus entries

The list is ``terbuka/search/tests/word_families.csv``: Indonesian public-administration
words, each with the family a searcher expects it to meet (``test_word_families.py``
asserts the same). A word counts as right when every word of its family has its stem and
no word of another family does.
"""

from __future__ import annotations

import argparse
import csv
import functools
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from terbuka.search import stemming  # noqa: E402

WORD_LIST = ROOT / "terbuka" / "search" / "tests" / "word_families.csv"

# The stemmer before issue 11: Snowball with a patch table for three roots.
OLD_ROOT_FORMS = {
    "mohon": (
        "pemohon",
        "pemohonnya",
        "memohon",
        "memohonkan",
        "dimohon",
        "dimohonkan",
        "permohonan",
        "permohonannya",
    ),
    "kelola": (
        "kelola",
        "mengelola",
        "dikelola",
        "pengelola",
        "pengelolanya",
        "pengelolaan",
        "pengelolaannya",
        "terkelola",
    ),
    "tulis": ("tulis", "menulis", "ditulis", "penulis", "penulisan", "tulisan", "tertulis"),
}
_OLD_OVERRIDES = {form: root for root, forms in OLD_ROOT_FORMS.items() for form in forms}


def old_stem(token: str) -> str:
    override = _OLD_OVERRIDES.get(token)
    if override is not None:
        return override
    return token if token.isdigit() else stemming.snowball_stem(token)


def read_families(path: Path = WORD_LIST) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [(row["word"], row["family"]) for row in csv.DictReader(handle)]


def wrong_words(words: list[tuple[str, str]], stem: Callable[[str], str]) -> list[str]:
    """The words ``stem`` gets wrong: split from their family or merged with another."""
    stems = {word: stem(word) for word, _family in words}
    family_stems: dict[str, set[str]] = defaultdict(set)
    stem_families: dict[str, set[str]] = defaultdict(set)
    for word, family in words:
        family_stems[family].add(stems[word])
        stem_families[stems[word]].add(family)
    return [
        word
        for word, family in words
        if len(family_stems[family]) > 1 or len(stem_families[stems[word]]) > 1
    ]


def speed(words: list[str], stem: Callable[[str], str], *, cached: bool) -> float:
    """Words per second, each word stemmed for the first time, or (``cached``) the list
    50 times more through a per-word cache like ``stemming.stem_word``'s."""
    if cached:
        memo = functools.lru_cache(maxsize=None)(stem)
        for word in words:
            memo(word)
        stream = words * 50
        started = time.perf_counter()
        for word in stream:
            memo(word)
        return len(stream) / (time.perf_counter() - started)
    started = time.perf_counter()
    for word in words:
        stem(word)
    return len(words) / (time.perf_counter() - started)


def text_speed(stem: Callable[[str], str], entries: int) -> tuple[float, float]:
    """(words per second, seconds) to stem the titles and texts of ``entries`` entries of
    the benchmark corpus (bench/corpus.py) the way ``stemming.stem_text`` does, through a
    per-word cache that has seen the vocabulary once: what a reindex pays per word."""
    from bench import corpus

    vocabulary = corpus.build_vocabulary()
    bodies = corpus.build_bodies()
    cached = functools.lru_cache(maxsize=200_000)(stem)
    for surface in vocabulary.surfaces:
        for token in stemming.normalise(surface):
            cached(token)
    texts = [
        text
        for row in corpus.documents(vocabulary, bodies, start=0, stop=entries)
        for text in (str(row[6]), str(row[8]))
    ]
    words = sum(len(text.split()) for text in texts)
    started = time.perf_counter()
    for text in texts:
        " ".join(cached(token) for token in stemming.normalise(text))
    seconds = time.perf_counter() - started
    return words / seconds, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the words each gets wrong")
    parser.add_argument("--entries", type=int, default=0, help="also stem this many entries")
    args = parser.parse_args()
    words = read_families()
    families = len({family for _word, family in words})
    stemming.stem_word("anggaran")  # reads the dictionary once, outside the timings
    new_stem = stemming.stem_word.__wrapped__  # uncached: the cold speed
    print(f"{len(words)} words in {families} families ({WORD_LIST.relative_to(ROOT)})\n")
    print(f"{'stemmer':<40} {'right':>12} {'share':>7} {'words/s cold':>13} {'cached':>11}")
    for name, stem in [
        ("Snowball + 3 patched roots (before)", old_stem),
        ("Hunspell id_ID + exceptions + Snowball", new_stem),
    ]:
        wrong = wrong_words(words, stem)
        right = len(words) - len(wrong)
        vocabulary = [word for word, _family in words]
        print(
            f"{name:<40} {right:>5} of {len(words):<4} {right / len(words):>6.1%}"
            f" {speed(vocabulary, stem, cached=False):>13,.0f}"
            f" {speed(vocabulary, stem, cached=True):>11,.0f}"
        )
        if args.misses or stem is new_stem:
            print("   wrong: " + ", ".join(f"{word}→{stem(word)}" for word in wrong))
    if args.entries:
        print(f"\nStemming {args.entries:,} entries of the benchmark corpus, words cached:")
        for name, stem in [("before", old_stem), ("now", new_stem)]:
            rate, seconds = text_speed(stem, args.entries)
            print(f"  {name:<7} {rate:>12,.0f} words/s  ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
