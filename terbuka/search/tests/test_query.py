"""The query module. This suite runs on SQLite (FTS5) and on PostgreSQL (tsvector + GIN);
the expected hit sets below are the same for both, so a green run on each proves that the
same query finds the same documents on both databases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection

from terbuka.search import index, query
from terbuka.search.tests.fakes import FakeSource
from terbuka.testing import World

pytestmark = pytest.mark.django_db


def found(q: str, **filters: object) -> set[str]:
    results = query.search(q, per_page=100, **filters)  # type: ignore[arg-type]
    return {hit.title for hit in results.hits}


@pytest.fixture
def corpus(world: World, make_document: Callable[..., int]) -> World:
    make_document("Rencana penganggaran kesehatan", "Penganggaran puskesmas tahun 2024")
    make_document(
        "Dokumen pelaksanaan anggaran",
        "Biaya yang dianggarkan untuk perbaikan jalan",
        body=world.agency_b,
        category="setiap_saat",
        form="both",
    )
    make_document(
        "Laporan banjir Kahayan",
        "Peta banjir dan jembatan rusak",
        category="serta_merta",
        year=2023,
        published_on=dt.date(2023, 1, 5),
        form="hardcopy",
    )
    make_document("Profil pemohon informasi", "Statistik permohonan informasi publik")
    make_document("Penanaman pohon kota", "Program penghijauan")
    make_document("Pengelolaan sampah", "Sampah yang dikelola dinas")
    return world


# The same expectations on SQLite and PostgreSQL.
SAME_ON_BOTH_DATABASES = [
    ("anggaran", {"Rencana penganggaran kesehatan", "Dokumen pelaksanaan anggaran"}),
    ("penganggaran", {"Rencana penganggaran kesehatan", "Dokumen pelaksanaan anggaran"}),
    ("dianggarkan", {"Rencana penganggaran kesehatan", "Dokumen pelaksanaan anggaran"}),
    ("ANGGARAN Kesehatan", {"Rencana penganggaran kesehatan"}),
    ("anggaran banjir", set()),
    ("banjir jembatan", {"Laporan banjir Kahayan"}),
    ("permohonan", {"Profil pemohon informasi"}),
    ("pohon", {"Penanaman pohon kota"}),
    ("kelola", {"Pengelolaan sampah"}),
    ("anggar", {"Rencana penganggaran kesehatan", "Dokumen pelaksanaan anggaran"}),
    ("angg", set()),  # whole stems only, no prefix match on either database
    ("2024", {"Rencana penganggaran kesehatan"}),
]


@pytest.mark.parametrize(("q", "expected"), SAME_ON_BOTH_DATABASES)
def test_it_finds_the_same_set_on_this_database(corpus: World, q: str, expected: set[str]) -> None:
    assert connection.vendor in ("sqlite", "postgresql")
    assert found(q) == expected


def test_it_ranks_a_title_match_above_a_text_match(world: World) -> None:
    index.upsert(
        kind="dip",
        object_id=1,
        body_id=world.agency_a.pk,
        title="Data umum",
        text="jembatan " + "sungai " * 20,
        url="/1/",
    )
    index.upsert(
        kind="dip",
        object_id=2,
        body_id=world.agency_a.pk,
        title="Jembatan Kahayan",
        text="sungai " * 20,
        url="/2/",
    )
    assert [hit.object_id for hit in query.search("jembatan").hits] == [2, 1]


@pytest.mark.parametrize(
    "nasty",
    [
        '"',
        '"anggaran',
        "anggaran*",
        "*",
        "NEAR(anggaran kesehatan)",
        "-anggaran",
        "anggaran AND OR NOT",
        "AND",
        "(anggaran",
        "title:anggaran",
        "^anggaran",
        "anggaran' OR 1=1 --",
        "anggaran & | ! <->",
        "a" * 2000,
        "anggaran " * 400,
        "🙂 anggaran 🔥",
        "!!! ??? ...",
        "",
        "   ",
        "\x00anggaran",
        "ان anggaran 中文",
    ],
)
def test_it_never_raises_on_what_a_user_types(corpus: World, nasty: str) -> None:
    results = query.search(nasty)
    assert results.total == len(results.hits) or results.pages > 1


def test_operators_are_searched_as_words_not_obeyed(corpus: World) -> None:
    assert found('"anggaran') == found("anggaran")
    assert found("NEAR(anggaran kesehatan)") == set()  # "near" is a word no document holds
    assert found("-anggaran kesehatan") == {"Rencana penganggaran kesehatan"}


def test_an_empty_or_punctuation_only_query_runs_no_search(corpus: World) -> None:
    for q in ["", "  ", '"*^:()', "yang dan di"]:
        results = query.search(q)
        assert not results.searched
        assert results.hits == []


def test_it_filters_by_body_category_year_and_form(corpus: World) -> None:
    assert found("anggaran", body_id=corpus.agency_b.pk) == {"Dokumen pelaksanaan anggaran"}
    assert found("anggaran", category="berkala") == {"Rencana penganggaran kesehatan"}
    assert found("banjir", category="serta_merta") == {"Laporan banjir Kahayan"}
    assert found("banjir", category="setiap_saat") == set()
    assert found("banjir", year=2023) == {"Laporan banjir Kahayan"}
    assert found("banjir", year=2024) == set()
    # "softcopy" accepts entries in both forms; "hardcopy" likewise.
    assert found("anggaran", form="hardcopy") == {"Dokumen pelaksanaan anggaran"}
    assert found("anggaran", form="softcopy") == {
        "Rencana penganggaran kesehatan",
        "Dokumen pelaksanaan anggaran",
    }
    assert found("banjir", form="softcopy") == set()


def test_a_filter_value_typed_as_a_word_finds_nothing(corpus: World) -> None:
    # Filters are stored as tokens beside the words on SQLite; typing one is no filter.
    assert found(f"body{corpus.agency_a.pk}") == set()
    assert found("kinddip catberkala") == set()


def test_it_searches_only_the_kinds_asked_for(
    corpus: World, make_document: Callable[..., int]
) -> None:
    make_document("Rincian anggaran perjalanan dinas", kind="request")
    assert "Rincian anggaran perjalanan dinas" not in found("anggaran", kinds=("dip",))
    assert found("anggaran", kinds=("request",)) == {"Rincian anggaran perjalanan dinas"}
    assert "Rincian anggaran perjalanan dinas" in found("anggaran")  # no kinds: every kind
    assert found("anggaran", kinds=("dip", "request")) == found("anggaran")


def test_it_filters_by_the_form_values_a_source_defines(
    world: World, fake_source: FakeSource
) -> None:
    for number, form in enumerate(["digital", "keduanya", "cetak"], start=1):
        category = "ujicoba" if form == "digital" else ""
        fake_source.add(number, f"Peta banjir {form}", world.agency_a, form=form, category=category)
        index.reindex(kind="uji", object_id=number)
    # "digital" accepts what the source says it does; a value no source offers, itself.
    assert found("banjir", form="digital") == {"Peta banjir digital", "Peta banjir keduanya"}
    assert found("banjir", form="cetak") == {"Peta banjir cetak"}
    assert found("banjir", kinds=("uji",), category="ujicoba") == {"Peta banjir digital"}


def test_it_pages_through_results_and_clamps_the_page(world: World) -> None:
    for number in range(45):
        index.upsert(
            kind="dip",
            object_id=number,
            body_id=world.agency_a.pk,
            title=f"Laporan {number}",
            text="laporan",
            url=f"/{number}/",
        )
    first = query.search("laporan", per_page=20)
    assert (first.total, first.pages, len(first.hits)) == (45, 3, 20)
    third = query.search("laporan", page=3, per_page=20)
    assert len(third.hits) == 5
    assert query.search("laporan", page=99, per_page=20).page == 3
    assert query.search("laporan", page=-4, per_page=20).page == 1
    everything = [hit.object_id for p in (1, 2, 3) for hit in query.search("laporan", page=p).hits]
    assert sorted(everything) == list(range(45))


def test_it_highlights_matches_in_an_escaped_snippet(world: World) -> None:
    index.upsert(
        kind="dip",
        object_id=1,
        body_id=world.agency_a.pk,
        title="Anggaran",
        text="Dokumen <script>alert(1)</script> tentang penganggaran & dianggarkan.",
        url="/1/",
    )
    hit = query.search("anggaran").hits[0]
    assert "<mark>penganggaran</mark>" in hit.snippet_html
    assert "<mark>dianggarkan</mark>" in hit.snippet_html
    assert "<script>" not in hit.snippet_html
    assert "&lt;/script&gt;" in hit.snippet_html
    assert hit.snippet_html.endswith("<mark>dianggarkan</mark>.")
    assert "&amp;" in hit.snippet_html
    assert hit.title_html == "<mark>Anggaran</mark>"


def test_a_snippet_shows_the_part_of_a_long_text_that_matches(world: World) -> None:
    text = "pembukaan " * 300 + "tentang normalisasi sungai Kahayan " + "penutup " * 300
    index.upsert(
        kind="dip", object_id=1, body_id=world.agency_a.pk, title="Dokumen", text=text, url="/1/"
    )
    snippet = query.search("kahayan").hits[0].snippet_html
    assert "<mark>Kahayan</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 400


def test_suggest_finds_entries_and_requests_like_a_sentence(
    corpus: World, make_document: Callable[..., int]
) -> None:
    make_document("Salinan laporan banjir tahun lalu", kind="request")
    hits = query.suggest("Saya ingin meminta laporan tentang banjir di Kahayan tahun ini")
    titles = [hit.title for hit in hits]
    assert "Laporan banjir Kahayan" in titles
    assert len(hits) <= 5
    assert query.suggest("") == []
    assert query.suggest('"*"') == []


def test_it_finds_the_forms_snowball_split_and_keeps_lexicalised_words_apart(
    world: World, make_document: Callable[..., int]
) -> None:
    make_document("Keputusan yang ditetapkan bupati", "Daftar penerima bantuan")
    make_document("Pengadaan barang dan jasa", "Rencana umum pengadaan")
    make_document("Keadaan darurat banjir", "Status keadaan darurat")
    make_document("Data kependudukan", "Jumlah penduduk per desa")
    assert found("penetapan") == {"Keputusan yang ditetapkan bupati"}
    assert found("penerimaan") == {"Keputusan yang ditetapkan bupati"}
    assert found("pengadaan") == {"Pengadaan barang dan jasa"}
    assert found("keadaan") == {"Keadaan darurat banjir"}
    assert found("penduduk") == {"Data kependudukan"}


def test_it_highlights_a_lexicalised_form_that_does_not_contain_its_stem(world: World) -> None:
    index.upsert(
        kind="dip",
        object_id=1,
        body_id=world.agency_a.pk,
        title="Pengumuman",
        text="Hasil seleksi diumumkan di papan pengumuman kantor.",
        url="/1/",
    )
    snippet = query.search("pengumuman").hits[0].snippet_html
    assert "<mark>diumumkan</mark>" in snippet
    assert "<mark>pengumuman</mark>" in snippet


def test_it_shows_titles_whole_with_the_matches_marked() -> None:
    from terbuka.search.snippet import whole

    title = (
        "Laporan realisasi anggaran pendapatan dan belanja daerah Dinas Kesehatan Provinsi "
        "Kalimantan Tengah untuk program kesehatan ibu dan anak usia 30–45 tahun anggaran 2024."
    )
    html = str(whole(title, query.search_stems("anggaran 2024")))
    assert html.startswith("Laporan realisasi")
    assert html.endswith("tahun <mark>anggaran</mark> <mark>2024</mark>.")


def test_a_snippet_comes_from_the_field_that_matched() -> None:
    from terbuka.search.snippet import PART_SEPARATOR, snippet

    text = PART_SEPARATOR.join(
        [
            "Ringkasan laporan keuangan tahunan.",
            "Bidang Anggaran",
            "Sekretaris Dinas",
            "Rencana pembangunan jembatan Kahayan di Palangka Raya tahun 2025.",
        ]
    )
    html = str(snippet(text, query.search_stems("jembatan")))
    assert "<mark>jembatan</mark>" in html
    assert "Bidang Anggaran" not in html and "Sekretaris" not in html
    # No field matched (the title did): the first field, not a run of fields.
    assert str(snippet(text, query.search_stems("banjir"))) == "Ringkasan laporan keuangan tahunan."
