"""Who viewed a requester's personal data, for one request or one requester."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from terbuka.audit.log import record
from terbuka.audit.models import AuditRecord
from terbuka.privacy import access_log
from terbuka.testing import NIK_SATU, submit_with_documents

pytestmark = pytest.mark.django_db


def request_url(info_request) -> str:
    return reverse("privacy:access_of_request", kwargs={"public_id": info_request.public_id})


def requester_url(user) -> str:
    return reverse("privacy:access_of_requester", kwargs={"user_id": user.pk})


def test_the_helpers_record_what_was_seen_never_the_data(world):
    info_request = submit_with_documents(world)
    http_request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    viewed = access_log.record_personal_data_view(
        request=http_request, actor=world.utama, obj=info_request, what="identity"
    )
    identity = info_request.files.get(kind="identity")
    downloaded = access_log.record_identity_document_download(
        request=http_request, actor=world.utama, request_file=identity
    )
    assert (viewed.action, viewed.detail) == ("personal_data.viewed", {"what": "identity"})
    assert viewed.ip_address == "10.1.2.3"
    assert downloaded.action == "personal_data.downloaded"
    assert downloaded.object_id == str(info_request.pk)
    assert NIK_SATU not in str(viewed.detail) + str(downloaded.detail)


def test_the_request_page_lists_who_viewed_and_downloaded(client, world):
    info_request = submit_with_documents(world)
    other = submit_with_documents(world, user=world.other_requester)
    access_log.record_personal_data_view(
        request=None, actor=world.operator, obj=info_request, what="identity"
    )
    access_log.record_identity_document_download(
        request=None, actor=world.utama, request_file=info_request.files.get(kind="identity")
    )
    access_log.record_personal_data_view(
        request=None, actor=world.pelaksana_b, obj=other, what="identity"
    )
    client.force_login(world.utama)
    response = client.get(request_url(info_request))
    assert response.status_code == 200
    rows = list(response.context["records"])
    assert [(row.actor_label, row.action) for row in rows] == [
        ("utama", "personal_data.downloaded"),
        ("operator", "personal_data.viewed"),
    ]
    page = response.content.decode()
    assert "pelaksana.b" not in page and NIK_SATU not in page


def test_the_requester_page_includes_admin_profile_views(client, world):
    info_request = submit_with_documents(world)
    access_log.record_personal_data_view(
        request=None, actor=world.operator, obj=info_request, what="identity"
    )
    record(actor=world.admin, action="profile.viewed", obj=world.requester.requester_profile)
    record(actor=world.admin, action="profile.viewed", obj=world.other_requester.requester_profile)
    client.force_login(world.admin)
    response = client.get(requester_url(world.requester))
    assert response.status_code == 200
    assert [row.actor_label for row in response.context["records"]] == ["admin", "operator"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("utama", 200),
        ("dpo", 200),
        ("admin", 200),
        ("operator", 404),
        ("pelaksana_a", 404),
        ("regency_officer", 404),
        ("regency_dpo", 404),
        ("requester", 404),
        ("other_requester", 404),
    ],
)
def test_who_may_see_the_pages(client, world, dpo, regency_dpo, persona, status):
    info_request = submit_with_documents(world)
    users = {"dpo": dpo, "regency_dpo": regency_dpo}
    if persona != "anonymous":
        client.force_login(users.get(persona) or getattr(world, persona))
    assert client.get(request_url(info_request)).status_code == status
    assert client.get(requester_url(world.requester)).status_code == status


def test_a_requester_without_requests_here_is_hidden_from_a_body_officer(client, world):
    submit_with_documents(world, body=world.regency_agency)
    client.force_login(world.utama)
    assert client.get(requester_url(world.requester)).status_code == 404
    assert not AuditRecord.objects.filter(action="personal_data.viewed").exists()
