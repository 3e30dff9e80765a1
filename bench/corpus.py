"""A realistic synthetic DIP corpus for the search benchmark.

Words are real Indonesian government vocabulary in their affixed forms (anggaran,
penganggaran, dianggarkan, …) plus generated place names, drawn with a Zipf-like
distribution so that some words are very common and some rare, as in real DIPs. Each
surface word's stem is computed once with the real stemmer (``terbuka.search.stemming``),
so the stored stemmed text is exactly what ``index.upsert`` would store, without stemming
fifty million words one by one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from terbuka.search import stemming

# Roots of public-information vocabulary and some of their affixed forms.
FAMILIES = [
    "anggaran",
    "penganggaran",
    "dianggarkan",
    "menganggarkan",
    "anggarkan",
    "laporan",
    "pelaporan",
    "melaporkan",
    "dilaporkan",
    "kegiatan",
    "giat",
    "pengadaan",
    "diadakan",
    "mengadakan",
    "kesehatan",
    "sehat",
    "menyehatkan",
    "pendidikan",
    "didik",
    "mendidik",
    "pendidik",
    "jalan",
    "perjalanan",
    "menjalankan",
    "dijalankan",
    "pelaksanaan",
    "dilaksanakan",
    "melaksanakan",
    "jembatan",
    "banjir",
    "pembangunan",
    "membangun",
    "bangunan",
    "dibangun",
    "perbaikan",
    "memperbaiki",
    "diperbaiki",
    "keuangan",
    "uang",
    "belanja",
    "pembelanjaan",
    "dibelanjakan",
    "pendapatan",
    "mendapatkan",
    "realisasi",
    "direalisasikan",
    "merealisasikan",
    "rencana",
    "perencanaan",
    "merencanakan",
    "direncanakan",
    "program",
    "pemrograman",
    "peraturan",
    "diatur",
    "mengatur",
    "aturan",
    "keputusan",
    "memutuskan",
    "diputuskan",
    "penetapan",
    "ditetapkan",
    "menetapkan",
    "kontrak",
    "penyedia",
    "menyediakan",
    "disediakan",
    "lelang",
    "pelelangan",
    "kinerja",
    "pelayanan",
    "layanan",
    "melayani",
    "dilayani",
    "informasi",
    "publik",
    "daerah",
    "desa",
    "pedesaan",
    "kabupaten",
    "provinsi",
    "kota",
    "perkotaan",
    "dinas",
    "sekretariat",
    "bidang",
    "pegawai",
    "kepegawaian",
    "jabatan",
    "pejabat",
    "pengawasan",
    "diawasi",
    "mengawasi",
    "pemeriksaan",
    "diperiksa",
    "memeriksa",
    "audit",
    "bantuan",
    "membantu",
    "dibantu",
    "sosial",
    "masyarakat",
    "kemasyarakatan",
    "penduduk",
    "kependudukan",
    "pertanian",
    "tani",
    "petani",
    "perkebunan",
    "kebun",
    "perikanan",
    "ikan",
    "kehutanan",
    "hutan",
    "lingkungan",
    "sampah",
    "persampahan",
    "air",
    "perairan",
    "sungai",
    "irigasi",
    "listrik",
    "kelistrikan",
    "transportasi",
    "pariwisata",
    "wisata",
    "kebudayaan",
    "budaya",
    "olahraga",
    "pemuda",
    "kepemudaan",
    "perempuan",
    "anak",
    "pangan",
    "ketahanan",
    "bencana",
    "kebencanaan",
    "kebakaran",
    "terbakar",
    "karhutla",
    "tanah",
    "pertanahan",
    "tata",
    "ruang",
    "penataan",
    "perumahan",
    "rumah",
    "permukiman",
    "sekolah",
    "guru",
    "puskesmas",
    "rumah",
    "sakit",
    "obat",
    "vaksinasi",
    "gizi",
    "stunting",
    "kemiskinan",
    "miskin",
    "pengelolaan",
    "dikelola",
    "mengelola",
    "pengelola",
    "permohonan",
    "pemohon",
    "memohon",
    "keberatan",
    "sengketa",
    "dokumen",
    "pendokumentasian",
    "arsip",
    "kearsipan",
    "statistik",
    "data",
    "pendataan",
    "evaluasi",
    "dievaluasi",
    "mengevaluasi",
    "monitoring",
    "pengaduan",
    "mengadukan",
    "retribusi",
    "pajak",
    "perpajakan",
    "aset",
    "barang",
    "modal",
    "hibah",
    "dana",
    "tahun",
    "tahunan",
    "semester",
    "triwulan",
    "bulan",
    "bulanan",
    "ringkasan",
    "daftar",
    "profil",
    "struktur",
    "organisasi",
    "tugas",
    "fungsi",
    "visi",
    "misi",
    "standar",
    "prosedur",
    "maklumat",
    "jadwal",
    "pengumuman",
    "diumumkan",
    "mengumumkan",
    "hasil",
    "pemenang",
    "penyaluran",
    "disalurkan",
    "menyalurkan",
    "penerima",
    "sertifikat",
    "sertifikasi",
    "izin",
    "perizinan",
    "rekomendasi",
]

# Glue words: very common, not searchable (stop words are dropped from the stems).
GLUE = ["yang", "dan", "di", "untuk", "dari", "pada", "dengan", "tahun", "tentang", "ke"]

# Syllables for generated place and programme names (the long tail of rare words).
SYLLABLES = [
    "ka",
    "la",
    "ma",
    "na",
    "pa",
    "ra",
    "sa",
    "ta",
    "ba",
    "da",
    "ga",
    "ha",
    "ja",
    "wa",
    "ya",
    "ke",
    "le",
    "me",
    "ne",
    "pe",
    "re",
    "se",
    "te",
    "be",
    "de",
    "ge",
    "ri",
    "ti",
    "ni",
    "ku",
    "lu",
    "mu",
    "nu",
    "pu",
    "ru",
    "su",
    "tu",
    "bu",
    "du",
    "gu",
    "o",
    "an",
    "ang",
    "ing",
    "un",
]

REGIONS = [
    "Barito Utara", "Barito Selatan", "Barito Timur", "Murung Raya", "Kapuas", "Pulang Pisau",
    "Gunung Mas", "Katingan", "Kotawaringin Timur", "Kotawaringin Barat", "Seruyan",
    "Lamandau", "Sukamara", "Palangka Raya",
]  # fmt: skip
AGENCIES = [
    "Dinas Kesehatan", "Dinas Pendidikan", "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Sosial", "Badan Keuangan dan Aset Daerah", "Badan Perencanaan Pembangunan Daerah",
    "Dinas Lingkungan Hidup", "Dinas Perhubungan", "Dinas Pertanian", "Dinas Perikanan",
    "Dinas Pariwisata", "Badan Penanggulangan Bencana Daerah", "Inspektorat",
    "Sekretariat Daerah", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Komunikasi dan Informatika", "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Pemberdayaan Masyarakat dan Desa", "Badan Kepegawaian Daerah",
    "Dinas Penanaman Modal dan PTSP", "Satuan Polisi Pamong Praja", "RSUD",
    "Dinas Ketahanan Pangan", "Dinas Perkebunan", "Dinas Kehutanan",
]  # fmt: skip

CATEGORIES = ["berkala", "serta_merta", "setiap_saat"]
CATEGORY_WEIGHTS = [60, 5, 35]
FORMS = ["softcopy", "hardcopy", "both"]
FORM_WEIGHTS = [70, 10, 20]

# Queries: the words are placed at chosen Zipf ranks so that "common" and "rare" mean it.
COMMON_WORD = "kegiatan"  # rank 0: in a large share of entries
SINGLE_WORD = "anggaran"  # rank 12: frequent
TWO_WORDS = "laporan keuangan"  # ranks 3 and 40
RARE_WORD = "karhutla"  # deep in the tail
PLACED = {COMMON_WORD: 0, "laporan": 3, SINGLE_WORD: 12, "keuangan": 40, RARE_WORD: 6000}


@dataclass
class Vocabulary:
    surfaces: list[str]
    stems: list[str]  # "" for words the index drops (stop words)
    cum_weights: list[float]

    def sample(self, rng: random.Random, k: int) -> list[int]:
        return rng.choices(range(len(self.surfaces)), cum_weights=self.cum_weights, k=k)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def build_vocabulary(seed: int = 14, tail_words: int = 20_000) -> Vocabulary:
    rng = random.Random(seed)
    words = list(dict.fromkeys(FAMILIES))
    names: set[str] = set()
    while len(names) < tail_words:
        names.add(_name(rng))
    tail = sorted(names - set(words))
    rng.shuffle(words)
    rng.shuffle(tail)
    ranked = [w for w in words if w not in PLACED] + tail
    for word, rank in sorted(PLACED.items(), key=lambda item: item[1]):
        ranked.insert(rank, word)
    # Zipf with exponent 1 over the ranked words; glue words sit on top, as in real text.
    weights = [1.0 / (rank + 2) for rank in range(len(ranked))]
    glue_weight = sum(weights) * 0.15 / len(GLUE)
    surfaces = GLUE + ranked
    weights = [glue_weight] * len(GLUE) + weights
    stems = [stemming.stem_text(word) for word in surfaces]
    return Vocabulary(surfaces, stems, list(itertools.accumulate(weights)))


@dataclass
class Body:
    id: int
    name: str
    slug: str
    code: str
    parent_id: int | None
    kind: str


def build_bodies() -> list[Body]:
    bodies = [
        Body(1, "Provinsi Kalimantan Tengah", "provinsi-kalteng", "KALTENG", None, "province")
    ]
    regions = [(1, "Provinsi Kalimantan Tengah", "KALTENG")]
    for index, region in enumerate(REGIONS):
        kind = "city" if region == "Palangka Raya" else "regency"
        prefix = "Kota" if kind == "city" else "Kabupaten"
        body_id = len(bodies) + 1
        bodies.append(Body(body_id, f"{prefix} {region}", f"region-{index}", f"R{index}", 1, kind))
        regions.append((body_id, f"{prefix} {region}", f"R{index}"))
    for region_id, region_name, region_code in regions:
        for number, agency in enumerate(AGENCIES):
            body_id = len(bodies) + 1
            bodies.append(
                Body(
                    body_id,
                    f"{agency} {region_name}",
                    f"b-{body_id}",
                    f"{region_code}-A{number}",
                    region_id,
                    "agency",
                )
            )
    return bodies


Row = tuple[object, ...]


def documents(
    vocabulary: Vocabulary,
    bodies: list[Body],
    *,
    start: int,
    stop: int,
    long_every: int = 10,
    seed: int = 2008,
) -> Iterator[Row]:
    """Rows for ``search_searchdocument`` (object ids ``start`` to ``stop - 1``): about a
    tenth with several hundred words of document text."""
    rng = random.Random(seed + start)
    surfaces, stems = vocabulary.surfaces, vocabulary.stems
    body_ids = [body.id for body in bodies]
    now = dt.datetime.now(dt.UTC)
    batch = 1000
    for batch_start in range(start, stop, batch):
        count = min(batch, stop - batch_start)
        lengths = []
        for object_id in range(batch_start, batch_start + count):
            title_len = rng.randint(4, 9)
            text_len = rng.randint(15, 40)
            if object_id % long_every == 0:
                text_len += rng.randint(150, 450)
            lengths.append((title_len, text_len))
        picks = vocabulary.sample(rng, sum(a + b for a, b in lengths))
        position = 0
        for offset, (title_len, text_len) in enumerate(lengths):
            object_id = batch_start + offset
            title_ids = picks[position : position + title_len]
            text_ids = picks[position + title_len : position + title_len + text_len]
            position += title_len + text_len
            title = " ".join(surfaces[i] for i in title_ids).capitalize()
            text = " ".join(surfaces[i] for i in text_ids)
            stemmed_title = " ".join(stems[i] for i in title_ids if stems[i])
            stemmed_text = " ".join(stems[i] for i in text_ids if stems[i])
            year = 2015 + object_id % 11
            yield (
                "dip",
                object_id,
                rng.choice(body_ids),
                rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0],
                year,
                rng.choices(FORMS, FORM_WEIGHTS)[0],
                title[:300],
                f"/dip/informasi/{object_id}/",
                text,
                stemmed_title,
                stemmed_text,
                dt.date(year, 1 + object_id % 12, 1 + object_id % 28),
                now,
            )
