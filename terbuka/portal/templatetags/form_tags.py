"""Filters of the shared form partial (templates/partials/form_fields.html): what the error
summary links to, and which notes under a field describe its input (issue 13)."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.safestring import SafeString

register = template.Library()

# Rendered as a <fieldset> with a <legend>: one question, several inputs.
GROUP_WIDGETS = {"radioselect", "checkboxselectmultiple"}


@register.filter
def is_group(field: BoundField) -> bool:
    return field.widget_type in GROUP_WIDGETS


@register.filter
def anchor(field: BoundField) -> str:
    """The id the error summary links to: the input, or a group's first choice."""
    if field.id_for_label:
        return field.id_for_label
    return f"{field.auto_id}_0" if field.auto_id else ""


@register.filter
def max_chars(field: BoundField) -> int | None:
    """The limit of a text area that has one (shown with a counter)."""
    if field.widget_type != "textarea":
        return None
    return getattr(field.field, "max_length", None)


@register.filter
def limits(field: BoundField) -> str:
    """What a file input takes, from the form field (``requests.forms.MultipleFileField``)."""
    return str(getattr(field.field, "limits", "") or "")


def described_by(field: BoundField) -> str:
    """The ids of the notes under ``field``: help, limits, counter, error — in that order."""
    if not field.auto_id:
        return ""
    notes = [
        ("helptext", bool(field.help_text)),
        ("limits", bool(limits(field))),
        ("counter", bool(max_chars(field))),
        ("error", bool(field.errors)),
    ]
    return " ".join(f"{field.auto_id}_{name}" for name, present in notes if present)


register.filter("described_by", described_by)


@register.filter
def wrapper_attrs(field: BoundField) -> SafeString:
    """Attributes a form puts on a field's wrapper (``field.wrapper_attrs``): e.g. the
    notice form's outcome a field belongs to, and ``hidden`` when it is not the chosen one."""
    return flatatt(getattr(field.field, "wrapper_attrs", None) or {})


@register.filter
def widget(field: BoundField) -> SafeString:
    """The input with ``aria-describedby`` naming every note under it (Django names only
    help and error); a text area with a limit also points the counter script at its note."""
    attrs: dict[str, str | bool] = {}
    ids = described_by(field)
    if ids and not is_group(field) and not field.field.widget.attrs.get("aria-describedby"):
        attrs["aria-describedby"] = ids
    if max_chars(field) and field.auto_id:
        attrs["data-counter"] = f"{field.auto_id}_counter"
    return field.as_widget(attrs=attrs)
