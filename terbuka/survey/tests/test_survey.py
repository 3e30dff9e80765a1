"""The satisfaction survey (SKM, PermenPANRB 14/2017) as a requester and the public meet it:
one rating per answered request through its link, no account needed, the index computed
by hand, the results without anybody's identity or comment."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from terbuka import law
from terbuka.requests.errors import ActionError
from terbuka.requests.models import InfoRequest
from terbuka.survey import actions, index, links
from terbuka.survey.models import Answer, Invitation
from terbuka.testing import World, grant_request, submit_request

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
CODES = [code for code, _label in law.SKM_ELEMENTS]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=WIB)


def answered(world: World, day: dt.date = dt.date(2025, 3, 3), **extra: Any) -> InfoRequest:
    with time_machine.travel(at(day), tick=False):
        info_request = submit_request(world, body=world.agency_a, **extra)
        return grant_request(world.utama, info_request)


def scores(*values: int) -> dict[str, int]:
    return dict(zip(CODES, values, strict=True))


def form_data(values: dict[str, int], **extra: str) -> dict[str, Any]:
    return {**{code: str(value) for code, value in values.items()}, **extra}


# --- the index, by hand ---------------------------------------------------------------------


def test_the_index_is_the_mean_of_the_element_means_times_25() -> None:
    # Two respondents: element means 3.5, 3, 4, 2.5, 3, 3.5, 4, 2, 3 → sum 28.5,
    # index 28.5 / 9 = 3.1666… → 3.17; converted 79.1666… → 79.17, grade B.
    result = index.compute([scores(4, 3, 4, 2, 3, 4, 4, 2, 3), scores(3, 3, 4, 3, 3, 3, 4, 2, 3)])
    assert result is not None
    assert result.respondents == 2
    assert result.element_means["u1"] == Decimal("3.50")
    assert result.element_means["u4"] == Decimal("2.50")
    assert result.index == Decimal("3.17")
    assert result.converted == Decimal("79.17")
    assert result.grade.letter == "B"


@pytest.mark.parametrize(
    ("converted", "letter"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_the_grades_follow_the_regulations_thresholds(converted: str, letter: str) -> None:
    assert index.grade_of(Decimal(converted)).letter == letter


def test_no_answers_give_no_index_and_bad_scores_are_refused() -> None:
    assert index.compute([]) is None
    assert index.from_sums(0, dict.fromkeys(CODES, 0)) is None
    with pytest.raises(ValueError, match="u3"):
        index.compute([scores(4, 4, 5, 4, 4, 4, 4, 4, 4)])


# --- answering ------------------------------------------------------------------------------


def test_a_requester_without_an_account_rates_once_through_the_link(world: World) -> None:
    info_request = answered(world)
    client = Client()
    url = links.path(info_request)
    with time_machine.travel(at(dt.date(2025, 3, 10)), tick=False):
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert html.count("<fieldset") == 9 and html.count("<legend>") == 9
        response = client.post(url, form_data(scores(4, 4, 3, 4, 3, 4, 4, 3, 4), comment="Cepat."))
        assert response.status_code == 302
        again = client.post(url, form_data(scores(1, 1, 1, 1, 1, 1, 1, 1, 1)))
    assert again.status_code == 200
    assert "sudah diisi" in again.content.decode()
    answer = Answer.objects.get()
    assert answer.scores() == scores(4, 4, 3, 4, 3, 4, 4, 3, 4)
    assert answer.body == world.agency_a
    assert answer.ppid_body == world.province


def test_a_forged_link_an_open_request_and_an_expired_link_get_a_clear_message(
    world: World,
) -> None:
    info_request = answered(world)
    forged = reverse(
        "survey:answer", kwargs={"public_id": info_request.public_id, "code": "aaaaaaaaaa"}
    )
    assert Client().get(forged).status_code == 404
    with time_machine.travel(at(dt.date(2025, 3, 3)), tick=False):
        still_open = submit_request(world, body=world.agency_a)
    response = Client().get(links.path(still_open))
    assert response.status_code == 410
    assert "setelah permohonan Anda dijawab" in response.content.decode()
    late = info_request.answered_at + dt.timedelta(days=actions.ANSWER_WINDOW_DAYS + 1)
    with time_machine.travel(late, tick=False):
        response = Client().post(links.path(info_request), form_data(scores(*[4] * 9)))
    assert response.status_code == 410
    assert "sudah berakhir" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_missing_element_keeps_the_others_and_saves_nothing(world: World) -> None:
    info_request = answered(world)
    data = form_data(scores(4, 4, 3, 4, 3, 4, 4, 3, 4))
    del data["u5"]
    with time_machine.travel(at(dt.date(2025, 3, 10)), tick=False):
        response = Client().post(links.path(info_request), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih nilai untuk unsur ini." in html
    assert 'name="u1" value="4" id="id_u1_3" required checked' in html
    assert not Answer.objects.exists()
    with pytest.raises(ActionError):
        actions.answer(actor=None, info_request=info_request, scores={"u1": 9})


def test_the_requester_page_offers_the_survey_and_the_officer_gets_a_qr_code(
    world: World,
) -> None:
    info_request = answered(world)
    requester = Client()
    requester.force_login(world.requester)
    with time_machine.travel(at(dt.date(2025, 3, 10)), tick=False):
        page = requester.get(info_request.get_absolute_url()).content.decode()
        assert links.path(info_request) in page
        officer = Client()
        officer.force_login(world.utama)
        officer_page = officer.get(
            reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})
        ).content.decode()
    assert links.url(info_request) in officer_page
    assert "<svg" in officer_page


def test_invitations_go_once_to_answered_requests(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    info_request = answered(world)
    mail.outbox.clear()
    with (
        time_machine.travel(at(dt.date(2025, 3, 4)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert actions.send_invitations() == 1
        assert actions.send_invitations() == 0
    assert Invitation.objects.get().info_request == info_request
    assert len(mail.outbox) == 1
    assert links.url(info_request) in mail.outbox[0].body
    assert mail.outbox[0].to == [world.requester.email]


# --- results --------------------------------------------------------------------------------


def test_the_results_page_shows_counts_and_means_but_no_comment_or_identity(
    world: World,
) -> None:
    first = answered(world)
    second = answered(world, dt.date(2025, 3, 4))
    with time_machine.travel(at(dt.date(2025, 3, 12)), tick=False):
        actions.answer(
            actor=None,
            info_request=first,
            scores=scores(4, 3, 4, 2, 3, 4, 4, 2, 3),
            comment="Petugas Andi ramah, telp 081234567890",
        )
        actions.answer(actor=None, info_request=second, scores=scores(3, 3, 4, 3, 3, 3, 4, 2, 3))
    html = Client().get(reverse("survey:results") + "?tahun=2025").content.decode()
    assert world.agency_a.name in html
    # Indonesian decimals: 79,17 and 3,50.
    assert "<td>79,17</td>" in html
    assert "<td>3,50</td>" in html
    assert "081234567890" not in html and "Andi" not in html
    assert world.requester.get_full_name() not in html
    empty = Client().get(reverse("survey:results") + "?tahun=2019").content.decode()
    assert "Belum ada jawaban survei untuk tahun 2019" in empty
    assert Client().get(reverse("survey:results") + "?tahun=abc").status_code == 200
