"""The exempt list (DIK): PP 61/2010 Pasal 4(2) fields and rules, and public pages that
show the classification and period, never the content."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from terbuka.catalog.models import Exemption
from terbuka.testing import EXEMPTION_VALUES, PASSWORD, make_exemption


def test_it_records_an_exemption_with_its_consequence_test(world: Any) -> None:
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    assert exemption.ground_label == "Pasal 17 huruf a angka 1 UU 14/2008"
    assert exemption.created_by == world.pelaksana_a


def test_it_refuses_an_officer_of_another_body(world: Any) -> None:
    with pytest.raises(PermissionDenied):
        make_exemption(world.pelaksana_b, world.agency_a)
    assert not Exemption.objects.exists()


@pytest.mark.parametrize("ground", ["a", "c", "e", "f"])
def test_it_requires_a_sub_item_for_letters_a_c_e_f(world: Any, ground: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_exemption(world.pelaksana_a, world.agency_a, ground=ground)
    assert "angka" in str(caught.value.message_dict["ground"])


@pytest.mark.parametrize("ground", ["z", "a.9", "b.1", "", "17a"])
def test_it_refuses_a_ground_that_is_not_in_the_law(world: Any, ground: str) -> None:
    with pytest.raises(ValidationError):
        make_exemption(world.pelaksana_a, world.agency_a, ground=ground)


def test_it_accepts_letters_without_sub_items(world: Any) -> None:
    assert make_exemption(world.pelaksana_a, world.agency_a, ground="i").ground == "i"


def test_it_requires_the_forbidding_law_for_letter_j(world: Any) -> None:
    with pytest.raises(ValidationError):
        make_exemption(world.pelaksana_a, world.agency_a, ground="j")
    assert make_exemption(
        world.pelaksana_a, world.agency_a, ground="j", legal_basis="UU 7/1971 tentang Kearsipan"
    )


def test_it_limits_letter_a_exemptions_to_thirty_years(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        make_exemption(
            world.pelaksana_a,
            world.agency_a,
            period_start=dt.date(2025, 1, 6),
            period_end=dt.date(2055, 1, 7),
        )
    assert "30 tahun" in str(caught.value.message_dict["period_end"])
    assert make_exemption(
        world.pelaksana_a,
        world.agency_a,
        period_start=dt.date(2025, 1, 6),
        period_end=dt.date(2055, 1, 6),
    )


def test_it_refuses_a_period_that_ends_before_it_starts(world: Any) -> None:
    with pytest.raises(ValidationError):
        make_exemption(world.pelaksana_a, world.agency_a, period_end=dt.date(2024, 1, 1))


def test_the_public_page_shows_the_classification_and_never_the_content(
    world: Any, client: Any
) -> None:
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    page = client.get(exemption.get_absolute_url()).content.decode()
    assert "Pasal 17 huruf a angka 1 UU 14/2008" in page
    assert "6 Januari 2027" in page
    assert "PPID Utama Provinsi Kalimantan Tengah" in page
    assert "Sekretaris Daerah Provinsi Kalimantan Tengah" in page
    # No document, download or text of the withheld information.
    assert "/dip/dokumen/" not in page
    assert "Unduh" not in page


def test_the_dik_list_shows_active_exemptions(world: Any, client: Any) -> None:
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    page = client.get(reverse("catalog:exemptions")).content.decode()
    assert exemption.title in page
    assert "Pasal 17 huruf a angka 1" in page


def test_an_officer_edits_an_exemption_through_the_form(world: Any, client: Any) -> None:
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    client.login(username="pelaksana.a", password=PASSWORD)
    data = {key: str(value) for key, value in EXEMPTION_VALUES.items()}
    data.update(ground="c", unit="")
    response = client.post(reverse("catalog:exemption_edit", args=[exemption.public_id]), data)
    assert response.status_code == 400  # refused: the form again, as typed
    assert "angka" in response.content.decode()
    data.update(ground="c.6")
    response = client.post(reverse("catalog:exemption_edit", args=[exemption.public_id]), data)
    assert response.status_code == 302
    exemption.refresh_from_db()
    assert exemption.ground == "c.6"


def test_an_officer_creates_an_exemption_through_the_form(world: Any, client: Any) -> None:
    client.login(username="pelaksana.a", password=PASSWORD)
    data = {key: str(value) for key, value in EXEMPTION_VALUES.items()}
    data["unit"] = ""
    response = client.post(reverse("catalog:exemption_create"), data)
    assert response.status_code == 302
    assert Exemption.objects.get().body == world.agency_a


def test_another_body_cannot_edit_an_exemption(world: Any, client: Any) -> None:
    exemption = make_exemption(world.pelaksana_a, world.agency_a)
    client.login(username="pelaksana.b", password=PASSWORD)
    assert (
        client.get(reverse("catalog:exemption_edit", args=[exemption.public_id])).status_code == 403
    )
