from __future__ import annotations

import pytest

from terbuka.search import stemming


@pytest.mark.parametrize("word", ["anggaran", "penganggaran", "dianggarkan", "menganggarkan"])
def test_it_gives_every_form_of_anggaran_the_same_stem(word: str) -> None:
    assert stemming.stem_text(word) == stemming.stem_text("anggaran") == "anggar"


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (["laporan", "melaporkan", "pelaporan"], "lapor"),
        (["pembangunan", "membangun", "bangunan"], "bangun"),
        (["peraturan", "diatur"], "atur"),
    ],
)
def test_it_conflates_affixed_forms(words: list[str], stem: str) -> None:
    assert {stemming.stem_text(word) for word in words} == {stem}


def test_it_does_not_turn_a_requester_into_a_tree() -> None:
    # Snowball alone stems "pemohon" to "pohon" (a tree) and "permohonan" to "mohon":
    # the override keeps the whole family together and away from "pohon".
    assert {stemming.stem_text(w) for w in ["pemohon", "memohon", "permohonan", "dimohon"]} == {
        "mohon"
    }
    assert stemming.stem_text("pohon") == "pohon"


def test_it_keeps_kelola_and_tulis_together() -> None:
    kelola = ["kelola", "mengelola", "dikelola", "pengelola", "pengelolaan"]
    assert {stemming.stem_text(word) for word in kelola} == {"kelola"}
    assert {stemming.stem_text(word) for word in ["menulis", "tulisan", "ditulis"]} == {"tulis"}


def test_it_lowercases_strips_punctuation_and_diacritics() -> None:
    assert stemming.normalise("Perbaikan JALAN, (Jembatan)!  Café") == [
        "perbaikan",
        "jalan",
        "jembatan",
        "cafe",
    ]


def test_it_drops_stop_words() -> None:
    assert stemming.normalise("laporan yang di dan ke dari untuk kesehatan") == [
        "laporan",
        "kesehatan",
    ]


def test_it_keeps_numbers_as_they_are() -> None:
    assert stemming.stem_text("APBD 2024") == "apbd 2024"


def test_it_finds_nothing_searchable_in_punctuation_and_emoji() -> None:
    assert stemming.query_stems('"*" -- () ^ : 🙂🔥') == []


def test_it_gives_query_stems_once_in_typed_order() -> None:
    assert stemming.query_stems("laporan anggaran melaporkan") == ["lapor", "anggar"]


def test_word_spans_point_at_the_original_words() -> None:
    text = "Dokumen Penganggaran, 2024."
    spans = stemming.word_spans(text)
    assert [(text[start:end], token) for start, end, token in spans] == [
        ("Dokumen", "dokumen"),
        ("Penganggaran", "penganggaran"),
        ("2024", "2024"),
    ]
