"""The officer's case page organised around the work (issue 13): a summary with what is
next, the sections whose actions fit now first and open, the notice form showing only the
chosen outcome's fields (a first step without JavaScript), and every action returning to
the section it changed with its message there (Post/Redirect/Get)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.requests.models import InfoRequest, Notice
from terbuka.testing import draft_answer, forward_to_a, submit_request


def page_url(info_request: InfoRequest) -> str:
    return reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})


def action_url(name: str, info_request: InfoRequest) -> str:
    return reverse(name, kwargs={"public_id": info_request.public_id})


def section_order(html: str) -> list[str]:
    return re.findall(r'<details id="([a-z]+)" class="case-section', html)


def open_sections(html: str) -> set[str]:
    return set(re.findall(r'<details id="([a-z]+)" class="case-section[^"]*" open>', html))


def wrapper_of(html: str, field: str) -> str:
    """The opening tag of the wrapper around ``field``'s label."""
    match = re.search(r'(<(?:div|fieldset) class="field"[^>]*>)\s*<label for="id_' + field, html)
    assert match, field
    return match.group(1)


def test_it_puts_forwarding_and_answering_first_on_a_new_request(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    html = client.get(page_url(info_request)).content.decode()
    assert "Disposisikan ke PPID Pelaksana yang menguasai informasinya" in html
    assert section_order(html)[:2] == ["disposisi", "pemberitahuan"]
    assert open_sections(html) == {"disposisi", "pemberitahuan"}
    assert "Dalam waktu" in html  # the deadline's state in words, in the summary


def test_it_puts_the_notice_first_once_the_draft_is_in(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    draft_answer(world, forward_to_a(world, info_request))
    client.force_login(world.utama)
    html = client.get(page_url(info_request)).content.decode()
    assert "Draf jawaban sudah masuk" in html
    assert section_order(html)[0] == "pemberitahuan"


def test_it_shows_a_pelaksana_his_draft_first(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    forward_to_a(world, info_request)
    client.force_login(world.pelaksana_a)
    html = client.get(page_url(info_request)).content.decode()
    assert "Siapkan draf jawaban" in html
    assert section_order(html)[0] == "disposisi"
    assert "pemberitahuan" not in section_order(html)


def test_it_asks_for_the_outcome_first_without_javascript(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    html = client.get(page_url(info_request)).content.decode()
    assert 'name="keputusan" value="granted_in_part"' in html
    assert re.search(r"<form [^>]*data-notice-form hidden>", html)
    chosen = client.get(page_url(info_request), {"keputusan": "granted_in_part"}).content.decode()
    assert 'name="keputusan"' not in chosen
    assert re.search(r"<form [^>]*data-notice-form>", chosen)
    assert "hidden" not in wrapper_of(chosen, "withheld")
    assert "hidden" not in wrapper_of(chosen, "material")
    assert "hidden" in wrapper_of(chosen, "exemption_ground")
    assert "hidden" in wrapper_of(chosen, "holding_body")
    assert 'data-outcomes="refused_exempt"' in wrapper_of(chosen, "consequence_test")
    assert '<option value="granted_in_part" selected>' in chosen


def test_it_saves_only_the_chosen_outcomes_fields(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    data = {
        "outcome": "refused_exempt",
        "exemption_ground": "h.2",
        "consequence_test": "Rahasia pribadi.",
        "pages": 0,
        "fee_per_page": 0,
        "delivery_cost": 0,
    }
    client.post(action_url("requests:save_notice", info_request), data)
    # He changes his mind: the refusal's ground does not stay on the grant.
    data |= {"outcome": "granted", "material": "Salinan data"}
    client.post(action_url("requests:save_notice", info_request), data)
    notice = Notice.objects.get(info_request=info_request)
    assert notice.outcome == "granted" and notice.material == "Salinan data"
    assert notice.exemption_ground == "" and notice.consequence_test == ""


def test_it_returns_to_the_section_that_changed_with_its_message(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    response = client.post(
        action_url("requests:forward", info_request),
        {
            "units": [world.agency_a.pk],
            "instruction": "Siapkan datanya.",
            "internal_due_date": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(info_request) + "#disposisi"
    html = client.get(response["Location"]).content.decode()
    section = html[html.index('<details id="disposisi"') :]
    section = section[: section.index("</details>")]
    assert "sudah didisposisikan" in section
    assert "disposisi" in open_sections(html)
    # Reloading shows the page without the message: nothing is posted twice.
    again = client.get(page_url(info_request)).content.decode()
    assert "sudah didisposisikan" not in again


def test_it_shows_a_refusal_on_the_form_in_its_open_section(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.utama)
    response = client.post(
        action_url("requests:extend", info_request), {"days": 9, "reason": "Data tersebar"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "perpanjangan" in open_sections(html)
    assert "Data tersebar" in html
