"""The demo has objections in every state, and the Atasan PPID's login shows them."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts.models import User
from terbuka.remedies.models import Objection, Response, Status


def test_the_demo_has_objections_in_every_state_and_one_going_to_the_commission(
    seeded_demo: None,
) -> None:
    assert set(Objection.objects.values_list("status", flat=True)) == set(Status.values)
    assert Objection.objects.filter(response=Response.TO_COMMISSION, status=Status.UPHELD).exists()
    # And one without a request: berkala information not provided (ground b).
    berkala = Objection.objects.get(info_request__isnull=True)
    assert berkala.grounds == ["b"]
    assert berkala.catalog_entry is not None
    # Seeding again adds nothing.
    before = Objection.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Objection.objects.count() == before


def test_the_demo_atasan_sees_his_inbox_and_decides(seeded_demo: None) -> None:
    atasan = User.objects.get(username="atasan.kalteng")
    # The demo officers' authenticator has its own tests (accounts); here: the inbox.
    TOTPDevice.objects.filter(user=atasan).delete()
    client = Client()
    client.force_login(atasan)
    undecided = Objection.objects.get(status=Status.RECEIVED, info_request__isnull=False)
    inbox = client.get(reverse("remedies:inbox")).content.decode()
    assert undecided.number in inbox
    page = client.get(reverse("remedies:officer_detail", kwargs={"public_id": undecided.public_id}))
    assert "Kirim tanggapan" in page.content.decode()
