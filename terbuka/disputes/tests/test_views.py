"""The dispute pages as each persona meets them: the officers' list and detail page with
their forms, the "Catat sengketa" buttons, the requester's objection page and the public
request log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.test import Client
from django.urls import reverse

from terbuka.disputes import actions
from terbuka.disputes.models import Dispute, HearingKind, Stage
from terbuka.disputes.tests.helpers import recorded
from terbuka.remedies.tests.test_objections import at
from terbuka.testing import World

NOW = dt.date(2025, 5, 20)


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def in_preliminary_with_a_hearing(world: World) -> Dispute:
    dispute = recorded(world)
    with time_machine.travel(at(NOW), tick=False):
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)
        hearing = actions.schedule_hearing(
            actor=world.utama,
            dispute=dispute,
            at=at(dt.date(2025, 5, 19), 9),
            kind=HearingKind.PRELIMINARY,
            place="Ruang sidang KI",
        )
        actions.record_hearing_result(
            actor=world.utama, hearing=hearing, result="Catatan internal majelis: berwenang."
        )
    dispute.refresh_from_db()
    return dispute


def test_who_sees_the_detail_page(world: World) -> None:
    dispute = in_preliminary_with_a_hearing(world)
    url = reverse("disputes:detail", kwargs={"public_id": dispute.public_id})
    expected = {
        world.utama: 200,
        world.operator: 200,
        world.atasan: 200,
        world.pelaksana_a: 200,  # the unit whose request it is
        world.pelaksana_b: 404,
        world.regency_officer: 404,  # another PPID body
        world.requester: 404,  # she sees it on her objection page
        world.other_requester: 404,
        world.admin: 404,
    }
    with time_machine.travel(at(NOW), tick=False):
        for user, code in expected.items():
            assert client_for(user).get(url).status_code == code, user.username
        assert client_for(None).get(url).status_code == 302
        page = client_for(world.utama).get(url).content.decode()
        assert "Siti Rahmawati" in page and "002/IV/KI-Kalteng-PS/2025" in page
        assert "Jadwalkan sidang" in page
        assert "Pemeriksaan awal 2025-05-19 09:00" in page  # the body's own time
        # The Atasan reads, but has no forms.
        assert "Jadwalkan sidang" not in client_for(world.atasan).get(url).content.decode()


def test_a_step_is_posted_by_a_keeper_and_refused_to_a_reader(world: World) -> None:
    dispute = in_preliminary_with_a_hearing(world)
    url = reverse("disputes:step", kwargs={"public_id": dispute.public_id, "step": "mediasi"})
    with time_machine.travel(at(NOW), tick=False):
        assert (
            client_for(world.atasan)
            .post(url, {"mediasi-first_session_on": "2025-05-20"})
            .status_code
            == 403
        )
        assert client_for(world.regency_officer).post(url, {}).status_code == 404
        bad = client_for(world.utama).post(url, {"mediasi-first_session_on": "2025-06-20"})
        assert bad.status_code == 400
        assert "masa depan" in bad.content.decode()
        done = client_for(world.utama).post(url, {"mediasi-first_session_on": "2025-05-20"})
        assert done.status_code == 302
        dispute.refresh_from_db()
        assert dispute.stage == Stage.MEDIATION
        # A step of another stage answers 400 with the reason.
        gone = reverse("disputes:step", kwargs={"public_id": dispute.public_id, "step": "gugatan"})
        assert client_for(world.utama).post(gone, {}).status_code == 400
        unknown = reverse("disputes:step", kwargs={"public_id": dispute.public_id, "step": "x"})
        assert client_for(world.utama).post(unknown, {}).status_code == 404


def test_the_list_filters_by_stage_and_shows_the_deadline(world: World) -> None:
    dispute = in_preliminary_with_a_hearing(world)
    url = reverse("disputes:inbox")
    with time_machine.travel(at(NOW), tick=False):
        page = client_for(world.operator).get(url).content.decode()
        assert str(dispute) in page and "Dalam waktu" in page
        assert (
            str(dispute)
            in client_for(world.operator).get(url + "?tahap=preliminary").content.decode()
        )
        assert (
            str(dispute)
            not in client_for(world.operator).get(url + "?tahap=mediation").content.decode()
        )
        assert str(dispute) in client_for(world.pelaksana_a).get(url).content.decode()
        assert client_for(world.regency_officer).get(url).status_code == 200
        assert str(dispute) not in client_for(world.regency_officer).get(url).content.decode()
        assert client_for(world.requester).get(url).status_code == 403
        # The menu offers it to officers, not to requesters.
        menu = f'href="{url}"'
        assert menu in client_for(world.atasan).get(reverse("requests:log")).content.decode()
        assert menu not in client_for(world.requester).get(reverse("requests:log")).content.decode()


def test_the_record_buttons_and_forms(world: World) -> None:
    dispute = recorded(world, registered=False)
    objection = dispute.objection
    assert objection is not None
    officer_page = reverse("remedies:officer_detail", kwargs={"public_id": objection.public_id})
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        page = client_for(world.utama).get(officer_page).content.decode()
        # Recorded already: a link to it, no second button.
        assert reverse("disputes:detail", kwargs={"public_id": dispute.public_id}) in page
        assert (
            reverse("disputes:record_from_objection", kwargs={"public_id": objection.public_id})
            not in page
        )
        request_page = reverse(
            "requests:officer_detail",
            kwargs={"public_id": objection.info_request.public_id},  # type: ignore[union-attr]
        )
        assert "Catat sengketa" in client_for(world.utama).get(request_page).content.decode()
        external = reverse("disputes:record_external")
        form = client_for(world.utama).get(external)
        assert (
            form.status_code == 200
            and "Komisi Informasi Provinsi Kalimantan Tengah" in form.content.decode()
        )
        assert client_for(world.atasan).get(external).status_code == 403
        posted = client_for(world.utama).post(
            external,
            {
                "ppid_body": world.province.pk,
                "request_number": "045/PPID/2025",
                "petitioner_name": "Perkumpulan Warga",
                "commission": "Komisi Informasi Provinsi Kalimantan Tengah",
                "filed_on": "2025-04-22",
            },
        )
        assert posted.status_code == 302
        assert Dispute.objects.filter(external_request_number="045/PPID/2025").exists()


def test_the_objector_sees_stage_number_hearings_and_decision_but_no_notes(
    world: World,
) -> None:
    dispute = in_preliminary_with_a_hearing(world)
    objection = dispute.objection
    assert objection is not None
    with time_machine.travel(at(NOW), tick=False):
        page = (
            client_for(world.requester)
            .get(reverse("remedies:detail", kwargs={"public_id": objection.public_id}))
            .content.decode()
        )
    assert "002/IV/KI-Kalteng-PS/2025" in page
    assert "Pemeriksaan awal" in page
    assert 'datetime="2025-05-19T09:00:00+07:00"' in page
    assert "Catatan internal majelis" not in page


def test_the_public_log_shows_only_the_stage_changes(world: World) -> None:
    dispute = in_preliminary_with_a_hearing(world)
    info_request = dispute.info_request
    assert info_request is not None
    info_request.publish_allowed = True
    info_request.save(update_fields=["publish_allowed"])
    url = reverse("requests:log_detail", kwargs={"public_id": info_request.public_id})
    with time_machine.travel(at(NOW), tick=False):
        response = client_for(None).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sengketa dicatat" in page and "Pemeriksaan awal" in page
    for secret in (
        "Siti Rahmawati",
        "002/IV/KI-Kalteng-PS/2025",
        "Catatan internal",
        "Ruang sidang",
    ):
        assert secret not in page


def test_the_objection_page_offers_catat_sengketa_once_the_window_is_open(world: World) -> None:
    from terbuka.disputes.tests.helpers import upheld_objection

    objection = upheld_objection(world)
    record = reverse("disputes:record_from_objection", kwargs={"public_id": objection.public_id})
    page = reverse("remedies:officer_detail", kwargs={"public_id": objection.public_id})
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        assert record in client_for(world.utama).get(page).content.decode()
        assert record not in client_for(world.atasan).get(page).content.decode()
        form = client_for(world.operator).get(record).content.decode()
        assert "Siti Rahmawati" in form and "Komisi Informasi Provinsi Kalimantan Tengah" in form
        done = client_for(world.operator).post(
            record,
            {
                "petitioner_name": "Siti Rahmawati",
                "commission": "Komisi Informasi Provinsi Kalimantan Tengah",
                "filed_on": "2025-04-22",
                "registration_number": "002/IV/KI-Kalteng-PS/2025",
                "registered_on": "2025-04-24",
            },
        )
        assert done.status_code == 302
        dispute = Dispute.objects.get(objection=objection)
        assert done["Location"] == dispute.get_absolute_url()
        assert dispute.limit_due is not None
        assert record not in client_for(world.utama).get(page).content.decode()


def test_a_decided_dispute_shows_the_court_window_and_the_forms_that_follow(
    world: World,
) -> None:
    from terbuka import law
    from terbuka.disputes.models import Outcome
    from terbuka.disputes.tests.helpers import due_date

    dispute = in_preliminary_with_a_hearing(world)
    with time_machine.travel(at(NOW), tick=False):
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.ADJUDICATION)
        dispute = actions.record_decision(
            actor=world.utama,
            dispute=dispute,
            decided_on=NOW,
            outcome=Outcome.GRANTED_IN_PART,
            orders="Memberikan rekap per kabupaten.",
            orders_release=True,
            received_on=NOW,
        )
        page = client_for(world.utama).get(dispute.get_absolute_url()).content.decode()
    court_due = due_date(NOW, law.DECISION_CHALLENGE_WORKING_DAYS, "provinsi-kalimantan-tengah")
    assert dispute.court_due == court_due
    assert f'datetime="{court_due.isoformat()}"' in page
    for step in ("gugatan", "pemberian", "selesai"):
        assert f"/{step}/" in page
    for step in ("mediasi", "putusan", "sidang"):
        assert f"/{step}/" not in page
    assert "pemberiannya belum dicatat" in page
