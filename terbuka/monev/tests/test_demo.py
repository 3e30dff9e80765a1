"""The demo has the province's monev self-assessment submitted (by its PPID Utama) and a
draft of Kabupaten Barito Utara's, and running it again changes nothing."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts.models import User
from terbuka.monev import summary
from terbuka.monev.models import Assessment, Status


def test_the_demo_has_a_submitted_and_a_draft_self_assessment(seeded_demo: None) -> None:
    province = Assessment.objects.get(body__code="KALTENG")
    regency = Assessment.objects.get(body__code="BARUT")
    assert province.status == Status.SUBMITTED and province.saq_score is not None
    assert regency.status == Status.DRAFT
    # Prefilled answers say where they came from.
    assert province.answers.exclude(prefill_source="").exists()
    results = summary.scores_for([province.body_id, regency.body_id], province.year)
    assert results[province.body_id].status == "submitted"
    assert results[province.body_id].score == province.saq_score
    assert results[regency.body_id].status == "draft"

    utama = User.objects.get(username="utama.kalteng")
    TOTPDevice.objects.filter(user=utama).delete()  # the demo's second factor, not tested here
    client = Client()
    client.force_login(utama)
    page = client.get(results[province.body_id].url)
    assert page.status_code == 200
    assert results[province.body_id].predicate in page.content.decode()

    call_command("seed_demo", stdout=io.StringIO())
    assert Assessment.objects.count() == 2
