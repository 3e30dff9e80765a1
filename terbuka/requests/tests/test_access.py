"""Try to break every access rule with the world's personas."""

import pytest
from django.contrib.auth.models import AnonymousUser

from terbuka.requests import access, actions
from terbuka.requests.models import FileKind, Outcome
from terbuka.testing import pdf_upload, png_upload, submit_request

PERSONAS = [
    "requester",
    "other_requester",
    "pelaksana_a",
    "pelaksana_b",
    "utama",
    "atasan",
    "operator",
    "regency_officer",
    "admin",
]


def who(world, predicate, info_request):
    users = {name: getattr(world, name) for name in PERSONAS}
    users["anonymous"] = AnonymousUser()
    return {name for name, user in users.items() if predicate(user, info_request)}


def test_who_works_on_a_request_addressed_to_a_unit(world):
    info_request = submit_request(world, body=world.agency_a)
    assert who(world, access.can_work_on, info_request) == {"utama", "operator", "pelaksana_a"}
    assert who(world, access.can_handle, info_request) == {"utama", "operator"}
    assert who(world, access.is_requester_of, info_request) == {"requester"}
    assert who(world, access.can_see, info_request) == {
        "requester",
        "utama",
        "operator",
        "pelaksana_a",
    }


def test_a_pelaksana_sees_a_request_only_when_addressed_or_forwarded_to_his_unit(world):
    info_request = submit_request(world, body=world.province)
    assert not access.can_work_on(world.pelaksana_b, info_request)
    assert info_request not in access.officer_requests(world.pelaksana_b)
    actions.forward(
        actor=world.utama,
        info_request=info_request,
        units=[world.agency_b],
        instruction="Mohon data jalan.",
        internal_due_date=info_request.due_date,
    )
    assert access.can_work_on(world.pelaksana_b, info_request)
    assert list(access.officer_requests(world.pelaksana_b)) == [info_request]
    assert not access.can_work_on(world.pelaksana_a, info_request)
    assert not access.can_handle(world.pelaksana_b, info_request)


def test_officer_requests_is_the_inbox_of_each_officer(world):
    province = submit_request(world, body=world.agency_a)
    regency = submit_request(world, body=world.regency_agency)
    assert set(access.officer_requests(world.utama)) == {province}
    assert set(access.officer_requests(world.operator)) == {province}
    assert set(access.officer_requests(world.pelaksana_a)) == {province}
    assert set(access.officer_requests(world.regency_officer)) == {regency}
    for nobody in (world.requester, world.atasan, world.admin, AnonymousUser()):
        assert not access.officer_requests(nobody).exists()


def test_downloads_follow_the_rules(world):
    info_request = submit_request(
        world, attachments=[pdf_upload()], identity_documents=[png_upload()]
    )
    (disposition,) = actions.forward(
        actor=world.utama,
        info_request=info_request,
        units=[world.agency_b],
        instruction="Siapkan.",
        internal_due_date=info_request.due_date,
    )
    actions.submit_draft(
        actor=world.pelaksana_b,
        disposition=disposition,
        draft_text="d",
        files=[pdf_upload("d.pdf")],
    )
    attachment = info_request.files.get(kind=FileKind.ATTACHMENT)
    identity = info_request.files.get(kind=FileKind.IDENTITY)
    draft = info_request.files.get(kind=FileKind.DRAFT)

    # Identity documents: the requester and the handlers only — not the Pelaksana of the
    # addressed agency, not the Pelaksana of the forwarded one, not the other requester.
    assert who(world, lambda u, _: access.can_download(u, identity), None) == {
        "requester",
        "utama",
        "operator",
    }
    assert who(world, lambda u, _: access.can_download(u, attachment), None) == {
        "requester",
        "utama",
        "operator",
        "pelaksana_a",
        "pelaksana_b",
    }
    # A draft is not the requester's until released with the notice.
    assert not access.can_download(world.requester, draft)
    actions.save_notice(actor=world.utama, info_request=info_request, outcome=Outcome.GRANTED)
    actions.send_notice(
        actor=world.utama, info_request=info_request, released_file_ids=[draft.public_id]
    )
    draft.refresh_from_db()
    info_request.refresh_from_db()
    letter = info_request.files.get(kind=FileKind.LETTER)
    for released in (draft, letter):
        assert access.can_download(world.requester, released)
        assert not access.can_download(world.other_requester, released)
        assert not access.can_download(world.regency_officer, released)
        assert not access.can_download(AnonymousUser(), released)


def test_internal_events_never_reach_the_requesters_timeline(world):
    info_request = submit_request(world)
    (disposition,) = actions.forward(
        actor=world.utama,
        info_request=info_request,
        units=[world.agency_a],
        instruction="Instruksi rahasia",
        internal_due_date=info_request.due_date,
    )
    actions.assign(actor=world.utama, info_request=info_request, officer=world.pelaksana_a)
    actions.submit_draft(
        actor=world.pelaksana_a, disposition=disposition, draft_text="Draf rahasia"
    )
    actions.post_message(
        actor=world.pelaksana_a, info_request=info_request, text="Catatan rahasia", internal=True
    )
    public = info_request.events.public()
    assert not any("rahasia" in event.note for event in public)
    assert {event.kind for event in public} == {"submitted", "forwarded"}


@pytest.mark.parametrize("persona", ["pelaksana_a", "pelaksana_b", "other_requester", "admin"])
def test_a_non_handler_cannot_message_the_requester(world, persona):
    from django.core.exceptions import PermissionDenied

    info_request = submit_request(world)
    with pytest.raises(PermissionDenied):
        actions.post_message(actor=getattr(world, persona), info_request=info_request, text="Halo")
