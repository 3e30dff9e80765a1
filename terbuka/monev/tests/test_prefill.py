"""Answers Terbuka prefills from its own data, on a small world: agency A's DIP, its
register and statistics, its annual report, its survey answers and its officers; each
says where it came from."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine

from terbuka.monev import actions, prefill
from terbuka.monev.models import Answer, Assessment
from terbuka.reports import actions as report_actions
from terbuka.reports import periods, statistics
from terbuka.survey import actions as survey_actions
from terbuka.testing import World, grant_request, make_entry, submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NARRATIVE = {
    "service_policy": "Kebijakan layanan.",
    "facilities": "Meja layanan.",
    "obstacles": "Petugas merangkap.",
    "recommendations": "Menambah petugas.",
}


def moment(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), WIB), tick=False)


def answers_by_key(assessment: Assessment) -> dict[str, Answer]:
    return {
        answer.question.prefill_key: answer
        for answer in Answer.objects.filter(assessment=assessment).select_related("question")
        if answer.question.prefill_key
    }


def test_it_prefills_the_answers_terbuka_knows(world: World) -> None:
    with moment(dt.date(2025, 2, 3)):
        make_entry(world.pelaksana_a, world.agency_a)  # berkala, next update by 3 August
        report = report_actions.start_draft(actor=world.utama, body=world.agency_a, year=2024)
        report = report_actions.save_narrative(actor=world.utama, report=report, **NARRATIVE)
        report_actions.finalise(actor=world.utama, report=report)  # also a setiap-saat entry
    with moment(dt.date(2025, 3, 3)):  # a Monday
        info_request = submit_request(world)
    with moment(dt.date(2025, 3, 5)):
        grant_request(world.utama, info_request)
        survey_actions.answer(
            actor=None,
            info_request=info_request,
            scores=dict.fromkeys(("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"), 4),
        )
    with moment(dt.date(2025, 3, 10)):
        assessment = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=2025)
        figures = statistics.compute(world.agency_a, periods.year(2025))
    found = answers_by_key(assessment)

    assert (found["dip_exists"].prefill_value, found["dip_exists"].yes) == ("ya", True)
    assert "2 entri diumumkan" in found["dip_exists"].prefill_source
    assert found["dip_fresh"].yes is True
    assert "1 entri informasi berkala, 0 melewati" in found["dip_fresh"].prefill_source
    assert found["register_exists"].yes is True
    assert "1 permohonan diterima pada tahun 2025" in found["register_exists"].prefill_source
    assert found["annual_report"].yes is True
    assert "Laporan tahunan 2024 versi 1 final" in found["annual_report"].prefill_source
    # The median comes from the statistics, not a second count: 2 working days.
    assert figures.timing.median == 2
    assert found["median_days"].number == 2
    assert "median 2 hari kerja dari 1 permohonan" in found["median_days"].prefill_source
    assert found["notice_on_time"].number == 100
    assert found["skm_index"].number == 100
    assert "IKM 100.00, mutu A" in found["skm_index"].prefill_source
    assert found["officers_appointed"].yes is True
    # No maklumat and no SOP on the body's profile.
    assert found["service_standard"].yes is False
    assert "belum ada" in found["service_standard"].prefill_source
    # No objection: nothing to prefill, and it says so.
    assert found["objections_on_time"].number is None
    assert "Tidak ada keberatan" in found["objections_on_time"].prefill_source


def test_it_sees_a_berkala_entry_past_its_six_months(world: World) -> None:
    with moment(dt.date(2025, 3, 10)):
        make_entry(world.pelaksana_b, world.agency_b, last_updated_on=dt.date(2024, 6, 3))
        found = prefill.fill("dip_fresh", "yes_no", prefill.Context(world.agency_b, 2025))
    assert found is not None
    assert found.value == "tidak"
    assert "1 entri informasi berkala, 1 melewati" in found.source


def test_it_finds_no_annual_report_nor_register_for_a_quiet_body(world: World) -> None:
    context = prefill.Context(world.agency_b, 2025)
    report = prefill.fill("annual_report", "yes_no", context)
    register = prefill.fill("register_exists", "yes_no", context)
    assert report is not None and report.value == "tidak"
    assert register is not None and register.value == "tidak"
    # A key whose value does not answer that kind of question prefills nothing.
    assert prefill.fill("median_days", "yes_no", context) is None
