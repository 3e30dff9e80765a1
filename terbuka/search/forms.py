"""The search page's query and filters, validated like any other input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.bodies.models import Body
from terbuka.catalog.models import Category
from terbuka.search.models import Form, Kind, SearchDocument

KIND_ALL = "semua"


def year_choices() -> list[tuple[str, str]]:
    """Years present in the index, newest first.

    The first and last year are two separate one-row reads of the year index: SQLite
    scans the whole table for a query holding both MIN and MAX."""
    years = SearchDocument.objects.filter(year__isnull=False).values_list("year", flat=True)
    first = years.order_by("year").first()
    last = years.order_by("-year").first()
    if first is None or last is None:
        return []
    return [(str(year), str(year)) for year in range(last, first - 1, -1)]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Kata kunci"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    badan = forms.ModelChoiceField(
        label=_("Badan publik"),
        queryset=Body.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Semua badan publik"),
    )
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        choices=[("", _("Semua kategori")), *Category.choices],
    )
    tahun = forms.TypedChoiceField(
        label=_("Tahun"), required=False, coerce=int, empty_value=None, choices=[]
    )
    bentuk = forms.ChoiceField(
        label=_("Bentuk informasi"),
        required=False,
        choices=[
            ("", _("Semua bentuk")),
            (Form.SOFTCOPY, _("Softcopy")),
            (Form.HARDCOPY, _("Hardcopy")),
        ],
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[
            (KIND_ALL, _("Informasi publik dan permohonan yang dijawab")),
            (Kind.DIP, _("Hanya informasi publik (DIP)")),
            (Kind.REQUEST, _("Hanya permohonan yang sudah dijawab")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["badan"].queryset = Body.objects.active().only(  # type: ignore[attr-defined]
            "pk", "name", "slug"
        )
        self.fields["tahun"].choices = [("", _("Semua tahun")), *year_choices()]  # type: ignore[attr-defined]

    def kinds(self) -> tuple[str, ...]:
        kind = self.cleaned_data.get("jenis") or KIND_ALL
        return (Kind.DIP, Kind.REQUEST) if kind == KIND_ALL else (kind,)
