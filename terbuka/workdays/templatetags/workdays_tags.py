"""Template access to deadline explanations (``terbuka.workdays.explanation``)::

{% load workdays_tags %}
{% for line in info_request.due_explanation|explanation %}
  <li>{% explain_line line "requests/_due_line.txt" %}</li>
{% endfor %}
"""

from __future__ import annotations

from django import template

from terbuka.workdays import explanation as explaining
from terbuka.workdays.counting import Line

register = template.Library()


@register.filter
def explanation(stored: object) -> list[Line]:
    return explaining.read(stored)


@register.simple_tag
def explain_line(line: Line, template_name: str = explaining.LINE_TEMPLATE) -> str:
    # simple_tag escapes the result where the page autoescapes (HTML), not in e-mails.
    return explaining.render(line, template_name)
