"""Form widgets for long choice lists on public pages.

Django renders each ``<option>`` of a ``Select`` through its own template: a picker of
500 bodies cost more than the rest of the DIP page together (issue 14). ``QuickSelect``
writes the same HTML (``optgroup`` groups included) with one string join.
``PreparedChoices`` hands a field such a list as it is: Django normalises a plain list of
choices every time a form is built, 500 tuples per request.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(item) for item in (value if isinstance(value, list | tuple) else [value])}
        chosen.discard("None")
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        pieces = [f"<select{flatatt(final_attrs)}>"]

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
        pieces.append("</select>")
        return mark_safe("".join(pieces))  # noqa: S308 (every value and label is escaped)


class PreparedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form (``(value, label)`` pairs, or groups of
    them), e.g. kept per process, joined in order and taken by a field or widget as they
    are."""

    def __init__(self, *parts: Iterable[tuple[Any, Any]]) -> None:
        self.parts = parts

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return itertools.chain.from_iterable(self.parts)
