"""The demo's public request log shows the demo requests but none of their requesters."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from terbuka.accounts.models import RequesterProfile
from terbuka.requests.models import InfoRequest


def demo_personal_data() -> set[str]:
    values: set[str] = set()
    for profile in RequesterProfile.objects.select_related("user"):
        values |= {
            profile.full_name,
            profile.nik,
            profile.address,
            profile.phone,
            profile.user.email,
            profile.user.username,
        }
    for info_request in InfoRequest.objects.all():
        values |= {
            info_request.requester_name,
            info_request.requester_nik,
            info_request.requester_address,
            info_request.requester_phone,
            info_request.requester_email,
        }
    # Very short values (an empty phone, a one-word name part) would match by accident.
    return {value for value in values if value and len(value) >= 6}


def test_it_shows_no_demo_requesters_personal_data(client: Client, seeded_demo: None) -> None:
    published = list(InfoRequest.objects.published())
    assert published, "the demo publishes some answered requests in the log"
    pages = [client.get("/permohonan/").content.decode()]
    pages += [
        client.get(
            reverse("requests:log_detail", kwargs={"public_id": item.public_id})
        ).content.decode()
        for item in published
    ]
    secrets = demo_personal_data()
    assert secrets
    for html in pages:
        for value in secrets:
            assert value not in html, "personal data on a public page"
