"""Indonesian tokens and stems for search, computed once in Python.

Both databases index the output of :func:`stem_text` (PostgreSQL with the ``simple``
configuration, SQLite FTS5 with ``unicode61``), so a query matches the same documents on
each (PITFALLS.md 4). A word's stem is found in three steps, first match wins:

1. :data:`LEXICALISED`: a small table of derived words whose meaning left their root's
   (``pengadaan``, procurement, is not ``keadaan``, a situation, though both are built on
   ``ada``; ``pemerintah``, the government, is not ``perintah``, an order). They keep
   their own stem.
2. The LibreOffice Indonesian Hunspell dictionary (``dictionary/``, vendored, LGPL-3),
   read with spylls (a pure-Python Hunspell): the root of a derived word, with the meN-/
   peN- recoding the dictionary's affix rules know (``penetapan``, ``menetapkan`` and
   ``ditetapkan`` → ``tetap``; ``perumahan`` → ``rumah``; ``pengelolaan`` → ``kelola``).
   A word the dictionary lists as it is (``sekolah``, ``ketua``, ``pegawai``) is its own
   stem. A word it does not know is tried without a particle or possessive (``-nya``,
   ``-lah``, ``-ku`` …) and without a ke-/per-/pe- circumfix (``kependudukan`` →
   ``penduduk``; ``kebencanaannya`` → ``bencana``).
3. Snowball's Indonesian algorithm (PyStemmer) for words the dictionary does not know at
   all: names, abbreviations, new coinages.

spylls takes 0.1–5 ms for a word, Snowball microseconds: stems are cached per distinct word
(:func:`stem_word`), and a corpus has far fewer distinct words than words. The figures are
in README's search section (``bench/search.py`` measures them, ``bench/stemming.py``
compares the share of right families with the Snowball-only stemmer).

Changing any of this changes stems already stored in a search index: bump
:data:`STEMMER_VERSION`, which ``rebuild_search_index --if-stale`` and the ``search.W001``
check compare with the version the index was built with.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

import Stemmer
from spylls.hunspell import Dictionary

# The stems an index holds depend on this stemmer: a new value makes every index built
# with another one stale (``rebuild_search_index --if-stale`` rebuilds it).
STEMMER_VERSION = "hunspell-id-7.5.0+snowball/1"

DICTIONARY = Path(__file__).resolve().parent / "dictionary" / "id_ID"

# Words too common to help a search; removed from both the indexed text and the query.
STOP_WORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "pada",
        "dengan",
        "dalam",
        "atau",
        "ini",
        "itu",
        "adalah",
        "ada",
        "oleh",
        "sebagai",
        "akan",
        "juga",
        "tidak",
        "telah",
        "sudah",
        "bagi",
        "tersebut",
        "serta",
        "para",
        "secara",
        "karena",
        "agar",
        "kepada",
        "antara",
        "terhadap",
        "hingga",
        "sampai",
        "maupun",
        "namun",
        "bahwa",
        "dapat",
        "harus",
        "masih",
        "lebih",
        "per",
        "tentang",
        "atas",
        "bila",
        "jika",
        "maka",
        "saat",
        "setiap",
        "sebuah",
        "suatu",
        "kami",
        "kita",
        "saya",
        "anda",
        "mereka",
        "ia",
        "dia",
        "nya",
        "pun",
        "lah",
        "kah",
    ]
)

# Lexicalised derivatives: words that must not meet their dictionary root (or each
# other), with the forms that share their stem. The stem is the first word.
LEXICALISED: tuple[tuple[str, ...], ...] = (
    # pengadaan (barang/jasa), procurement; keadaan, a situation; both on "ada" (to be).
    ("pengadaan", "pengadaannya"),
    ("keadaan", "keadaannya"),
    # pemerintah, the government; perintah, an order (the dictionary derives one from the other).
    ("pemerintah", "pemerintahan", "pemerintahnya", "pemerintahannya", "kepemerintahan"),
    # ketua, a chairman, not tua (old); perdana (first, prime), not dana (funds).
    ("ketua", "ketuanya"),
    ("perdana", "perdananya"),
    # pendapatan, revenue; pendapat, an opinion; both on "dapat".
    ("pendapatan", "pendapatannya"),
    ("pendapat", "pendapatnya"),
    # keberatan, an objection (UU 14/2008 Pasal 35); berat, heavy.
    ("keberatan", "keberatannya"),
    # pengumuman, an announcement, and announcing; umum, general.
    ("pengumuman", "pengumumannya", "diumumkan", "mengumumkan", "diumumkannya"),
    # berlaku, in force: the dictionary lists it as a root, its derivatives under laku.
    ("berlaku", "pemberlakuan", "diberlakukan", "memberlakukan", "keberlakuan"),
    # pemuda, the youth, and kepemudaan, youth affairs; muda, young.
    ("pemuda", "pemudanya", "kepemudaan"),
    # penduduk, a resident, and kependudukan, population affairs; duduk, to sit.
    ("penduduk", "penduduknya", "kependudukan", "kependudukannya"),
)
_LEXICALISED = {form: forms[0] for forms in LEXICALISED for form in forms}
# The forms of each lexicalised stem: a snippet looks for them in the text, since some
# (diumumkan) do not contain their stem (pengumuman).
LEXICALISED_FORMS = {forms[0]: forms for forms in LEXICALISED}

# What a word the dictionary does not know may carry around a word it does know:
# particles and possessives at the end, and the prefixes and circumfixes of nouns.
_ENCLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")
_CIRCUMFIXES = (
    ("ke", "an"),
    ("per", "an"),
    ("pe", "an"),
    ("se", "nya"),
    ("di", ""),
    ("ke", ""),
    ("se", ""),
    ("ter", ""),
    ("ber", ""),
)
_SHORTEST_ROOT = 3

# A token: a run of Unicode letters and digits (no underscore), as FTS5's unicode61 sees it.
_TOKEN = re.compile(r"[^\W_]+")
# Longer "words" are noise (hashes, base64) and PostgreSQL drops lexemes over 2 KB anyway.
MAX_TOKEN_LENGTH = 40

_snowball = Stemmer.Stemmer("indonesian")


def fold(text: str) -> str:
    """Unicode-normalise, drop diacritics and lower-case (``Perbaikan Jalan`` → ``perbaikan jalan``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def normalise(text: str) -> list[str]:
    """The words of ``text`` that a search can use: folded, without punctuation or stop words."""
    return [
        token
        for token in _TOKEN.findall(fold(text))
        if len(token) <= MAX_TOKEN_LENGTH and token not in STOP_WORDS
    ]


@functools.cache
def _dictionary() -> Any:
    """The Hunspell dictionary, read once per process (about 0.15 s) on the first word."""
    return Dictionary.from_files(str(DICTIONARY))


def _forms(token: str) -> list[Any]:
    return list(
        _dictionary().lookuper.good_forms(token, capitalization=False, compound_forms=False)
    )


def _preference(form: Any) -> tuple[int, int, int, int, str]:
    """Sorts the analyses of a word, the likeliest first."""
    affixes = (form.prefix, form.prefix2, form.suffix, form.suffix2)
    circumfix = _dictionary().aff.CIRCUMFIX
    return (
        # The fewest affixes: a word listed as it is stays itself.
        sum(affix is not None for affix in affixes),
        # A circumfix the affix file spells out (meN-…-kan) before a prefix and a suffix
        # that merely happen to fit: mengajukan is aju + meN-kan, not ajuk + meN- + -an.
        0 if any(affix is not None and circumfix in affix.flags for affix in affixes) else 1,
        # The root with more affix rules, i.e. the more productive, commoner root:
        # mengukur is ukur (8 rules), not kukur (grate, 1 rule).
        -len(form.in_dictionary.flags) if form.in_dictionary else 0,
        -len(form.stem),
        form.stem,
    )


def dictionary_root(token: str) -> str | None:
    """The root the dictionary gives ``token``, or None when it does not know the word.

    A word listed as it is stays itself. Of several analyses the likeliest wins
    (:func:`_preference`), and ties go to the longer root, then the first in the alphabet:
    the same word always gets the same root.
    """
    forms = _forms(token)
    if not forms:
        return None
    best = min(forms, key=_preference)
    return str(best.stem)


def _known_inside(token: str) -> str | None:
    """A dictionary word inside an unknown ``token``: without a particle or possessive,
    or without a noun circumfix (``kependudukan`` → ``penduduk``)."""
    for enclitic in _ENCLITICS:
        inner = token.removesuffix(enclitic)
        if inner != token and len(inner) >= _SHORTEST_ROOT and _forms(inner):
            return inner
    for prefix, suffix in _CIRCUMFIXES:
        if token.startswith(prefix) and token.endswith(suffix):
            inner = token[len(prefix) : len(token) - len(suffix)]
            if len(inner) >= _SHORTEST_ROOT and _forms(inner):
                return inner
    return None


@functools.lru_cache(maxsize=200_000)
def stem_word(token: str) -> str:
    """The stem of one folded token (see the module's docstring for the three steps)."""
    lexicalised = _LEXICALISED.get(token)
    if lexicalised is not None:
        return lexicalised
    if not token.isalpha() or not token.isascii() or len(token) < _SHORTEST_ROOT:
        # Numbers, codes with digits ("uu14"), other scripts: as they are or by Snowball.
        return token if not token.isalpha() else str(_snowball.stemWord(token))
    root = dictionary_root(token)
    if root is not None:
        return _LEXICALISED.get(root, root)
    inner = _known_inside(token)
    if inner is not None:
        return stem_word(inner)
    return str(_snowball.stemWord(token))


def snowball_stem(token: str) -> str:
    """Snowball's stem alone (the fallback; ``bench/stemming.py`` compares with it)."""
    return str(_snowball.stemWord(token))


def stems(text: str) -> list[str]:
    """The stems of ``text`` in order (duplicates kept: positions matter for ranking)."""
    return [stem_word(token) for token in normalise(text)]


def stem_text(text: str) -> str:
    """What the index stores and the databases tokenise: stems separated by spaces."""
    return " ".join(stems(text))


def query_stems(text: str) -> list[str]:
    """The distinct stems of a query, in the order typed."""
    return list(dict.fromkeys(stems(text)))


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) for each searchable word of ``text``, in the original text.

    Folding can change the length of a character (``ﬁ`` → ``fi``), so each word is
    folded on its own and its span stays that of the original characters. Stemming is
    left to the caller, which only stems the words that may match (it is the costly part).
    """
    spans = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        # An ASCII word lower-cases to exactly one token; only others need folding.
        tokens = (word.lower(),) if word.isascii() else _TOKEN.findall(fold(word))
        for token in tokens:
            if len(token) <= MAX_TOKEN_LENGTH and token not in STOP_WORDS:
                spans.append((match.start(), match.end(), token))
    return spans
