"""The stemmer against a list of Indonesian public-administration words, each with the
family a searcher expects it to meet (``word_families.csv``: DIPs, budgets, health,
education, land, disasters, procurement, population, government …). ``bench/stemming.py``
prints the share right, now and with Snowball alone."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from terbuka.search import snippet, stemming

WORD_LIST = Path(__file__).parent / "word_families.csv"


def read_families() -> dict[str, list[str]]:
    families: dict[str, list[str]] = defaultdict(list)
    with WORD_LIST.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            families[row["family"]].append(row["word"])
    return dict(families)


FAMILIES = read_families()

# Families the stemmer still splits, and why; a strict xfail fails once one is fixed.
KNOWN_SPLITS = {
    # The dictionary lists "belajar" as a root of its own and "pelajaran" under a bound
    # "lajar"; only "mengajar", "diajarkan" and "pengajar" reach "ajar".
    "ajar": "the dictionary files learning (belajar, lajar) apart from teaching (ajar)",
}


def test_the_list_has_hundreds_of_words_each_once() -> None:
    words = [word for family in FAMILIES.values() for word in family]
    assert len(words) >= 300
    assert len(words) == len(set(words))


@pytest.mark.parametrize(
    "family",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_SPLITS[name]))
        if name in KNOWN_SPLITS
        else name
        for name in FAMILIES
    ],
)
def test_it_gives_every_word_of_a_family_one_stem(family: str) -> None:
    stems = {word: stemming.stem_text(word) for word in FAMILIES[family]}
    assert len(set(stems.values())) == 1, stems


def test_it_keeps_every_family_apart_from_the_others() -> None:
    families_of_stem: dict[str, set[str]] = defaultdict(set)
    for family, words in FAMILIES.items():
        for word in words:
            families_of_stem[stemming.stem_text(word)].add(family)
    merged = {stem: families for stem, families in families_of_stem.items() if len(families) > 1}
    assert merged == {}


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("pengadaan", "keadaan"),  # procurement, a situation
        ("pemerintah", "perintah"),  # the government, an order
        ("pemerintahan", "memerintahkan"),
        ("ketua", "tua"),  # a chairman, old
        ("perdana", "dana"),  # prime, funds
        ("pendapatan", "pendapat"),  # revenue, an opinion
        ("keberatan", "berat"),  # an objection, heavy
        ("penduduk", "duduk"),  # a resident, to sit
        ("pemohon", "pohon"),  # a requester, a tree
    ],
)
def test_it_keeps_lexicalised_words_apart_from_their_root(word: str, other: str) -> None:
    assert stemming.stem_text(word) != stemming.stem_text(other)


@pytest.mark.parametrize(
    "words",
    [
        # The words of issue 11 that Snowball split.
        ["penetapan", "ditetapkan", "menetapkan"],
        ["penolakan", "ditolak"],
        ["perencanaan", "rencana"],
        ["pengawasan", "diawasi"],
        ["perumahan", "rumah"],
        ["penerimaan", "diterima"],
        ["kepegawaian", "pegawai"],
        ["kependudukan", "penduduk"],
        ["sekolah", "sekolahnya", "bersekolah"],
    ],
)
def test_it_brings_the_words_of_issue_11_together(words: list[str]) -> None:
    assert len({stemming.stem_text(word) for word in words}) == 1


def test_a_snippet_marks_every_word_of_the_list_when_its_stem_is_searched() -> None:
    # The snippet's cheap pre-test must not miss a word whose stem matches.
    words = [word for family in FAMILIES.values() for word in family]
    for word in words:
        html = snippet.highlight(f"Dokumen tentang {word} tahun ini", {stemming.stem_word(word)})
        assert f"<mark>{word}</mark>" in html, word
