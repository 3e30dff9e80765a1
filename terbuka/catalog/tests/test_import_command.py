"""``manage.py import_dip PATH --body SLUG [--dry-run]``: the administrators' import."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from terbuka.audit.models import AuditRecord
from terbuka.catalog.models import Category, Entry
from terbuka.catalog.tests.spreadsheets import csv_bytes, ods_bytes
from terbuka.catalog.tests.test_import_layouts import kip_sheet


def run(*args: Any, **options: Any) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_dip", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_imports_an_ods_and_prints_what_it_did(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "dip-2025.ods"
    path.write_bytes(ods_bytes(kip_sheet()))
    out, _err = run(str(path), body=world.agency_a.slug)
    assert "“Cetak” → " not in out  # the sub-header is shown under its group
    assert "Bentuk Informasi — Cetak” → Tanda: tersedia hardcopy" in out
    assert "judul bagian" in out
    assert "4 entri baru diimpor dari dip-2025.ods" in out
    assert Entry.objects.filter(body=world.agency_a).count() == 4
    assert Entry.objects.get(title="Profil dinas.").category == Category.BERKALA
    assert AuditRecord.objects.filter(action="catalog.entry.import").count() == 1


def test_it_stores_nothing_on_a_dry_run(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "dip.csv"
    path.write_bytes(csv_bytes([["Judul", "Kategori"], ["Renja", "berkala"]]))
    out, _err = run(str(path), body=world.agency_a.slug, dry_run=True)
    assert "Uji coba: 1 entri dapat diimpor" in out
    assert Entry.objects.count() == 0


def test_it_exits_1_and_stores_nothing_when_a_row_is_wrong(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "dip.csv"
    path.write_bytes(
        csv_bytes([["Judul", "Kategori"], ["Renja", "berkala"], ["Rahasia", "rahasia negara"]])
    )
    with pytest.raises(CommandError) as refused:
        run(str(path), body=world.agency_a.slug)
    assert refused.value.returncode == 1
    assert "1 kesalahan ditemukan" in str(refused.value)
    assert Entry.objects.count() == 0


def test_it_exits_1_for_an_unreadable_file(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "dip.xlsx"
    path.write_bytes(b"bukan xlsx")
    with pytest.raises(CommandError) as refused:
        run(str(path), body=world.agency_a.slug)
    assert refused.value.returncode == 1
    assert "bukan XLSX atau ODS" in str(refused.value)


def test_it_exits_2_for_an_unknown_body(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "dip.csv"
    path.write_bytes(csv_bytes([["Judul", "Kategori"], ["Renja", "berkala"]]))
    with pytest.raises(CommandError) as refused:
        run(str(path), body="tidak-ada")
    assert refused.value.returncode == 2
