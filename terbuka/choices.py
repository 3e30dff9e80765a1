"""The labels of a ``TextChoices`` in the active language, translated once per process.

``get_FOO_display()`` translates the choice's lazy label again on every call; over a list
of a hundred rows that was a large part of the API's DIP page (bench/api.py). A list reads
its labels from the dict this returns instead: built on first use for each choices class
and language, then kept (the translation catalogues do not change while a process runs).
"""

from __future__ import annotations

from django.db import models
from django.utils import translation

_LABELS: dict[tuple[type[models.Choices], str], dict[str, str]] = {}


def labels(choices: type[models.Choices]) -> dict[str, str]:
    """Each value's label in the active language, as ``get_FOO_display()`` shows it.

    A value outside the choices has no label; show the value itself, as Django does:
    ``labels(Category).get(value, value)``.
    """
    key = (choices, translation.get_language() or "")
    found = _LABELS.get(key)
    if found is None:
        found = _LABELS[key] = {str(value): str(label) for value, label in choices.choices}
    return found
