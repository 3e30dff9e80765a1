"""Highlighted snippets, built only from the public text stored in the index
(PITFALLS.md 12: a snippet from unredacted source text leaks). The text is HTML-escaped
piece by piece and only our own ``<mark>`` tags are added."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from html import escape  # the plain function: Django's lazy-aware wrapper costs 3× per call

from django.utils.safestring import SafeString, mark_safe

from terbuka.search import stemming

SNIPPET_WORDS = 30
# How far into a long document a snippet looks for a match (keeps a page of long
# documents fast; the beginning is shown when the match lies further in).
SCAN_CHARS = 20_000
# The stretch of text around the first likely match that is tokenised.
WINDOW_BEFORE = 200
WINDOW_CHARS = 700  # about 100 words, for a snippet of 30


def _could_match(probes: Collection[str]) -> Callable[[str], bool]:
    """A cheap test of a token before stemming it: a stem appears in its word, except that
    meN-/peN- may replace the stem's first letter (tulis → menulis), hence the probe without
    it, and that a lexicalised stem's forms are probes of their own. Whether any probe is
    in the token, as one search of their alternation (a generator per token cost more than
    the stemming it saves on a page of twenty snippets)."""
    if not probes:
        return lambda _token: False
    search = re.compile("|".join(re.escape(probe) for probe in sorted(probes))).search
    return lambda token: search(token) is not None


# Sources join the fields of what they index with a blank line (``PART_SEPARATOR``): a
# snippet is taken from the one field that matched, never across two of them (issue 13).
PART_SEPARATOR = "\n\n"


def _probes(stems: Collection[str]) -> set[str]:
    probes = {stem[1:] if len(stem) > 3 else stem for stem in stems}
    # A lexicalised stem's forms need not contain it (pengumuman ← diumumkan).
    probes.update(form for stem in stems for form in stemming.LEXICALISED_FORMS.get(stem, ()))
    return probes


def _matches(text: str, stems: Collection[str], probes: Collection[str]) -> list[tuple[int, int]]:
    """The spans of the words of ``text`` whose stem is one of ``stems``."""
    wanted = set(stems)
    could_match = _could_match(probes)
    return [
        (start, end)
        for start, end, token in stemming.word_spans(text)
        if could_match(token) and stemming.stem_word(token) in wanted
    ]


def whole(text: str, stems: Collection[str]) -> SafeString:
    """All of ``text`` (a title: never cut), its matching words marked."""
    probes = _probes(stems)
    pieces: list[str] = []
    cursor = 0
    for start, end in _matches(text, stems, probes) if probes else []:
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text is escaped)


def snippet(text: str, stems: Collection[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of the first field of ``text`` that holds a match (the whole
    text when its source does not separate fields), around its densest run of matches; the
    first field when none matches (the match was in the title)."""
    parts = [part for part in text.split(PART_SEPARATOR) if part.strip()]
    if not parts:
        return mark_safe("")
    probes = _probes(stems)
    pattern = re.compile("|".join(re.escape(probe) for probe in probes), re.I) if probes else None
    scanned = 0
    for part in parts:
        if scanned > SCAN_CHARS:
            break
        window = part[: SCAN_CHARS - scanned]
        scanned += len(window)
        if pattern is not None and pattern.search(window) and _matches(window, stems, probes):
            return highlight(part, stems, words=words)
    return highlight(parts[0], stems, words=words)


def highlight(text: str, stems: Collection[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of ``text`` around the densest run of matches, matches marked."""
    if not text:
        return mark_safe("")
    probes = _probes(stems)
    # Tokenise only a window around the first likely match: a long document costs no
    # more than a short one.
    found = re.search("|".join(re.escape(probe) for probe in probes), text[:SCAN_CHARS], re.I)
    offset = max(0, found.start() - WINDOW_BEFORE) if found else 0
    if offset:
        offset = text.find(" ", offset) + 1 or offset
    scanned = text[offset : offset + WINDOW_CHARS]
    spans = stemming.word_spans(scanned)
    if not spans:
        return mark_safe(escape(scanned[:200]))  # noqa: S308 (escaped)
    wanted = set(stems)
    could_match = _could_match(probes)
    hits = [
        i
        for i, (_start, _end, token) in enumerate(spans)
        if could_match(token) and stemming.stem_word(token) in wanted
    ]
    cut_short = offset + len(scanned) < len(text)
    text = scanned
    # The window of ``words`` words holding the most matches (the first such window).
    best_start, best_count = 0, 0
    left = 0
    for right, position in enumerate(hits):
        while position - hits[left] >= words:
            left += 1
        if right - left + 1 > best_count:
            best_count, best_start = right - left + 1, hits[left]
    first = max(0, best_start - 3) if best_count else 0
    last = min(len(spans), first + words) - 1
    pieces: list[str] = []
    if first > 0 or offset > 0:
        pieces.append("… ")
    # The text between two marked words escaped as one run (escaping is character by
    # character: the same as word by word, at a fraction of the calls).
    cursor = spans[first][0]
    for i in hits:
        if first <= i <= last:
            start, end, _token = spans[i]
            pieces.append(escape(text[cursor:start]))
            pieces.append(f"<mark>{escape(text[start:end])}</mark>")
            cursor = end
    pieces.append(escape(text[cursor : spans[last][1]]))
    cursor = spans[last][1]
    if last < len(spans) - 1 or cut_short:
        pieces.append(" …")
    else:
        pieces.append(escape(text[cursor : cursor + 20]))  # the closing punctuation
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text is escaped)
