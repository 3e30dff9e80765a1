import datetime as dt
import zoneinfo

import pytest
import time_machine

from terbuka.requests.models import NumberSequence, ServiceSettings
from terbuka.testing import register_request, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@time_machine.travel(dt.datetime(2025, 11, 3, 9, 0, tzinfo=WIB), tick=False)
def test_it_numbers_in_the_default_format_with_the_body_code(world):
    info_request = submit_request(world)
    assert info_request.number == "0001/PPID-KALTENG/XI/2025"
    assert (info_request.number_year, info_request.number_seq) == (2025, 1)


@time_machine.travel(dt.datetime(2025, 11, 3, 9, 0, tzinfo=WIB), tick=False)
def test_it_uses_the_configured_code_and_format(world):
    ServiceSettings.objects.create(body=world.province, number_code="DISKOMINFOSANTIK")
    NumberSequence.objects.create(body=world.province, year=2025, last=41)
    assert submit_request(world).number == "0042/PPID-DISKOMINFOSANTIK/XI/2025"
    ServiceSettings.objects.filter(body=world.province).update(
        number_format="{year}/{code}/{month:02d}/{seq:05d}"
    )
    assert submit_request(world).number == "2025/DISKOMINFOSANTIK/11/00043"


def test_it_numbers_each_ppid_body_separately(world):
    first = submit_request(world, body=world.agency_a)
    second = submit_request(world, body=world.agency_b)
    regency = submit_request(world, body=world.regency_agency)
    assert (first.number_seq, second.number_seq, regency.number_seq) == (1, 2, 1)
    assert "PPID-BARUT" in regency.number
    assert regency.ppid_body == world.regency


def test_it_restarts_the_sequence_each_year_by_local_time(world):
    # 31 Dec 2025 18:00 UTC is already 1 Jan 2026 01:00 in Jakarta.
    register_request(world, received_at=dt.datetime(2025, 12, 31, 9, 0, tzinfo=WIB))
    new_year = register_request(world, received_at=dt.datetime(2025, 12, 31, 18, 0, tzinfo=dt.UTC))
    assert new_year.number == "0001/PPID-KALTENG/I/2026"


def test_it_gives_back_the_number_of_a_rolled_back_submission(world):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        submit_request(world)
        raise RuntimeError("the outer transaction fails after the submission")
    assert submit_request(world).number_seq == 1


def test_it_refuses_a_format_with_an_unknown_placeholder(world):
    from django.core.exceptions import ValidationError

    settings = ServiceSettings(body=world.province, number_format="{seq}/{unknown}")
    with pytest.raises(ValidationError):
        settings.clean()
