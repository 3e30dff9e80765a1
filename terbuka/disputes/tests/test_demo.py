"""The demo has the dispute the requester took to the Komisi Informasi, and one that came
in outside the platform; the operator's login lists them."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts.models import User
from terbuka.disputes.models import Dispute, Stage


def test_the_demo_has_a_registered_dispute_and_an_external_decided_one(seeded_demo: None) -> None:
    from_objection = Dispute.objects.get(objection__isnull=False)
    assert from_objection.registration_number and from_objection.limit_due
    assert from_objection.stage == Stage.ADJUDICATION
    assert from_objection.hearings.filter(result__gt="").exists()  # the pemeriksaan awal
    external = Dispute.objects.get(objection__isnull=True)
    assert external.is_external and external.stage == Stage.DECIDED and external.orders_release
    call_command("seed_demo", stdout=io.StringIO())
    assert Dispute.objects.count() == 2


def test_the_demo_operator_and_the_objector_see_it(seeded_demo: None) -> None:
    operator = User.objects.get(username="operator.kalteng")
    TOTPDevice.objects.filter(user=operator).delete()
    client = Client()
    client.force_login(operator)
    listed = client.get(reverse("disputes:inbox")).content.decode()
    dispute = Dispute.objects.get(objection__isnull=False)
    assert dispute.registration_number in listed
    assert client.get(dispute.get_absolute_url()).status_code == 200
    objector = Client()
    assert dispute.objection is not None and dispute.objection.requester is not None
    objector.force_login(dispute.objection.requester)
    page = objector.get(
        reverse("remedies:detail", kwargs={"public_id": dispute.objection.public_id})
    ).content.decode()
    assert dispute.registration_number in page
