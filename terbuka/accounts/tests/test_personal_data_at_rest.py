"""No personal field is stored in clear text (issue #2, "Done when")."""

from __future__ import annotations

from typing import Any

from django.db import connection

from terbuka.accounts.models import RequesterProfile
from terbuka.testing import NIK_SATU


def test_it_stores_nik_address_and_phone_encrypted(world: Any) -> None:
    profile = RequesterProfile.objects.get(user=world.requester)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nik, nik_hash, address, phone, full_name FROM accounts_requesterprofile"
            " WHERE id = %s",
            [profile.pk],
        )
        nik, nik_hash, address, phone, full_name = cursor.fetchone()
    raw = f"{nik} {nik_hash} {address} {phone}"
    assert NIK_SATU not in raw
    assert "6271" not in nik
    assert "Tjilik Riwut" not in raw
    assert "Palangka Raya" not in raw
    assert "081234567890" not in raw
    assert full_name == "Siti Rahmawati"

    # The ORM gives them back.
    assert profile.nik == NIK_SATU
    assert profile.address == "Jl. Tjilik Riwut Km 5 No. 12, Palangka Raya"
    assert profile.phone == "081234567890"


def test_it_encrypts_the_same_nik_differently_each_time(world: Any) -> None:
    other = RequesterProfile.objects.get(user=world.other_requester)
    other.set_nik(NIK_SATU)
    other.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik, nik_hash FROM accounts_requesterprofile ORDER BY id")
        rows = cursor.fetchall()
    assert rows[0][0] != rows[1][0]
    # ... while the keyed hash finds them both.
    assert rows[0][1] == rows[1][1]
    assert RequesterProfile.objects.filter(nik_hash=rows[0][1]).count() == 2
