"""The officer's request page and its action endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.requests.models import Disposition, Event, InfoRequest, Notice, Status
from terbuka.testing import forward_to_a, pdf_upload, submit_request


def url(name: str, info_request: InfoRequest, **extra: Any) -> str:
    return reverse(name, kwargs={"public_id": info_request.public_id, **extra})


def as_user(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_it_shows_everything_to_the_ppid_utama(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = as_user(client, world.utama).get(url("requests:officer_detail", info_request))
    assert response.status_code == 200
    html = response.content.decode()
    assert info_request.number in html
    assert "Siti Rahmawati" in html
    assert "6271014101900001" in html  # the identity is for the officer handling it
    assert 'action="' + url("requests:forward", info_request) in html


def test_it_hides_identity_details_from_a_pelaksana(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = as_user(client, world.pelaksana_a).get(url("requests:officer_detail", info_request))
    assert response.status_code == 200
    assert "6271014101900001" not in response.content.decode()


def test_it_forbids_an_officer_of_another_body(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.regency_officer)
    assert client.get(url("requests:officer_detail", info_request)).status_code == 403
    response = client.post(
        url("requests:extend", info_request), {"days": 3, "reason": "Data tersebar"}
    )
    assert response.status_code == 403
    response = client.post(
        url("requests:forward", info_request),
        {"units": [world.agency_a.pk], "instruction": "x", "internal_due_date": "2030-01-01"},
    )
    assert response.status_code == 403
    info_request.refresh_from_db()
    assert info_request.extension_days is None
    assert not Disposition.objects.exists()


def test_it_forbids_a_requester(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.requester)
    assert client.get(url("requests:officer_detail", info_request)).status_code == 403
    assert client.get(reverse("requests:inbox")).status_code == 403


def test_it_sends_a_visitor_to_login(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = client.get(url("requests:officer_detail", info_request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_accepts_only_post_on_actions(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.utama)
    for name in ("requests:extend", "requests:forward", "requests:send_notice", "requests:note"):
        assert client.get(url(name, info_request)).status_code == 405


def test_it_forwards_and_the_pelaksana_drafts(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.utama)
    response = client.post(
        url("requests:forward", info_request),
        {
            "units": [world.agency_a.pk],
            "instruction": "Mohon siapkan data puskesmas.",
            "internal_due_date": (dt.date.today() + dt.timedelta(days=4)).isoformat(),
        },
    )
    assert response.status_code == 302
    disposition = Disposition.objects.get()
    assert disposition.unit == world.agency_a

    as_user(client, world.pelaksana_a)
    page = client.get(url("requests:officer_detail", info_request)).content.decode()
    draft_url = url("requests:submit_draft", info_request, disposition_id=disposition.pk)
    assert draft_url in page
    response = client.post(draft_url, {"draft_text": "Data terlampir.", "documents": pdf_upload()})
    assert response.status_code == 302
    disposition.refresh_from_db()
    assert disposition.state == Disposition.State.DRAFTED
    assert disposition.files.count() == 1


def test_it_keeps_the_instruction_when_no_unit_is_chosen(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = as_user(client, world.utama).post(
        url("requests:forward", info_request),
        {"instruction": "Instruksi yang panjang", "internal_due_date": "2030-01-01"},
    )
    assert response.status_code == 400
    assert "Instruksi yang panjang" in response.content.decode()
    assert not Disposition.objects.exists()


def test_it_refuses_to_send_a_notice_without_an_outcome(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = as_user(client, world.utama).post(
        url("requests:send_notice", info_request), {"confirm": "on"}
    )
    assert response.status_code == 400
    assert "Pilih keputusan" in response.content.decode()
    info_request.refresh_from_db()
    assert info_request.status != Status.ANSWERED


def test_it_asks_for_confirmation_before_sending(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.utama)
    client.post(url("requests:save_notice", info_request), notice_data(outcome="granted"))
    response = client.post(url("requests:send_notice", info_request), {})
    assert response.status_code == 400
    assert "Centang konfirmasi" in response.content.decode()
    info_request.refresh_from_db()
    assert info_request.status != Status.ANSWERED


def notice_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "outcome": "",
        "material": "Data puskesmas 2024",
        "pages": 0,
        "fee_per_page": 0,
        "delivery_cost": 0,
    }
    data.update(overrides)
    return data


def test_it_refuses_a_refusal_without_the_consequence_test(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.utama)
    saved = client.post(
        url("requests:save_notice", info_request),
        notice_data(outcome="refused_exempt", exemption_ground="h.2"),
    )
    assert saved.status_code == 302
    response = client.post(url("requests:send_notice", info_request), {"confirm": "on"})
    assert response.status_code == 400
    assert "uji konsekuensi" in response.content.decode()
    assert Notice.objects.get().sent_at is None


def test_it_prepares_and_sends_a_notice_releasing_the_draft(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    disposition = forward_to_a(world, info_request)
    as_user(client, world.pelaksana_a).post(
        url("requests:submit_draft", info_request, disposition_id=disposition.pk),
        {"draft_text": "Data terlampir.", "documents": pdf_upload()},
    )
    draft = info_request.files.get(kind="draft")
    as_user(client, world.utama)
    assert (
        client.post(
            url("requests:save_notice", info_request), notice_data(outcome="granted")
        ).status_code
        == 302
    )
    response = client.post(
        url("requests:send_notice", info_request),
        {"confirm": "on", "released_files": [draft.pk]},
    )
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.status == Status.ANSWERED
    draft.refresh_from_db()
    assert draft.kind == "released"
    page = client.get(url("requests:officer_detail", info_request)).content.decode()
    assert "Dikabulkan seluruhnya" in page


@time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False)
def test_it_extends_once_with_a_reason(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    due = info_request.due_date
    as_user(client, world.utama)
    response = client.post(
        url("requests:extend", info_request), {"days": 5, "reason": "Data di 14 kabupaten"}
    )
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.extension_days == 5
    assert info_request.due_date > due
    extended_due = info_request.due_date

    second = client.post(url("requests:extend", info_request), {"days": 2, "reason": "Sekali lagi"})
    assert second.status_code == 400
    assert "sekali" in second.content.decode().lower()
    info_request.refresh_from_db()
    assert info_request.extension_days == 5
    assert info_request.due_date == extended_due


def test_it_refuses_an_extension_after_the_due_date(client: Client, world: Any) -> None:
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        info_request = submit_request(world)
    due = info_request.due_date
    assert due is not None
    with time_machine.travel(
        dt.datetime.combine(due + dt.timedelta(days=3), dt.time(3, 0), tzinfo=dt.UTC), tick=False
    ):
        response = as_user(client, world.utama).post(
            url("requests:extend", info_request), {"days": 3, "reason": "Terlambat"}
        )
    assert response.status_code == 400
    assert "Terlambat" in response.content.decode()  # what was typed stays
    info_request.refresh_from_db()
    assert info_request.extension_days is None
    assert info_request.due_date == due


def test_it_refuses_more_than_seven_days(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = as_user(client, world.utama).post(
        url("requests:extend", info_request), {"days": 8, "reason": "Banyak"}
    )
    assert response.status_code == 400
    info_request.refresh_from_db()
    assert info_request.extension_days is None


def test_it_keeps_internal_notes_from_the_requester(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.utama).post(
        url("requests:note", info_request), {"text": "Catatan rahasia untuk tim"}
    )
    client.post(url("requests:officer_message", info_request), {"text": "Mohon perjelas tahunnya"})
    assert Event.objects.filter(is_internal=True, note="Catatan rahasia untuk tim").exists()
    as_user(client, world.requester)
    html = client.get(url("requests:detail", info_request)).content.decode()
    assert "Mohon perjelas tahunnya" in html
    assert "Catatan rahasia untuk tim" not in html


def test_it_marks_the_identity_incomplete_and_the_requester_completes_it(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world)
    as_user(client, world.utama).post(
        url("requests:mark_identity_incomplete", info_request),
        {"message": "Mohon unggah KTP."},
    )
    info_request.refresh_from_db()
    assert info_request.status == Status.IDENTITY_INCOMPLETE

    as_user(client, world.requester)
    page = client.get(url("requests:detail", info_request)).content.decode()
    assert "Lengkapi identitas Anda" in page
    response = client.post(
        url("requests:complete_identity", info_request),
        {
            "requester_type": "individual",
            "name": "Siti Rahmawati",
            "nik": "6271014101900001",
            "address": "Jl. Tjilik Riwut Km 5",
            "phone": "081234567890",
        },
    )
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.status != Status.IDENTITY_INCOMPLETE


def test_it_assigns_an_officer(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = as_user(client, world.utama).post(
        url("requests:assign", info_request), {"officer": world.operator.pk}
    )
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.assigned_to == world.operator


def test_it_refers_a_request_for_information_held_elsewhere(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    as_user(client, world.utama)
    client.post(
        url("requests:save_notice", info_request),
        notice_data(outcome="not_held", holding_body=world.regency.pk),
    )
    response = client.post(url("requests:send_notice", info_request), {"confirm": "on"})
    assert response.status_code == 302
    referral = InfoRequest.objects.get(referred_from=info_request)
    assert referral.ppid_body == world.regency
    assert referral.number and referral.number != info_request.number
    as_user(client, world.regency_officer)
    assert client.get(url("requests:officer_detail", referral)).status_code == 200


def test_it_offers_only_the_units_the_utama_serves(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    response = as_user(client, world.utama).get(url("requests:officer_detail", info_request))
    units = set(response.context["forward_form"].fields["units"].queryset)
    assert {world.agency_a, world.agency_b, world.utama_body} <= units
    assert world.regency_agency not in units
    assert world.regency not in units
    assert world.province not in units
