"""Highlighted snippets, built only from the public text stored in the index
(PITFALLS.md 12: a snippet from unredacted source text leaks). The text is HTML-escaped
piece by piece and only our own ``<mark>`` tags are added."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from html import escape  # the plain function: Django's lazy-aware wrapper costs 3× per call
from typing import NamedTuple

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


class _Matcher(NamedTuple):
    wanted: frozenset[str]
    probes: frozenset[str]
    could_match: Callable[[str], bool]
    # Where a probe first appears in a text (case-insensitive); None without probes.
    find: Callable[..., re.Match[str] | None] | None

    def is_match(self, token: str) -> bool:
        return self.could_match(token) and stemming.stem_word(token) in self.wanted


@functools.lru_cache(maxsize=256)
def _matcher(stems: frozenset[str]) -> _Matcher:
    """What every snippet and title of one search needs from its stems, made once per
    set of stems instead of once per hit."""
    probes = frozenset(_probes(stems))
    find = (
        re.compile("|".join(re.escape(probe) for probe in sorted(probes)), re.I).search
        if probes
        else None
    )
    return _Matcher(stems, probes, _could_match(probes), find)


def _matches(text: str, matcher: _Matcher) -> list[tuple[int, int]]:
    """The spans of the words of ``text`` whose stem is one of the matcher's stems."""
    return [
        (start, end) for start, end, token in stemming.word_spans(text) if matcher.is_match(token)
    ]


def _any_match(text: str, matcher: _Matcher) -> bool:
    """Whether a word of ``text`` has one of the stems: stops at the first one."""
    return any(matcher.is_match(token) for _start, _end, token in stemming.word_spans(text))


def whole(text: str, stems: Collection[str]) -> SafeString:
    """All of ``text`` (a title: never cut), its matching words marked."""
    matcher = _matcher(frozenset(stems))
    pieces: list[str] = []
    cursor = 0
    for start, end in _matches(text, matcher) if matcher.probes else []:
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
    if len(parts) == 1:  # one field: shown whether it matches or not
        return highlight(parts[0], stems, words=words)
    matcher = _matcher(frozenset(stems))
    scanned = 0
    for part in parts:
        if scanned > SCAN_CHARS:
            break
        window = part[: SCAN_CHARS - scanned]
        scanned += len(window)
        if matcher.find is not None and matcher.find(window) and _any_match(window, matcher):
            return highlight(part, stems, words=words)
    return highlight(parts[0], stems, words=words)


def highlight(text: str, stems: Collection[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About ``words`` words of ``text`` around the densest run of matches, matches marked."""
    if not text:
        return mark_safe("")
    matcher = _matcher(frozenset(stems))
    # Tokenise only a window around the first likely match: a long document costs no
    # more than a short one.
    found = matcher.find(text, 0, SCAN_CHARS) if matcher.find is not None else None
    offset = max(0, found.start() - WINDOW_BEFORE) if found else 0
    if offset:
        offset = text.find(" ", offset) + 1 or offset
    scanned = text[offset : offset + WINDOW_CHARS]
    spans = stemming.word_spans(scanned)
    if not spans:
        return mark_safe(escape(scanned[:200]))  # noqa: S308 (escaped)
    hits = [i for i, (_start, _end, token) in enumerate(spans) if matcher.is_match(token)]
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
