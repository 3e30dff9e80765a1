"""Deadline explanations put into words: the stored lines (``counting.Line`` as JSON) read
back and rendered by one template per owner, in the reader's language, dates in the site's
format. Nothing else turns an explanation into text.

``workdays/_explain_line.txt`` words the counting's own lines; an owner that adds kinds of
its own (the request's rule and its extension) has a template that words those and
includes this one for the rest (``requests/_due_line.txt``).
"""

from __future__ import annotations

from django.template import Context
from django.template.loader import get_template

from terbuka.workdays.counting import Line

LINE_TEMPLATE = "workdays/_explain_line.txt"


def read(stored: object) -> list[Line]:
    """Lines from a stored explanation (a JSON list, or already ``Line`` objects); a line
    stored as text before the explanation was data is shown as it was written."""
    if not isinstance(stored, list):
        return []
    return [item if isinstance(item, Line) else Line.from_json(item) for item in stored]


def render(line: Line, template: str = LINE_TEMPLATE) -> str:
    """One line as plain, unescaped text (the caller escapes it for HTML)."""
    compiled = get_template(template).template  # type: ignore[attr-defined]
    text: str = compiled.render(Context({"line": line}, autoescape=False))
    return text.strip()


def text(lines: object, template: str = LINE_TEMPLATE) -> list[str]:
    """Every line worded: ``lines`` is a stored explanation or a list of ``Line``."""
    return [render(line, template) for line in read(lines)]
