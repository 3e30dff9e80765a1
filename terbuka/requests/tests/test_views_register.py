"""Registration by officers of requests received at the desk, by letter, e-mail or phone."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from terbuka.requests.models import InfoRequest

REGISTER = "/permohonan/petugas/daftarkan/"


def walk_in(world: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "token": "b" * 32,
        "body": world.province.pk,
        "channel": "walk_in",
        "received_at": "2025-03-03T10:15",
        "requester_type": "individual",
        "name": "Rahmat Hidayat",
        "nik": "6271010505850002",
        "address": "Jl. Yos Sudarso No. 3, Palangka Raya",
        "phone": "0812000111",
        "subject": "Rencana kerja dinas tahun 2025",
        "how_to_obtain": "view",
    }
    data.update(overrides)
    return data


def test_it_is_where_the_inbox_links(db: Any) -> None:
    assert reverse("requests:register") == REGISTER


def test_it_registers_a_walk_in_request_with_its_real_time(client: Client, world: Any) -> None:
    client.force_login(world.operator)
    response = client.post(REGISTER, walk_in(world), follow=True)
    info_request = InfoRequest.objects.get()
    assert info_request.channel == "walk_in"
    assert info_request.registered_by == world.operator
    assert info_request.received_at.isoformat().startswith("2025-03-03T03:15")  # WIB = UTC+7
    html = response.content.decode()
    assert f"nomor {info_request.number}" in html
    assert info_request.requester_nik == "6271010505850002"


def test_it_refuses_an_invalid_nik_and_keeps_the_form(client: Client, world: Any) -> None:
    client.force_login(world.operator)
    response = client.post(REGISTER, walk_in(world, nik="6271010113900001"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "NIK" in html and "bulan lahir" in html
    assert "Rahmat Hidayat" in html
    assert "Rencana kerja dinas tahun 2025" in html
    assert not InfoRequest.objects.exists()


def test_it_keeps_what_was_typed_when_fields_are_missing(client: Client, world: Any) -> None:
    client.force_login(world.operator)
    response = client.post(REGISTER, walk_in(world, subject="", address=""))
    assert response.status_code == 400
    assert "Rahmat Hidayat" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_it_refuses_a_time_in_the_future(client: Client, world: Any) -> None:
    client.force_login(world.operator)
    response = client.post(REGISTER, walk_in(world, received_at="2999-01-01T10:00"))
    assert response.status_code == 400
    assert "masa depan" in response.content.decode()


def test_it_makes_one_request_when_sent_twice(client: Client, world: Any) -> None:
    client.force_login(world.operator)
    client.post(REGISTER, walk_in(world))
    client.post(REGISTER, walk_in(world))
    assert InfoRequest.objects.count() == 1


def test_it_offers_only_the_officers_own_bodies(client: Client, world: Any) -> None:
    client.force_login(world.regency_officer)
    response = client.post(REGISTER, walk_in(world))
    assert response.status_code == 400
    assert not InfoRequest.objects.exists()
    bodies = list(client.get(REGISTER).context["form"].fields["body"].queryset)
    assert world.province not in bodies
    assert world.regency in bodies


def test_it_is_for_officers_only(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    assert client.get(REGISTER).status_code == 403
