"""The demo publishes each PPID body's Ringkasan akses, and its PPID Utama reads the
register and the statistics."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts.models import User
from terbuka.catalog.models import Entry
from terbuka.reports import periods
from terbuka.requests.models import InfoRequest


def test_the_demo_publishes_the_summaries_once(seeded_demo: None) -> None:
    current = periods.semester_of(timezone.localdate())
    summaries = Entry.objects.filter(source_key__startswith="terbuka:ringkasan-akses:")
    assert summaries.filter(source_key=f"terbuka:ringkasan-akses:{current.key}").exists()
    before = summaries.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert summaries.count() == before
    texts = " ".join(summaries.values_list("summary", flat=True))
    assert "a. Jumlah permohonan yang diterima:" in texts
    # The public reaches it from the body's DIP, as the leak scan's crawl does.
    entry = summaries.get(body__slug="provinsi-kalimantan-tengah", source_key__endswith=current.key)
    dip = Client().get(reverse("catalog:body_dip", kwargs={"slug": "provinsi-kalimantan-tengah"}))
    assert entry.get_absolute_url() in dip.content.decode()
    page = Client().get(entry.get_absolute_url()).content.decode()
    assert "/dip/dokumen/" in page


def test_the_demo_utama_reads_the_register_and_the_statistics(seeded_demo: None) -> None:
    utama = User.objects.get(username="utama.kalteng")
    # The demo officers' authenticator has its own tests (accounts); here: the pages.
    TOTPDevice.objects.filter(user=utama).delete()
    client = Client()
    client.force_login(utama)
    register = client.get(reverse("reports:register_list"), {"badan": "provinsi-kalimantan-tengah"})
    assert register.status_code == 200
    handled = InfoRequest.objects.filter(ppid_body__slug="provinsi-kalimantan-tengah")
    assert handled.exists()
    assert handled.exclude(number="").first().number in register.content.decode()  # type: ignore[union-attr]
    year = timezone.localdate().year
    statistics = client.get(reverse("reports:statistics"), {"tahun": year})
    assert statistics.status_code == 200
    assert 'data-figure="received.total"' in statistics.content.decode()


def test_the_demo_has_final_and_draft_annual_reports(seeded_demo: None) -> None:
    from terbuka.reports.models import AnnualReport, Status

    province = AnnualReport.objects.filter(body__slug="provinsi-kalimantan-tengah")
    this_year = timezone.localdate().year
    final = province.get(year=this_year - 1)
    assert final.status == Status.FINAL and final.entry is not None
    assert province.get(year=this_year).status == Status.DRAFT
    call_command("seed_demo", stdout=io.StringIO())
    assert province.count() == 2
    # The published report is reached from the body's DIP, as the leak scan's crawl does.
    dip = Client().get(reverse("catalog:body_dip", kwargs={"slug": "provinsi-kalimantan-tengah"}))
    assert final.entry.get_absolute_url() in dip.content.decode()
