"""The coordination dashboard, its rakor PDF and the public page: every figure against the
small world computed by hand (terbuka/reports/tests/small_world.py), the order, the links,
who may open it, and a query count that does not grow with the number of bodies."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from terbuka import law
from terbuka.bodies.models import Body, BodyKind
from terbuka.reports import actions as report_actions
from terbuka.reports.tests import small_world
from terbuka.survey import actions as survey_actions
from terbuka.testing import (
    NIK_SATU,
    PASSWORD,
    World,
    add_dpo,
    make_entry,
    make_exemption,
    submit_request,
)

NOW = dt.date(2025, 7, 15)  # a Tuesday: r6 (province) and r8 (regency) are overdue

# Column order of ``coordination.columns.COLUMNS``: received, open, overdue, on time,
# median, DIP completeness, stale berkala, ended exemptions, SKM, monev 2025 (no body took
# part: "Tidak dinilai"), annual report 2024.
EXPECTED = {
    # r4 (refused, 12 days, late), r6 (open, overdue), r9 (granted in 1 day): one of two
    # notices on time, median (1 + 12) / 2; its exemption ended on 1 July; report final.
    "provinsi-kalimantan-tengah": [
        "3",
        "1",
        "1",
        "50%",
        "6,5",
        "0%",
        "0",
        "1",
        "—",
        "Tidak dinilai",
        "Final (versi 1)",
    ],
    # r1 (5), r2 (10), r3 (16, extended): all on time; two berkala items of ten (budget,
    # profile), the profile past its 6 months; two SKM answers (3s and 4s: 87.5, B).
    "dinkes-kalteng": [
        "3",
        "0",
        "0",
        "100%",
        "10",
        "20%",
        "1",
        "0",
        "B (87,5)",
        "Tidak dinilai",
        "Draf",
    ],
    # r5 (withdrawn), r7 (not held, 2 days).
    "pupr-kalteng": ["2", "0", "0", "100%", "2", "0%", "0", "0", "—", "Tidak dinilai", "Belum ada"],
    "diskominfosantik-kalteng": [
        "0",
        "0",
        "0",
        "—",
        "—",
        "0%",
        "0",
        "0",
        "—",
        "Tidak dinilai",
        "Belum ada",
    ],
    # The regency's roll-up: r8 and the request r7 was referred to, both open and overdue.
    "kabupaten-barito-utara": [
        "2",
        "2",
        "2",
        "—",
        "—",
        "0%",
        "0",
        "0",
        "—",
        "Tidak dinilai",
        "Belum ada",
    ],
}
# The worst first: most overdue, then the lowest on-time rate, then by name.
WORST_FIRST = [
    "kabupaten-barito-utara",
    "provinsi-kalimantan-tengah",
    "dinkes-kalteng",
    "pupr-kalteng",
    "diskominfosantik-kalteng",
]


def _finished_world(world: World) -> small_world.Small:
    small = small_world.build(world)
    with small_world.on(dt.date(2025, 3, 3)):
        draft = report_actions.start_draft(actor=world.utama, body=world.agency_a, year=2024)
        assert draft.pk
        report = report_actions.start_draft(actor=world.utama, body=world.province, year=2024)
        report_actions.save_narrative(
            actor=world.utama,
            report=report,
            service_policy="Kebijakan layanan.",
            facilities="Meja layanan dan dua petugas.",
            obstacles="Jaringan.",
            recommendations="Pelatihan petugas.",
        )
        report_actions.finalise(actor=world.utama, report=report)
    make_entry(world.pelaksana_a, world.agency_a)  # the budget (keuangan), fresh
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        number="2",
        title="Profil Dinas Kesehatan",
        tags="",
        last_updated_on=dt.date(2024, 12, 2),
        published_on=dt.date(2024, 12, 2),
    )
    make_exemption(
        world.utama,
        world.province,
        period_start=dt.date(2023, 1, 2),
        period_end=dt.date(2025, 7, 1),
        decided_on=dt.date(2023, 1, 2),
        approved_on=dt.date(2023, 1, 3),
    )
    with small_world.on(dt.date(2025, 3, 4)):  # within 90 days of both notices
        for info_request, score in ((small.r1, 3), (small.r3, 4)):
            survey_actions.answer(
                actor=None,
                info_request=info_request,
                scores={code: score for code, _label in law.SKM_ELEMENTS},
            )
    return small


def _login(client: Client, user: Any) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def _rows(html: str) -> dict[str, list[str]]:
    found = {}
    for slug, body in re.findall(r'<tr data-body="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        found[slug] = [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]
    return found


def _order(html: str) -> list[str]:
    return re.findall(r'<tr data-body="([^"]+)"', html)


@pytest.fixture
def finished(world: World) -> small_world.Small:
    return _finished_world(world)


def test_it_shows_every_figure_as_computed_by_hand_worst_first(
    client: Client, world: World, finished: small_world.Small
) -> None:
    _login(client, world.utama)
    with small_world.on(NOW):
        response = client.get("/koordinasi/?tahun=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert _rows(html) == EXPECTED
    assert _order(html) == WORST_FIRST
    # The regency is one row of figures: none of its cases or units appear.
    assert "Dinas Kesehatan Kabupaten Barito Utara" not in html
    assert "Siti Rahmawati" not in html and NIK_SATU not in html


def test_it_sorts_by_a_column_both_ways(
    client: Client, world: World, finished: small_world.Small
) -> None:
    _login(client, world.utama)
    with small_world.on(NOW):
        up = client.get("/koordinasi/?tahun=2025&urut=diterima&arah=naik").content.decode()
        down = client.get("/koordinasi/?tahun=2025&urut=diterima&arah=turun").content.decode()
    # 0, 2, 2, 3, 3 received (ties by name).
    assert _order(up) == [
        "diskominfosantik-kalteng",
        "pupr-kalteng",
        "kabupaten-barito-utara",
        "dinkes-kalteng",
        "provinsi-kalimantan-tengah",
    ]
    assert _order(down)[:2] == ["dinkes-kalteng", "provinsi-kalimantan-tengah"]
    assert 'aria-sort="descending"' in down


def test_each_figure_leads_to_its_detail(
    client: Client, world: World, finished: small_world.Small
) -> None:
    _login(client, world.utama)
    with small_world.on(NOW):
        html = client.get("/koordinasi/?tahun=2025").content.decode()
    assert "/laporan/register/?badan=dinkes-kalteng" in html
    assert (
        f"/permohonan/petugas/?deadline=overdue&amp;status=all&amp;body={world.agency_a.pk}" in html
    )
    assert "/laporan/statistik/?badan=dinkes-kalteng&amp;tahun=2025" in html
    assert "/badan-publik/dinkes-kalteng/dip/" in html
    assert "/laporan/tahunan/dinkes-kalteng/2024/" in html
    # The regency's figures lead to its public page, never to its register.
    assert "/laporan/register/?badan=kabupaten-barito-utara" not in html
    assert "/koordinasi/publik/?badan=kabupaten-barito-utara&amp;tahun=2025" in html
    with small_world.on(NOW):
        for url in (
            "/laporan/register/?badan=dinkes-kalteng",
            "/laporan/tahunan/dinkes-kalteng/2024/",
        ):
            assert client.get(url).status_code == 200


def test_it_shows_the_monev_score_and_predicate_and_a_draft_as_a_draft(
    client: Client, world: World
) -> None:
    from terbuka.monev import actions as monev_actions
    from terbuka.monev.tests.builders import YEAR, small_questionnaire
    from terbuka.monev.tests.test_scoring import answer_all

    small = small_questionnaire()
    # Agency A's answers score 65.00 by hand (monev/tests/test_scoring.py): Cukup Informatif.
    monev_actions.submit(actor=world.pelaksana_a, assessment=answer_all(world, small))
    monev_actions.start(actor=world.utama, body=world.province, year=YEAR)
    _login(client, world.utama)
    html = client.get(f"/koordinasi/?tahun={YEAR}").content.decode()
    rows = _rows(html)
    monev = 9  # the column's place in ``COLUMNS``
    assert rows["dinkes-kalteng"][monev] == "65 · Cukup Informatif"
    assert rows["provinsi-kalimantan-tengah"][monev] == "Draf"
    assert rows["pupr-kalteng"][monev] == "Tidak dinilai"
    assert f"/monev/dinkes-kalteng/{YEAR}/" in html
    public = _rows(Client().get(f"/koordinasi/publik/?tahun={YEAR}").content.decode())
    assert public["dinkes-kalteng"][monev] == "65 · Cukup Informatif"
    assert public["provinsi-kalimantan-tengah"][monev] == "Draf", "a draft never shows a score"


def test_the_public_page_has_the_same_figures_and_no_personal_data(
    client: Client, world: World, finished: small_world.Small
) -> None:
    with small_world.on(NOW):
        response = client.get("/koordinasi/publik/?tahun=2025")
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == EXPECTED
    assert "/laporan/register/" not in html and "/permohonan/petugas/" not in html
    for secret in ("Siti Rahmawati", NIK_SATU, "Budi Santoso", small_world.LETTER_ADDRESS):
        assert secret not in html
    with small_world.on(NOW):
        regency = client.get("/koordinasi/publik/?badan=kabupaten-barito-utara&tahun=2025")
        assert client.get("/koordinasi/publik/?badan=tidak-ada").status_code == 404
    # The regency's own hub: its unit (r8) and itself (r7's referral), one overdue each.
    assert _order(regency.content.decode()) == ["dinkes-barut", "kabupaten-barito-utara"]


def test_the_rakor_pdf_carries_the_table_and_the_charts(
    client: Client, world: World, finished: small_world.Small
) -> None:
    _login(client, world.utama)
    with small_world.on(NOW):
        response = client.get("/koordinasi/rakor.pdf?tahun=2025")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    for name in ("Kabupaten Barito Utara", "Dinas Kesehatan", "Provinsi Kalimantan Tengah"):
        assert name in text
    # Every row's figures, in the table's order.
    for slug, cells in EXPECTED.items():
        assert " ".join(cells) in text, slug
    # The charts' numbers: requests per month (8 in February) and the SKM elements.
    assert "Permohonan diterima per bulan" in text
    assert "Nilai rata-rata unsur SKM" in text
    assert "Siti Rahmawati" not in text


def test_a_year_without_data_says_so_instead_of_empty_charts(client: Client, world: World) -> None:
    _login(client, world.utama)
    with small_world.on(NOW):
        html = client.get("/koordinasi/?tahun=2025").content.decode()
    assert "belum ada grafik" in html
    assert "<figure" not in html
    assert _rows(html)["dinkes-kalteng"][3] == "—"


def test_only_the_ppid_utama_and_operators_open_it(client: Client, world: World) -> None:
    assert client.get("/koordinasi/").status_code == 302  # to the login page
    for user, status in (
        (world.pelaksana_a, 403),
        (world.requester, 403),
        (world.atasan, 403),
        (world.operator, 200),
        (world.regency_officer, 200),
        (world.admin, 403),  # a platform administrator without a role
        (add_dpo("dpo.kalteng", world.province), 403),
    ):
        _login(client, user)
        assert client.get("/koordinasi/").status_code == status, user.username
        client.logout()
    _login(client, world.regency_officer)
    assert client.get("/koordinasi/?badan=provinsi-kalimantan-tengah").status_code == 403
    assert client.get("/koordinasi/rakor.pdf?badan=provinsi-kalimantan-tengah").status_code == 403


def _grow(world: World, units: int, regencies: int) -> None:
    """More bodies, each with a request: units of the province and regencies with a unit."""
    for n in range(units):
        body = Body.objects.create(
            name=f"Badan {n:02d}",
            code=f"B{n:02d}",
            slug=f"badan-{n:02d}",
            kind=BodyKind.AGENCY,
            parent=world.province,
        )
        submit_request(world, body=body, subject=f"Data {n}")
    for n in range(regencies):
        regency = Body.objects.create(
            name=f"Kota {n:02d}",
            code=f"K{n:02d}",
            slug=f"kota-{n:02d}",
            kind=BodyKind.CITY,
            parent=world.province,
            has_own_ppid=True,
        )
        unit = Body.objects.create(
            name=f"Dinas Kota {n:02d}",
            code=f"DK{n:02d}",
            slug=f"dinas-kota-{n:02d}",
            kind=BodyKind.AGENCY,
            parent=regency,
        )
        submit_request(world, body=unit, subject=f"Data kota {n}")
        make_entry(None, regency, title=f"Profil Kota {n:02d}")


@pytest.mark.parametrize("units, regencies", [(1, 1), (14, 14)])
def test_its_query_count_does_not_grow_with_the_bodies(
    client: Client,
    world: World,
    django_assert_max_num_queries: Any,
    units: int,
    regencies: int,
) -> None:
    # 3 + 5 world bodies with (1, 1); 30 + 5 with (14, 14): the same ceiling for both.
    _grow(world, units, regencies)
    _login(client, world.utama)
    client.get("/koordinasi/")  # the calendars' first read
    with django_assert_max_num_queries(20):
        response = client.get("/koordinasi/")
    assert response.status_code == 200
    assert len(_order(response.content.decode())) == 5 + units + regencies


def test_the_menu_leads_those_who_may_open_it_and_the_footer_leads_everyone_to_the_public_page(
    client: Client, world: World
) -> None:
    _login(client, world.utama)
    assert 'href="/koordinasi/"' in client.get("/").content.decode()
    client.logout()
    _login(client, world.pelaksana_a)
    page = client.get("/").content.decode()
    assert 'href="/koordinasi/"' not in page
    assert 'href="/koordinasi/publik/"' in Client().get("/").content.decode()
