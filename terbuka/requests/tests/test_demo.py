import io

from django.core.management import call_command

from terbuka.requests.models import (
    Channel,
    Disposition,
    FileKind,
    InfoRequest,
    Outcome,
    ServiceSettings,
    Status,
)


def test_the_demo_has_requests_in_every_state(seeded_demo):
    statuses = set(InfoRequest.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    outcomes = set(InfoRequest.objects.values_list("notice__outcome", flat=True))
    assert set(Outcome.values) <= outcomes
    assert InfoRequest.objects.overdue().exists()
    assert InfoRequest.objects.filter(extended_at__isnull=False).exists()
    assert Disposition.objects.filter(state=Disposition.State.DRAFTED).exists()
    assert InfoRequest.objects.published().count() >= 3
    referral = InfoRequest.objects.get(channel=Channel.REFERRAL)
    assert referral.ppid_body.code == "BARUT"
    assert referral.referred_from is not None
    assert InfoRequest.objects.filter(ppid_body__code="KALTENG")[0].number.count(
        "PPID-DISKOMINFOSANTIK"
    )
    assert ServiceSettings.objects.get(body__code="KALTENG").fee_per_page == 500
    published = InfoRequest.objects.published().filter(notice__outcome=Outcome.GRANTED).get()
    assert published.files.filter(kind=FileKind.RELEASED).exists()
    assert published.files.filter(kind=FileKind.LETTER).exists()
    # Back-dated: answered within its deadline, long before the seeding ran.
    assert published.answered_at < published.created_at
    assert published.answered_at.date() <= published.due_date


def test_seeding_twice_adds_nothing(seeded_demo):
    count = InfoRequest.objects.count()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert InfoRequest.objects.count() == count
    assert "dilewati" in out.getvalue()
