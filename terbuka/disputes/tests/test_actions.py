"""Recording a dispute and each of its steps, as the PPID body's officers meet them, with
every refusal: the Komisi Informasi's registration and its clocks, the pemeriksaan awal,
mediation and its one extension, adjudication, the decision, the court window, the
release, withdrawal and closing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from terbuka import law
from terbuka.audit.models import AuditRecord
from terbuka.disputes import actions
from terbuka.disputes.models import CourtChallenge, EventKind, HearingKind, Outcome, Stage
from terbuka.disputes.tests.helpers import (
    FILED,
    REGISTERED,
    due_date,
    petition,
    recorded,
    upheld_objection,
)
from terbuka.remedies.tests.test_objections import at
from terbuka.requests.errors import ActionError
from terbuka.testing import World, submit_request

SLUG = "provinsi-kalimantan-tengah"


def test_it_records_a_dispute_from_an_objection_with_the_commission_of_the_province(
    world: World,
) -> None:
    dispute = recorded(world, registered=False)
    assert dispute.stage == Stage.REGISTRATION
    assert dispute.ppid_body == world.province
    assert dispute.info_request == dispute.objection.info_request  # type: ignore[union-attr]
    assert dispute.commission == "Komisi Informasi Provinsi Kalimantan Tengah"
    assert dispute.registration_number == "" and dispute.limit_due is None
    assert [event.kind for event in dispute.events.all()] == [EventKind.RECORDED]
    assert AuditRecord.objects.filter(action="dispute.recorded").exists()


def test_it_registers_and_counts_the_start_and_the_100_working_days_like_due_date(
    world: World,
) -> None:
    dispute = recorded(world, registered=False)
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        dispute = actions.register(
            actor=world.operator,
            dispute=dispute,
            registration_number="002/IV/KI-Kalteng-PS/2025",
            registered_on=REGISTERED,
        )
    assert dispute.registration_number == "002/IV/KI-Kalteng-PS/2025"
    assert dispute.start_due == due_date(REGISTERED, law.DISPUTE_START_WORKING_DAYS, SLUG)
    assert dispute.limit_due == due_date(REGISTERED, law.DISPUTE_SETTLEMENT_WORKING_DAYS, SLUG)


def test_it_refuses_a_registration_without_a_number_or_in_the_future(world: World) -> None:
    dispute = recorded(world, registered=False)
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        with pytest.raises(ActionError):
            actions.register(
                actor=world.utama,
                dispute=dispute,
                registration_number=" ",
                registered_on=REGISTERED,
            )
        with pytest.raises(ActionError, match="masa depan"):
            actions.register(
                actor=world.utama,
                dispute=dispute,
                registration_number="002/IV/KI-Kalteng-PS/2025",
                registered_on=dt.date(2025, 4, 28),
            )
    with pytest.raises(ActionError, match="registrasi"):
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)


def test_it_walks_mediation_its_one_extension_and_an_agreement_to_the_release(
    world: World,
) -> None:
    dispute = recorded(world)
    with time_machine.travel(at(dt.date(2025, 5, 20)), tick=False):
        dispute = actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)
        hearing = actions.schedule_hearing(
            actor=world.utama,
            dispute=dispute,
            at=at(dt.date(2025, 5, 19), 9),
            kind=HearingKind.PRELIMINARY,
            place="Palangka Raya",
        )
        actions.record_hearing_result(actor=world.utama, hearing=hearing, result="Berwenang.")
        dispute = actions.start_mediation(
            actor=world.utama, dispute=dispute, first_session_on=dt.date(2025, 5, 20)
        )
    assert dispute.stage == Stage.MEDIATION
    first_due = due_date(dt.date(2025, 5, 20), law.MEDIATION_WORKING_DAYS, SLUG)
    assert dispute.mediation_due == first_due
    with time_machine.travel(at(dt.date(2025, 6, 5)), tick=False):
        dispute = actions.extend_mediation(
            actor=world.operator, dispute=dispute, reason="Para pihak meminta waktu."
        )
        assert dispute.mediation_due == due_date(
            first_due, law.MEDIATION_EXTENSION_WORKING_DAYS, SLUG
        )
        with pytest.raises(ActionError, match="satu kali"):
            actions.extend_mediation(actor=world.operator, dispute=dispute, reason="Lagi.")
    with time_machine.travel(at(dt.date(2025, 6, 16)), tick=False):
        dispute = actions.record_decision(
            actor=world.utama,
            dispute=dispute,
            decided_on=dt.date(2025, 6, 13),
            outcome=Outcome.AGREEMENT,
            orders="Memberikan data per kabupaten/kota.",
            orders_release=True,
            received_on=dt.date(2025, 6, 16),
        )
    assert dispute.stage == Stage.DECIDED
    assert dispute.court_due == due_date(
        dt.date(2025, 6, 16), law.DECISION_CHALLENGE_WORKING_DAYS, SLUG
    )
    with (
        time_machine.travel(at(dt.date(2025, 6, 17)), tick=False),
        pytest.raises(ActionError, match="belum lewat"),
    ):
        actions.record_court_challenge(actor=world.utama, dispute=dispute, challenged=False)
    with time_machine.travel(at(dispute.court_due + dt.timedelta(days=1)), tick=False):
        dispute = actions.record_court_challenge(
            actor=world.utama, dispute=dispute, challenged=False
        )
        assert dispute.court_challenge == CourtChallenge.NONE
        with pytest.raises(ActionError, match="pemberiannya"):
            actions.close(actor=world.utama, dispute=dispute)
        actions.record_release(
            actor=world.utama,
            dispute=dispute,
            released_on=dispute.court_due + dt.timedelta(days=1),
            description="Rekap tenaga kesehatan per kabupaten/kota.",
        )
        dispute = actions.close(actor=world.utama, dispute=dispute)
    assert dispute.stage == Stage.CLOSED
    kinds = list(dispute.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.STAGE_CHANGED) == 1
    assert EventKind.RELEASED in kinds and kinds[-1] == EventKind.CLOSED


def test_it_refuses_mediation_of_a_pasal_17_refusal_and_adjudicates_it(world: World) -> None:
    dispute = recorded(world, "a")
    with time_machine.travel(at(dt.date(2025, 5, 20)), tick=False):
        actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)
        with pytest.raises(ActionError, match="Pasal 40"):
            actions.start_mediation(
                actor=world.utama, dispute=dispute, first_session_on=dt.date(2025, 5, 20)
            )
        dispute = actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.ADJUDICATION)
        with pytest.raises(ActionError, match="mediasi"):
            actions.record_decision(
                actor=world.utama,
                dispute=dispute,
                decided_on=dt.date(2025, 5, 20),
                outcome=Outcome.AGREEMENT,
                orders="x",
                received_on=dt.date(2025, 5, 20),
            )
        dispute = actions.record_decision(
            actor=world.utama,
            dispute=dispute,
            decided_on=dt.date(2025, 5, 20),
            outcome=Outcome.REFUSED,
            received_on=dt.date(2025, 5, 20),
        )
    assert dispute.outcome == Outcome.REFUSED and not dispute.orders_release


def test_it_refuses_the_moves_the_transitions_forbid(world: World) -> None:
    dispute = recorded(world)
    with time_machine.travel(at(dt.date(2025, 5, 20)), tick=False):
        with pytest.raises(ActionError, match="tidak dapat berpindah"):
            actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.ADJUDICATION)
        with pytest.raises(ActionError):
            actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.DECIDED)
        with pytest.raises(ActionError, match="tidak dapat berpindah"):
            actions.record_decision(
                actor=world.utama,
                dispute=dispute,
                decided_on=dt.date(2025, 5, 20),
                outcome=Outcome.REFUSED,
                received_on=dt.date(2025, 5, 20),
            )
        with pytest.raises(ActionError):
            actions.record_release(
                actor=world.utama,
                dispute=dispute,
                released_on=dt.date(2025, 5, 20),
                description="x",
            )
        dispute = actions.withdraw(actor=world.utama, dispute=dispute, note="Dicabut pemohon.")
        with pytest.raises(ActionError):
            actions.move_stage(actor=world.utama, dispute=dispute, stage=Stage.PRELIMINARY)
        with pytest.raises(ActionError):
            actions.schedule_hearing(
                actor=world.utama,
                dispute=dispute,
                at=at(dt.date(2025, 5, 21)),
                kind=HearingKind.ADJUDICATION,
            )
    assert dispute.stage == Stage.WITHDRAWN


def test_only_the_ppid_bodys_utama_and_operators_keep_a_dispute(world: World) -> None:
    objection = upheld_objection(world)
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        for outsider in (world.atasan, world.pelaksana_a, world.regency_officer, world.requester):
            with pytest.raises(PermissionDenied):
                actions.record_from_objection(
                    actor=outsider, objection=objection, petition=petition()
                )
        dispute = actions.record_from_objection(
            actor=world.operator, objection=objection, petition=petition()
        )
        with pytest.raises(ActionError, match="sudah dicatat"):
            actions.record_from_objection(
                actor=world.utama, objection=objection, petition=petition()
            )
        for outsider in (world.atasan, world.pelaksana_a, world.regency_officer):
            with pytest.raises(PermissionDenied):
                actions.withdraw(actor=outsider, dispute=dispute)


def test_it_records_a_dispute_from_a_request_and_one_from_outside_the_platform(
    world: World,
) -> None:
    with time_machine.travel(at(dt.date(2025, 4, 25)), tick=False):
        info_request = submit_request(world)
        from_request = actions.record_from_request(
            actor=world.utama, info_request=info_request, petition=petition()
        )
        assert from_request.objection is None and from_request.info_request == info_request
        with pytest.raises(ActionError, match="nomor permohonan"):
            actions.record_external(
                actor=world.utama,
                ppid_body=world.province,
                petition=petition(),
                external=actions.ExternalCase(),
            )
        with pytest.raises(PermissionDenied):
            actions.record_external(
                actor=world.regency_officer,
                ppid_body=world.province,
                petition=petition(),
                external=actions.ExternalCase(request_number="045/PPID/2025"),
            )
        external = actions.record_external(
            actor=world.utama,
            ppid_body=world.province,
            petition=petition(petitioner_name="Perkumpulan Warga"),
            external=actions.ExternalCase(
                request_number="045/PPID/2025", request_date=dt.date(2025, 1, 6)
            ),
        )
    assert external.is_external
    assert external.commission == "Komisi Informasi Provinsi Kalimantan Tengah"
    assert external.filed_on == FILED


def test_a_calendar_change_moves_the_dates_of_an_open_dispute(world: World) -> None:
    from terbuka.workdays import actions as calendar_actions

    dispute = recorded(world)
    old = dispute.limit_due
    calendar_actions.add_day(
        actor=world.admin, date=dt.date(2025, 5, 5), name="Libur daerah", kind="regional"
    )
    dispute.refresh_from_db()
    assert dispute.limit_due == due_date(REGISTERED, law.DISPUTE_SETTLEMENT_WORKING_DAYS, SLUG)
    assert dispute.limit_due != old
    assert dispute.events.filter(kind=EventKind.DATES_RECOMPUTED).exists()


def test_it_refuses_a_dispute_before_the_atasan_answered_or_his_time_ran_out(
    world: World,
) -> None:
    from terbuka.remedies.tests.test_objections import object_to, refuse, submitted

    info_request = refuse(world, submitted(world), dt.date(2025, 4, 10))
    objection = object_to(world, info_request, dt.date(2025, 4, 11), "d")
    with (
        time_machine.travel(at(dt.date(2025, 4, 25)), tick=False),
        pytest.raises(ActionError, match="belum dapat diajukan"),
    ):
        actions.record_from_objection(actor=world.utama, objection=objection, petition=petition())
    # Once the Atasan's 30 working days passed unanswered, it may be recorded.
    with time_machine.travel(at(objection.answer_due + dt.timedelta(days=1)), tick=False):
        dispute = actions.record_from_objection(
            actor=world.utama,
            objection=objection,
            petition=petition(filed_on=objection.answer_due + dt.timedelta(days=1)),
        )
    assert dispute.objection == objection
