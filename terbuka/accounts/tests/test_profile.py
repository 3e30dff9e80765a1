from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from terbuka import crypto
from terbuka.accounts.models import RequesterProfile
from terbuka.audit.models import AuditRecord
from terbuka.testing import NIK_SATU

URL = reverse("accounts:profile")


def profile_data(**overrides: str) -> dict[str, str]:
    data = {
        "requester_type": "individual",
        "full_name": "Siti Rahmawati",
        "nik": "",
        "legal_entity_decree": "",
        "address": "Jl. Yos Sudarso No. 3, Palangka Raya",
        "phone": "0812 5555 1234",
    }
    data.update(overrides)
    return data


def test_it_sends_anonymous_visitors_to_login(client: Client, db: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_the_nik_masked_and_never_in_full(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    content = client.get(URL).content.decode()
    assert "6271********0001" in content
    assert NIK_SATU not in content


def test_it_keeps_the_stored_nik_when_the_field_is_left_empty(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    response = client.post(URL, profile_data())
    assert response.status_code == 302
    profile = RequesterProfile.objects.get(user=world.requester)
    assert profile.nik == NIK_SATU
    assert profile.address == "Jl. Yos Sudarso No. 3, Palangka Raya"
    assert profile.phone == "0812 5555 1234"


def test_it_saves_a_new_nik_with_its_keyed_hash(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    response = client.post(URL, profile_data(nik="6271 0505 0585 0002"))
    assert response.status_code == 302
    profile = RequesterProfile.objects.get(user=world.requester)
    assert profile.nik == "6271050505850002"
    assert profile.nik_hash == crypto.keyed_hash(profile.nik)
    assert RequesterProfile.objects.filter(nik_hash=crypto.keyed_hash("6271050505850002"))


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("627101410190001", "NIK harus terdiri dari 16 angka"),
        ("62710141019000AB", "NIK harus terdiri dari 16 angka"),
        ("6271014113900001", "bulan lahir dan harus antara 01 dan 12"),
        ("6271010001900001", "tanggal lahir (01–31, atau 41–71 untuk perempuan)"),
        ("6271014101900000", "Empat angka terakhir NIK tidak boleh 0000"),
        ("9999014101900001", "Kode provinsi pada NIK (dua angka pertama) tidak dikenal"),
    ],
)
def test_it_refuses_a_malformed_nik_and_saves_nothing(
    client: Client, world: Any, nik: str, message: str
) -> None:
    client.force_login(world.requester)
    before = RequesterProfile.objects.get(user=world.requester)
    response = client.post(URL, profile_data(nik=nik, full_name="Nama Baru"))
    assert response.status_code == 200
    errors = response.context["form"].errors["nik"]
    assert any(message in error for error in errors), errors
    content = response.content.decode()
    # What was typed stays in the form.
    assert 'value="Nama Baru"' in content
    assert "Jl. Yos Sudarso No. 3, Palangka Raya" in content
    after = RequesterProfile.objects.get(user=world.requester)
    assert after.nik == before.nik == NIK_SATU
    assert after.full_name == "Siti Rahmawati"
    assert after.address == before.address
    assert not AuditRecord.objects.filter(action="profile.updated").exists()


def test_it_asks_a_legal_entity_for_its_decree(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    response = client.post(URL, profile_data(requester_type="legal_entity"))
    assert response.status_code == 200
    assert response.context["form"].errors["legal_entity_decree"] == [
        "Badan hukum wajib mengisi nomor SK pengesahan badan hukum."
    ]


def test_it_drops_the_nik_when_the_requester_becomes_a_legal_entity(
    client: Client, world: Any
) -> None:
    client.force_login(world.requester)
    response = client.post(
        URL,
        profile_data(
            requester_type="legal_entity",
            full_name="Yayasan Sungai Kahayan",
            legal_entity_decree="AHU-0012345.AH.01.04.Tahun 2020",
            nik=NIK_SATU,
        ),
    )
    assert response.status_code == 302
    profile = RequesterProfile.objects.get(user=world.requester)
    assert profile.requester_type == "legal_entity"
    assert profile.legal_entity_decree == "AHU-0012345.AH.01.04.Tahun 2020"
    assert profile.nik == ""
    assert profile.nik_hash == ""


def test_it_refuses_a_phone_with_letters(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    response = client.post(URL, profile_data(phone="telepon saya"))
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors


def test_it_records_which_fields_changed_but_not_their_values(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    client.post(URL, profile_data(nik="6271010505850002"))
    audit = AuditRecord.objects.get(action="profile.updated")
    assert audit.detail == {"fields": ["address", "nik", "phone"]}
    assert "6271010505850002" not in f"{audit.summary}{audit.detail}"
    assert "Yos Sudarso" not in f"{audit.summary}{audit.detail}"


def test_it_creates_a_profile_for_a_user_without_one(client: Client, world: Any) -> None:
    RequesterProfile.objects.filter(user=world.requester).delete()
    client.force_login(world.requester)
    assert client.get(URL).status_code == 200
    response = client.post(URL, profile_data(nik=NIK_SATU))
    assert response.status_code == 302
    assert RequesterProfile.objects.get(user=world.requester).nik == NIK_SATU


def test_it_shows_an_officer_his_roles_and_bodies(client: Client, world: Any) -> None:
    client.force_login(world.atasan)
    response = client.get(URL)
    content = response.content.decode()
    assert "Atasan PPID" in content
    assert "Provinsi Kalimantan Tengah" in content
    assert "Sekretaris Daerah" in content
    assert 'name="nik"' not in content


def test_it_keeps_the_personal_data_off_the_public_pages(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    for url in ["/", reverse("bodies:directory")]:
        content = client.get(url).content.decode()
        assert NIK_SATU not in content
        assert "Tjilik Riwut" not in content
        assert "081234567890" not in content


def test_it_goes_back_to_next_once_the_identity_is_complete(client: Client, world: Any) -> None:
    RequesterProfile.objects.filter(user=world.requester).update(address="")
    client.force_login(world.requester)
    url = URL + "?next=/permohonan/baru/"
    page = client.get(url).content.decode()
    assert 'name="next" value="/permohonan/baru/"' in page

    incomplete = client.post(url, profile_data(address=""))
    assert incomplete.status_code == 302
    assert incomplete["Location"] == URL + "?next=%2Fpermohonan%2Fbaru%2F"

    complete = client.post(url, profile_data())
    assert complete["Location"] == "/permohonan/baru/"


def test_it_refuses_an_open_redirect_after_saving(client: Client, world: Any) -> None:
    client.force_login(world.requester)
    response = client.post(URL + "?next=https://evil.example/", profile_data())
    assert response.status_code == 302
    assert response["Location"] == URL
