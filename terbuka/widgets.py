"""Form widgets for long choice lists on public pages.

Django renders each ``<option>`` of a ``Select`` through its own template: a picker of
500 bodies cost more than the rest of the DIP page together (issue 14). ``QuickSelect``
writes the same HTML (``optgroup`` groups included) with one string join.
``PreparedChoices`` hands a field such a list as it is: Django normalises a plain list of
choices every time a form is built, 500 tuples per request. The options of such a list
with nothing or the empty choice selected (every visit without a filter) are written once
per process, list and language and kept with the list (``_options``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe

# A long list's options as written for (its identity, the short lists' values and labels,
# the language, the chosen values): kept with the list itself, so an identity is never
# taken by another list while its entry lives. A handful of lists per tree of bodies.
_OPTIONS: dict[tuple[Any, ...], tuple[tuple[Any, ...], str]] = {}
_OPTIONS_MAX = 64
LONG = 16


def options_once(choices: Any, chosen: set[str], write: Callable[[], str]) -> str:
    """The options ``write()`` gives for ``choices``, kept when they are a process's list
    (``PreparedChoices``) and at most one value is chosen: written once per list, language
    and choice instead of on every page."""
    if (
        not isinstance(choices, PreparedChoices)
        or len(chosen) > 1
        or not all(isinstance(part, list | tuple) for part in choices.parts)
    ):
        return write()
    parts: list[Any] = list(choices.parts)
    # The long parts by identity (a process's list), the short ones by what they say.
    kept = tuple(part for part in parts if len(part) > LONG)
    key = (
        tuple(id(part) for part in kept),
        tuple(
            tuple((value, str(label)) for value, label in part)
            for part in parts
            if len(part) <= LONG
        ),
        translation.get_language(),
        frozenset(chosen),
    )
    found = _OPTIONS.get(key)
    if found is not None and all(a is b for a, b in zip(found[0], kept, strict=True)):
        return found[1]
    written = write()
    if len(_OPTIONS) >= _OPTIONS_MAX:
        _OPTIONS.clear()
    _OPTIONS[key] = (kept, written)
    return written


class QuickSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(item) for item in (value if isinstance(value, list | tuple) else [value])}
        chosen.discard("None")
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = self._options(chosen)
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308 (escaped)

    def _options(self, chosen: set[str]) -> str:
        return options_once(self.choices, chosen, lambda: self._write(chosen))

    def _write(self, chosen: set[str]) -> str:
        pieces = []

        def option(option_value: Any, label: Any) -> str:
            text = "" if option_value is None else str(option_value)
            selected = " selected" if text in chosen else ""
            return f'<option value="{escape(text)}"{selected}>{escape(str(label))}</option>'

        for group_value, group_label in self.choices:
            if isinstance(group_label, list | tuple):
                pieces.append(f'<optgroup label="{escape(str(group_value))}">')
                pieces += [option(v, label) for v, label in group_label]
                pieces.append("</optgroup>")
            else:
                pieces.append(option(group_value, group_label))
        return "".join(pieces)


class PlainSelect(forms.Select):
    """A short ``Select`` with Django's markup (the name first, the empty choice selected
    when nothing is, the same attributes) but written in Python: Django renders it with a
    template per option, a millisecond for a page's three filters (issue 14). Only the
    whitespace between the options differs."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        pieces = [f'<select name="{escape(name)}"{flatatt(final_attrs)}>']
        found = False
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = not found and text in chosen
            found = found or selected
            pieces.append(
                f'<option value="{escape(text)}"{" selected" if selected else ""}>'
                f"{escape(str(label))}</option>"
            )
        pieces.append("</select>")
        return mark_safe("".join(pieces))  # noqa: S308 (every value and label is escaped)


def _input(widget: dict[str, Any]) -> SafeString:
    """Django's ``input.html`` for a widget's context: the type and name, the value when
    there is one, then the attributes (``True`` written bare, ``False`` left out)."""
    pieces = [f'<input type="{escape(str(widget["type"]))}" name="{escape(str(widget["name"]))}"']
    if widget["value"] is not None:
        pieces.append(f' value="{escape(str(widget["value"]))}"')
    for attr, attr_value in widget["attrs"].items():
        if attr_value is True:
            pieces.append(f" {escape(str(attr))}")
        elif attr_value is not False:
            pieces.append(f' {escape(str(attr))}="{escape(str(attr_value))}"')
    pieces.append(">")
    return mark_safe("".join(pieces))  # noqa: S308 (every value is escaped)


class PlainInput(forms.TextInput):
    """A ``TextInput`` (``type`` from its attributes, e.g. ``search``) with Django's markup
    written in Python: through Django's two widget templates one input cost a tenth of a
    millisecond on every search page (issue 14)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return _input(self.get_context(name, value, attrs)["widget"])


class PlainCheckbox(forms.CheckboxInput):
    """A ``CheckboxInput`` (``checked`` when ticked) with Django's markup written in
    Python, as ``PlainInput`` (the officer inbox's "mine" filter, issue 14)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return _input(self.get_context(name, value, attrs)["widget"])


class PreparedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form (``(value, label)`` pairs, or groups of
    them), e.g. kept per process, joined in order and taken by a field or widget as they
    are."""

    def __init__(self, *parts: Iterable[tuple[Any, Any]]) -> None:
        self.parts = parts

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return itertools.chain.from_iterable(self.parts)
