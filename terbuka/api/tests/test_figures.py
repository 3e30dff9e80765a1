"""The public figures of the API: a body's statistics as the statistics page counts them and
the survey's results as /survei/hasil/ shows them, never a requester or a comment, and a
clear problem in Indonesian for a period or year it cannot answer."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client

from terbuka import law
from terbuka.reports import periods, statistics
from terbuka.survey import actions as survey_actions
from terbuka.testing import NIK_SATU, World, grant_request, submit_request

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
CODES = [code for code, _label in law.SKM_ELEMENTS]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def _answered(world: World, day: dt.date) -> object:
    with time_machine.travel(at(day), tick=False):
        return grant_request(world.utama, submit_request(world, body=world.agency_a))


def _figures(answer: dict[str, object]) -> dict[str, object]:
    return {
        figure["key"]: figure["value"]
        for section in answer["sections"]  # type: ignore[attr-defined]
        for figure in section["figures"]
    }


def test_it_gives_a_bodys_statistics_as_the_statistics_page_counts_them(
    client: Client, world: World
) -> None:
    _answered(world, dt.date(2025, 3, 3))
    with time_machine.travel(at(dt.date(2025, 8, 4)), tick=False):
        submit_request(world, body=world.agency_a, subject="Anggaran perjalanan dinas")
    body = world.province

    year = client.get(f"/api/v1/statistics/{body.slug}/?period=2025")

    assert year.status_code == 200
    answer = year.json()
    expected = statistics.compute(body, periods.year(2025))
    assert _figures(answer) == {
        figure.key: figure.value for section in expected.sections for figure in section.figures
    }
    assert answer["received"] == 2
    assert _figures(answer)["outcome.granted"] == 1
    assert _figures(answer)["outcome.open"] == 1
    assert answer["period"] == {
        "key": "2025",
        "kind": "year",
        "start": "2025-01-01",
        "end": "2025-12-31",
        "label": "Tahun 2025",
    }
    assert answer["body"] == {"slug": body.slug, "name": body.name}
    assert answer["empty"] is False and answer["note"] is None
    # Only counts: no requester, no request.
    text = year.content.decode()
    requester = world.requester
    for personal in (requester.get_full_name(), NIK_SATU, requester.email, "Anggaran perjalanan"):
        assert personal not in text
    first_half = client.get(f"/api/v1/statistics/{body.slug}/?period=2025-1").json()
    assert first_half["received"] == 1 and first_half["period"]["end"] == "2025-06-30"
    august = client.get(f"/api/v1/statistics/{body.slug}/?period=2025-08").json()
    assert august["received"] == 1 and _figures(august)["outcome.open"] == 1


def test_it_says_so_for_a_period_with_nothing_in_it(client: Client, world: World) -> None:
    answer = client.get(f"/api/v1/statistics/{world.agency_b.slug}/?period=2019").json()

    assert answer["empty"] is True
    assert answer["received"] == 0
    assert answer["note"] == "Tidak ada permohonan, keberatan, maupun sengketa pada Tahun 2019."


@pytest.mark.parametrize(
    ("period", "detail"),
    [
        ("abc", "Periode “abc” tidak dikenali"),
        ("2025-13", "Periode “2025-13” tidak dikenali"),
        ("0000", "Tahun harus antara 2008 dan"),
        ("9999-2", "Tahun harus antara 2008 dan"),
        ("2007", "Tahun harus antara 2008 dan"),
    ],
)
def test_it_refuses_a_period_it_cannot_count_with_a_problem_in_indonesian(
    client: Client, world: World, period: str, detail: str
) -> None:
    response = client.get(f"/api/v1/statistics/{world.province.slug}/?period={period}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert detail in response.json()["detail"]


def test_it_answers_an_unknown_body_or_a_missing_period_with_a_problem(
    client: Client, world: World
) -> None:
    unknown = client.get("/api/v1/statistics/tidak-ada/?period=2025")
    missing = client.get(f"/api/v1/statistics/{world.province.slug}/")

    assert unknown.status_code == 404
    assert unknown["Content-Type"] == "application/problem+json"
    assert missing.status_code in (400, 422)
    assert missing["Content-Type"] == "application/problem+json"


def test_it_gives_the_survey_results_without_a_comment_or_an_identity(
    client: Client, world: World
) -> None:
    first = _answered(world, dt.date(2025, 3, 3))
    second = _answered(world, dt.date(2025, 3, 4))
    with time_machine.travel(at(dt.date(2025, 3, 12)), tick=False):
        survey_actions.answer(
            actor=None,
            info_request=first,  # type: ignore[arg-type]
            scores=dict(zip(CODES, (4, 3, 4, 2, 3, 4, 4, 2, 3), strict=True)),
            comment="Petugas Andi ramah, telp 081234567890",
        )
        survey_actions.answer(
            actor=None,
            info_request=second,  # type: ignore[arg-type]
            scores=dict(zip(CODES, (3, 3, 4, 3, 3, 3, 4, 2, 3), strict=True)),
        )

    response = client.get("/api/v1/survey/?year=2025")

    assert response.status_code == 200
    answer = response.json()
    assert answer["year"] == 2025 and answer["years"] == [2025]
    # As /survei/hasil/ shows it: 79,17 and, for the first element, 3,50.
    assert answer["overall"]["respondents"] == 2
    assert answer["overall"]["converted"] == 79.17
    assert answer["overall"]["element_means"][CODES[0]] == 3.5
    assert answer["overall"]["grade"]["letter"] == "B"
    [row] = answer["bodies"]
    assert row["body"]["slug"] == world.agency_a.slug
    assert row["result"]["respondents"] == 2
    assert [item["code"] for item in answer["elements"]] == CODES
    text = response.content.decode()
    assert "081234567890" not in text and "Andi" not in text
    assert world.requester.get_full_name() not in text
    # The default year is the last one with answers.
    assert client.get("/api/v1/survey/").json()["year"] == 2025


def test_it_gives_an_empty_survey_year_and_refuses_a_year_out_of_range(
    client: Client, world: World
) -> None:
    empty = client.get("/api/v1/survey/?year=2019").json()
    too_early = client.get("/api/v1/survey/?year=1900")
    not_a_year = client.get("/api/v1/survey/?year=abc")

    assert empty["overall"] is None and empty["bodies"] == []
    assert too_early.status_code == 400
    assert "Tahun harus antara 2008 dan" in too_early.json()["detail"]
    assert not_a_year.status_code in (400, 422)
    assert not_a_year["Content-Type"] == "application/problem+json"
