"""Pages and e-mails state the law's periods from ``terbuka.law``, never retyped."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.utils import translation

from terbuka import law


def test_the_home_page_states_the_notice_period_from_law(
    client: Client, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "paling lambat 10 hari kerja" in client.get("/").content.decode()
    monkeypatch.setattr(law, "NOTICE_WORKING_DAYS", 12)
    assert "paling lambat 12 hari kerja" in client.get("/").content.decode()


def test_a_period_in_hours_reads_as_days_times_24_in_both_languages() -> None:
    template = Template(
        '{% load i18n law_tags %}{% law_period "BREACH_NOTIFY_TIME" as n %}'
        "{% blocktranslate with n=n %}Batas pemberitahuan ({{ n }}×24 jam){% endblocktranslate %}"
    )
    assert template.render(Context()) == "Batas pemberitahuan (3×24 jam)"
    with translation.override("en"):
        assert template.render(Context()) == "Notification deadline (3×24 hours)"


def test_it_refuses_a_name_that_is_not_a_period() -> None:
    with pytest.raises(TemplateSyntaxError):
        Template('{% load law_tags %}{% law_period "LETTERS" as n %}').render(Context())
