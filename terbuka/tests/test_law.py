"""The statutory periods in ``terbuka.law`` have the values the law sets (DOMAIN.md), and
the rules that apply them read them from there."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine

from terbuka import law
from terbuka.catalog.actions import update_due
from terbuka.catalog.models import Category
from terbuka.requests import actions
from terbuka.requests.forms import ExtendForm
from terbuka.requests.models import ServiceSettings
from terbuka.testing import register_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_it_holds_the_periods_of_the_law() -> None:
    # UU 14/2008
    assert law.NOTICE_WORKING_DAYS == 10  # Pasal 22(7)
    assert law.NOTICE_EXTENSION_MAX_WORKING_DAYS == 7  # Pasal 22(8)
    assert law.BERKALA_UPDATE_MONTHS == 6  # Pasal 9(3)
    assert law.LETTER_A_EXEMPTION_MAX_YEARS == 30  # Pasal 20; PP 61/2010
    assert law.OBJECTION_FILING_WORKING_DAYS == 30  # Pasal 36(1)
    assert law.OBJECTION_ANSWER_WORKING_DAYS == 30  # Pasal 36(2)
    assert law.DISPUTE_FILING_WORKING_DAYS == 14  # Pasal 37(2); Perki 1/2013 Pasal 5, 13
    # PP 61/2010 Pasal 11
    assert law.EXEMPTION_END_WARNING_WORKING_DAYS == 30
    # Perki 1/2013 Pasal 41
    assert (law.MEDIATION_WORKING_DAYS, law.MEDIATION_EXTENSION_WORKING_DAYS) == (14, 7)
    # UU 14/2008 Pasal 38(1), 38(2), 48(1); Perki 1/2013 Pasal 60
    assert law.DISPUTE_START_WORKING_DAYS == 14
    assert law.DISPUTE_SETTLEMENT_WORKING_DAYS == 100
    assert law.DECISION_CHALLENGE_WORKING_DAYS == 14
    # UU 27/2022 Pasal 30–32 and 46: 3×24 calendar hours
    assert dt.timedelta(hours=72) == law.DATA_SUBJECT_RESPONSE_TIME
    assert dt.timedelta(hours=72) == law.BREACH_NOTIFY_TIME
    # Practice, each body's own choice: the default
    assert law.IDENTITY_COMPLETION_WORKING_DAYS == 3


def test_the_extension_limit_is_the_laws(world: Any) -> None:
    form = ExtendForm(data={"days": law.NOTICE_EXTENSION_MAX_WORKING_DAYS + 1, "reason": "x"})
    assert not form.is_valid()
    assert "7 hari kerja" in str(ExtendForm().fields["days"].help_text)
    at = dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB)
    with time_machine.travel(at, tick=False):
        info_request = register_request(world, received_at=at)
        with pytest.raises(actions.ActionError) as error:
            actions.extend(
                actor=world.utama,
                info_request=info_request,
                days=law.NOTICE_EXTENSION_MAX_WORKING_DAYS + 1,
                reason="Data di 14 kabupaten.",
            )
    assert "paling lama 7 hari kerja" in error.value.messages[0]


def test_the_practice_default_comes_from_law(world: Any) -> None:
    settings = ServiceSettings.objects.create(body=world.province)
    assert settings.identity_days == law.IDENTITY_COMPLETION_WORKING_DAYS


def test_berkala_updates_are_due_after_the_laws_months() -> None:
    due = update_due(Category.BERKALA, dt.date(2025, 8, 31), None)
    assert due == dt.date(2026, 2, 28)  # 6 months, clamped to the month's end
