"""The search page's query and filters, validated like any other input. The category,
form and kind filters offer what the registered sources declare (``registry.py``)."""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from terbuka.bodies import tree
from terbuka.bodies.models import Body
from terbuka.prepared import Prepared
from terbuka.search import registry
from terbuka.search.models import SearchDocument
from terbuka.widgets import PlainInput, PlainSelect, PreparedChoices, options_once

KIND_ALL = "semua"
# The "every kind" choice names what the registered sources hold, in the product's words.
KIND_ALL_LABEL = _("Informasi publik dan permohonan yang dijawab")


class FastSelect(forms.Select):
    """A select whose options are built in Python. Django's default renders one template
    per option, which cost tens of milliseconds for the few hundred bodies of a province
    on every search page (PITFALLS.md 7); the markup is the same. (``html.escape``: the
    plain function, not Django's lazy-aware wrapper, which costs more per call.)"""

    # (value, label) pairs given directly, bypassing choice normalisation.
    given_options: list[tuple[str, str]] | PreparedChoices | None = None

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(item) for item in values if item not in (None, "")}
        given = self.given_options if self.given_options is not None else self.choices

        def write() -> str:
            return "".join(
                f'<option value="{escape(str(key))}"{" selected" if str(key) in selected else ""}>'
                f"{escape(str(label))}</option>"
                for key, label in given
            )

        # A process's list of bodies: its options written once per language and choice.
        options = options_once(given, selected, write)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            mark_safe(options),  # noqa: S308 (escaped above)
        )


def _edge_year(order: str) -> Prepared:
    return Prepared(
        lambda: (
            SearchDocument.objects.filter(year__isnull=False)
            .order_by(order)
            .values_list("year")[:1]
        ),
        ("year",),
    )


# The first and last year are two separate one-row reads of the year index (SQLite scans
# the whole table for a query holding both MIN and MAX), compiled once per process
# (``terbuka/prepared.py``): on every search page, building the two querysets cost more
# than reading the index.
_FIRST_YEAR = _edge_year("year")
_LAST_YEAR = _edge_year("-year")


def year_choices() -> list[tuple[str, str]]:
    """Years present in the index, newest first."""
    first = _FIRST_YEAR.rows()
    last = _LAST_YEAR.rows()
    if not first or not last:
        return []
    return [(str(year), str(year)) for year in range(last[0][0], first[0][0] - 1, -1)]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Kata kunci"),
        required=False,
        max_length=500,
        widget=PlainInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # A slug checked in clean_badan: a ChoiceField would normalise and scan the few
    # hundred body choices on every request.
    badan = forms.CharField(label=_("Badan publik"), required=False, widget=FastSelect)
    # The choices of kategori, bentuk and jenis come from the sources, in __init__.
    kategori = forms.ChoiceField(label=_("Kategori"), required=False, widget=FastSelect)
    tahun = forms.TypedChoiceField(
        label=_("Tahun"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
        widget=FastSelect,
    )
    bentuk = forms.ChoiceField(label=_("Bentuk informasi"), required=False, widget=PlainSelect)
    jenis = forms.ChoiceField(label=_("Jenis"), required=False, widget=FastSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The active bodies by name from this process's tree of bodies (``bodies.tree``),
        # the list kept with it: no query, no 500 pairs built per page (issue 14).
        current = tree.snapshot()
        bodies = current.memo(
            "search_body_options", lambda: [(b.slug, b.name) for b in current.active]
        )
        self.fields["badan"].widget.given_options = PreparedChoices(
            [("", _("Semua badan publik"))], bodies
        )
        # Pairs in Django's normal form, taken as they are (``PreparedChoices``): not
        # normalised again on every search.
        self.fields["tahun"].choices = PreparedChoices([("", _("Semua tahun"))], year_choices())  # type: ignore[attr-defined]
        self.fields["kategori"].choices = PreparedChoices(  # type: ignore[attr-defined]
            [("", _("Semua kategori"))], registry.categories()
        )
        self.fields["bentuk"].choices = PreparedChoices(  # type: ignore[attr-defined]
            [("", _("Semua bentuk"))],
            [(choice.value, choice.label) for choice in registry.form_choices()],
        )
        self.fields["jenis"].choices = PreparedChoices(  # type: ignore[attr-defined]
            [(KIND_ALL, KIND_ALL_LABEL)],
            [(source.kind, source.filter_label) for source in registry.sources()],
        )

    def clean_badan(self) -> Body | None:
        slug = self.cleaned_data.get("badan")
        if not slug:
            return None
        body = Body.objects.active().filter(slug=slug).first()
        if body is None:
            raise forms.ValidationError(_("Badan publik ini tidak ditemukan."), code="invalid_body")
        return body

    def body(self) -> Body | None:
        return self.cleaned_data.get("badan")

    def kinds(self) -> tuple[str, ...]:
        kind = self.cleaned_data.get("jenis") or KIND_ALL
        return registry.kinds() if kind == KIND_ALL else (kind,)
