"""The law's periods in templates, so that a page or an e-mail never retypes them:
``{% load law_tags %}{% law_period "NOTICE_WORKING_DAYS" as days %}``, then
``{% blocktranslate with days=days %}… {{ days }} hari kerja …{% endblocktranslate %}``.
A period in hours (3×24) is given as its number of days."""

from __future__ import annotations

import datetime as dt

from django import template

from terbuka import law

register = template.Library()


@register.simple_tag
def law_period(name: str) -> int:
    value = getattr(law, name)
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds() // 86400)
    if not isinstance(value, int):
        raise template.TemplateSyntaxError(f"law.{name} is not a period")
    return value
