"""The public pages' pickers written in Python (``terbuka/widgets.py``, issue 14) give the
markup Django's ``Select`` gives, whitespace aside, and a kept list of options is written
again when what it shows changes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from terbuka.widgets import PlainInput, PlainSelect, PreparedChoices, QuickSelect

CHOICES = [("", _("Semua")), ("a", "A & <b>"), ("b", "\"B\" 'b'"), ("b", "B again")]


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("value", [None, "", "a", "b", "zz"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_it_writes_what_djangos_select_writes(value: Any, language: str) -> None:
    with translation.override(language):
        django_select = forms.Select(choices=CHOICES).render("f", value, {"id": "id_f"})
        plain = PlainSelect(choices=CHOICES).render("f", value, {"id": "id_f"})
    assert squeeze(plain) == squeeze(django_select)


def test_it_writes_a_kept_list_again_for_another_language_or_choice() -> None:
    bodies = [(f"badan-{n}", f"Badan {n}") for n in range(40)]

    def render(value: Any) -> str:
        widget = QuickSelect()
        widget.choices = PreparedChoices([("", _("Semua"))], bodies)
        return widget.render("badan", value, {"id": "id_badan"})

    with translation.override("id"):
        first, again = render(None), render(None)
        chosen = render("badan-7")
    with translation.override("en"):
        english = render(None)
    assert first == again and ">Semua</option>" in first
    assert '<option value="badan-7" selected>' in chosen and " selected" not in first
    assert ">All</option>" in english


@pytest.mark.parametrize("value", [None, "", "anggaran kesehatan", "\"a\" & <b> 'c'", 12])
@pytest.mark.parametrize(
    "attrs",
    [
        {"type": "search", "autocomplete": "off"},
        {"required": True, "disabled": False, "maxlength": 500},
        {},
    ],
)
def test_its_input_writes_what_djangos_text_input_writes(value: Any, attrs: dict[str, Any]) -> None:
    django_input = forms.TextInput(attrs=attrs).render("q", value, {"id": "id_q"})
    plain = PlainInput(attrs=attrs).render("q", value, {"id": "id_q"})
    assert plain == django_input.strip()
