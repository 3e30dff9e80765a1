"""Who can be found: the sources of the search index.

The search app indexes, queries and shows; it does not know what a DIP entry or an
information request is (the apps above it do). Each app that has public things to find
registers one ``Source`` in its ``AppConfig.ready``, as ``workdays/hooks.py`` does for
calendar changes::

    from terbuka.search.registry import register_source

    register_source(ENTRY_SOURCE)

A source says what of its objects the index holds (public text only, PITFALLS.md 12),
which of them are public, and which filter values the search page offers for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

# A label: a plain string or a lazy translation.
Label = str | Promise

# SearchDocument.kind holds at most this many characters.
MAX_KIND_CHARS = 10


@dataclass(frozen=True)
class IndexDocument:
    """What the index stores of one public object. Everything here may be shown to
    anyone: the snippets are built from ``text``."""

    object_id: int
    body_id: int
    title: str
    text: str
    url: str
    category: str = ""
    year: int | None = None
    # The object's available form, one of the values of its source's ``forms``.
    form: str = ""
    published_on: dt.date | None = None


@dataclass(frozen=True)
class FormChoice:
    """A value of the "form" filter and the stored forms it accepts (a "softcopy" filter
    also finds what is available in both forms)."""

    value: str
    label: Label
    accepts: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    # Stored in SearchDocument.kind and given to the search as a filter value.
    kind: str
    # What one object is called in counts ("entri DIP": "12 entri DIP").
    noun: Label
    # The search page's "only these" filter choice, and the badge on each of its hits.
    filter_label: Label
    badge: Label
    # The object's document if it is public now, None otherwise (or if it is gone).
    # Reads the database as the caller's transaction sees it.
    document: Callable[[int], IndexDocument | None]
    # Every public object's document, for a full rebuild.
    public_documents: Callable[[], Iterable[IndexDocument]]
    # The category and form filter values the search page offers for this source.
    categories: Sequence[tuple[str, Label]] = ()
    forms: Sequence[FormChoice] = ()
    # The badge beside a suggestion on the request form (none: shown without a badge).
    suggestion_badge: Label = ""
    # Where the source comes among the sources (the kind filter, counts), lower first;
    # apps are ready in INSTALLED_APPS order, which is not the order users read them in.
    position: int = 0


_sources: dict[str, Source] = {}


def register_source(source: Source) -> Source:
    """Register ``source``; registering a source of the same kind again replaces it."""
    # The kind is also a facet token beside the words (backends.facet_tokens): letters and
    # digits only, or the full-text tokenizers would split it.
    if not re.fullmatch(rf"[a-z0-9]{{1,{MAX_KIND_CHARS}}}", source.kind):
        raise ValueError(f"a source kind is 1 to {MAX_KIND_CHARS} a-z/0-9: {source.kind!r}")
    _sources[source.kind] = source
    return source


def unregister_source(kind: str) -> None:
    """Forget the source of ``kind`` (for tests); an unknown kind is ignored."""
    _sources.pop(kind, None)


def sources() -> list[Source]:
    """The registered sources by ``position`` (then in the order they were registered)."""
    return sorted(_sources.values(), key=lambda item: item.position)


def source(kind: str) -> Source:
    try:
        return _sources[kind]
    except KeyError:
        raise LookupError(f"no search source is registered for kind {kind!r}") from None


def kinds() -> tuple[str, ...]:
    return tuple(item.kind for item in sources())


def categories() -> list[tuple[str, Label]]:
    """Every source's category filter values, each value once."""
    seen: dict[str, Label] = {}
    for item in sources():
        for value, label in item.categories:
            seen.setdefault(value, label)
    return list(seen.items())


def form_choices() -> list[FormChoice]:
    """Every source's form filter values, each value once."""
    seen: dict[str, FormChoice] = {}
    for item in sources():
        for choice in item.forms:
            seen.setdefault(choice.value, choice)
    return list(seen.values())
