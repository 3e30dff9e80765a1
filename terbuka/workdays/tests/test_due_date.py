"""``manage.py due_date``: exactly the date on stdout, the explanation on stderr."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from terbuka.testing import World
from terbuka.workdays import actions
from terbuka.workdays.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def due_date(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("due_date", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_exactly_the_due_date() -> None:
    out, err = due_date("2025-03-27", "10")
    assert out == "2025-04-22\n"
    assert err == ""


def test_it_explains_on_stderr() -> None:
    out, err = due_date("2025-03-27", "10", "--explain")
    assert out == "2025-04-22\n"
    lines = err.splitlines()
    # The same lines, in the same words, as a request's page shows.
    assert lines[0] == "Diterima: Kamis, 27 Maret 2025"
    assert "Dilewati Jumat, 28 Maret 2025: Cuti Bersama Hari Suci Nyepi" in lines
    assert "Dilewati Sabtu, 29 Maret 2025" in lines
    assert "Dilewati Senin, 31 Maret 2025: Hari Raya Idul Fitri" in lines
    assert "Dilewati Jumat, 18 April 2025: Wafat Yesus Kristus" in lines
    assert lines[-1] == "Hari kerja ke-10: Selasa, 22 April 2025"


# Worked out by hand from the decrees as the pinned library holds them; on a fresh
# database (the library fallback) and after an import the answers must be the same.
KNOWN = [
    ("2024-02-07", 10, "2024-02-26"),  # Isra Mikraj, cuti bersama Imlek, election day
    ("2024-03-08", 10, "2024-03-26"),  # Nyepi 11 Mar + cuti bersama 12 Mar
    ("2024-04-05", 10, "2024-04-29"),  # Idul Fitri 10–11 Apr, cuti bersama 8, 9, 12, 15 Apr
    ("2024-12-20", 10, "2025-01-08"),  # Natal, cuti bersama 26 Dec, New Year
    ("2025-03-27", 10, "2025-04-22"),  # DOMAIN.md worked example
    ("2025-03-29", 0, "2025-04-08"),  # received on Nyepi (a Saturday) → first working day
    ("2025-12-19", 10, "2026-01-07"),  # Natal, cuti bersama, New Year 2026
    ("2026-03-17", 10, "2026-04-08"),  # Nyepi, Idul Fitri + cuti bersama, Good Friday
    ("2026-12-23", 3, "2026-12-30"),  # cuti bersama 24 Dec + Natal 25 Dec
    ("2027-03-05", 10, "2027-03-31"),  # Nyepi, Idul Fitri + cuti bersama, Good Friday
    ("2025-03-27", 17, "2025-05-02"),  # extended by 7 working days (Pasal 22(8)), May Day
]


@pytest.mark.parametrize(("received", "n", "expected"), KNOWN)
def test_it_gives_the_right_date_on_a_fresh_database(received: str, n: int, expected: str) -> None:
    assert not CalendarDay.objects.exists()
    assert due_date(received, str(n))[0] == expected + "\n"


@pytest.mark.parametrize(("received", "n", "expected"), KNOWN)
def test_it_gives_the_right_date_after_the_import(received: str, n: int, expected: str) -> None:
    call_command("import_holidays", "2024", "2027", stdout=io.StringIO())
    assert due_date(received, str(n))[0] == expected + "\n"


def test_it_applies_a_bodys_own_holidays(world: World) -> None:
    actions.add_day(
        actor=world.admin,
        date=dt.date(2025, 4, 8),
        name="Hari Jadi Kabupaten Barito Utara",
        kind=DayKind.REGIONAL,
        body=world.regency,
    )
    assert due_date("2025-03-27", "10", "--body", world.regency_agency.slug)[0] == ("2025-04-23\n")
    assert due_date("2025-03-27", "10", "--body", world.agency_a.slug)[0] == "2025-04-22\n"
    assert due_date("2025-03-27", "10")[0] == "2025-04-22\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2025-02-30", "10"], "Tanggal tidak valid"),
        (["27-03-2025", "10"], "Tanggal tidak valid"),
        (["20250327", "10"], "Tanggal tidak valid"),
        (["2025-03-27", "-1"], "tidak boleh negatif"),
        (["2025-03-27", "sepuluh"], "Jumlah hari kerja tidak valid"),
        (["2025-03-27", "99999999"], "terlalu besar"),
        (["1800-01-01", "10"], "di luar rentang"),
        (["2025-03-27", "10", "--body", "tidak-ada"], "tidak ditemukan"),
    ],
)
def test_it_refuses_bad_input_with_exit_status_2(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message) as error:
        due_date(*args)
    assert error.value.returncode == 2


def test_it_exits_with_status_2_from_the_command_line() -> None:
    # A real process: the exit status a shell script sees. The count is checked before
    # the database is touched.
    bad = subprocess.run(
        [sys.executable, "manage.py", "due_date", "2025-03-27", "-5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "tidak boleh negatif" in bad.stderr
    assert bad.stdout == ""
