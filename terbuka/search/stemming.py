"""Indonesian tokens and stems for search, computed once in Python.

Both databases index the output of :func:`stem_text` (PostgreSQL with the ``simple``
configuration, SQLite FTS5 with ``unicode61``), so a query matches the same documents on
each (PITFALLS.md 4). The stemmer is Snowball's Indonesian algorithm through PyStemmer,
the C build of the same algorithm as ``snowballstemmer``: about twenty times faster, which
matters when a million DIP entries are (re)indexed.

Snowball conflates ``anggaran``, ``penganggaran``, ``dianggarkan`` and
``menganggarkan`` to ``anggar``, so no second pass is needed for those. It mangles some
meN-/peN- forms whose root starts with a consonant that the prefix swallows (``pemohon``
→ ``pohon``, a tree; ``mengelola`` → ``elola`` while ``dikelola`` → ``kelola``; ``menulis``
→ ``ulis``): :data:`ROOT_FORMS` lists the roots of public-information vocabulary where
that happens and fixes their forms before Snowball runs.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

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

# Roots whose affixed forms Snowball stems inconsistently, with the forms to fix.
ROOT_FORMS: dict[str, tuple[str, ...]] = {
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
_OVERRIDES = {form: root for root, forms in ROOT_FORMS.items() for form in forms}

# A token: a run of Unicode letters and digits (no underscore), as FTS5's unicode61 sees it.
_TOKEN = re.compile(r"[^\W_]+")
# Longer "words" are noise (hashes, base64) and PostgreSQL drops lexemes over 2 KB anyway.
MAX_TOKEN_LENGTH = 40

_stemmer = Stemmer.Stemmer("indonesian")


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


@functools.lru_cache(maxsize=50_000)
def stem_word(token: str) -> str:
    """The stem of one folded token."""
    override = _OVERRIDES.get(token)
    if override is not None:
        return override
    if token.isdigit():
        return token
    return str(_stemmer.stemWord(token))


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
