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
    # the dictionary's peN- rules keep the whole family together and away from "pohon".
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


def test_it_finds_the_root_after_men_and_pen_swallowed_its_first_letter() -> None:
    # Snowball: penetapan → etap, menerima → erima, perumahan → umah.
    assert {stemming.stem_text(w) for w in ["penetapan", "menetapkan", "ditetapkan"]} == {"tetap"}
    assert {stemming.stem_text(w) for w in ["penerimaan", "menerima", "diterima"]} == {"terima"}
    assert stemming.stem_text("perumahan") == stemming.stem_text("rumah") == "rumah"


def test_it_keeps_a_word_the_dictionary_lists_as_it_is() -> None:
    # Snowball: sekolah → seko, pegawai → gawa, ketua → tua.
    assert stemming.stem_text("sekolah") == "sekolah"
    assert stemming.stem_text("pegawai") == stemming.stem_text("kepegawaian") == "pegawai"
    assert stemming.stem_text("ketua") == "ketua"


def test_it_falls_back_to_snowball_for_words_the_dictionary_does_not_know() -> None:
    # A generated name, an acronym, a new coinage: no dictionary entry, Snowball's stem.
    for word in ["karhutla", "penaangta", "kemendagri", "musrenbang"]:
        assert stemming.dictionary_root(word) is None
        assert stemming.stem_text(word) == stemming.snowball_stem(word)


def test_it_finds_a_known_word_inside_an_unknown_one() -> None:
    # Not in the dictionary: a noun circumfix or a particle around a word that is.
    assert stemming.dictionary_root("kependudukan") is None
    assert stemming.stem_text("kependudukan") == stemming.stem_text("penduduk")
    assert stemming.stem_text("kebencanaannya") == "bencana"
    assert stemming.stem_text("disurvei") == stemming.stem_text("survei")


def test_it_gives_the_same_word_the_same_stem_every_time() -> None:
    stemming.stem_word.cache_clear()
    first = [stemming.stem_word(w) for w in ["mengukur", "mengajukan", "mengadukan"]]
    stemming.stem_word.cache_clear()
    assert [stemming.stem_word(w) for w in ["mengukur", "mengajukan", "mengadukan"]] == first
    assert first == ["ukur", "aju", "adu"]
