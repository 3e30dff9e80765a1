"""The catalog's part of ``seed_demo``: a few hundred entries, idempotent, extraction queued."""

from __future__ import annotations

import io
from typing import Any

import pytest

from terbuka.bodies import demo as bodies_demo
from terbuka.catalog import demo
from terbuka.catalog.models import Category, DocumentVersion, Entry, Exemption, ExtractionStatus


@pytest.mark.django_db
def test_it_seeds_a_few_hundred_entries_once(settings: Any) -> None:
    bodies_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    entries = Entry.objects.count()
    assert entries >= 300
    assert Entry.objects.filter(category=Category.SERTA_MERTA).count() >= 5
    assert Exemption.objects.count() >= 4
    # One ended without a decision, for the DIK's "ended" list and the officers' dashboard.
    assert Exemption.objects.ended().count() == 1
    versions = DocumentVersion.objects.count()
    assert versions >= 100
    # Extraction waits for the queue; the seed itself does not run it.
    assert not DocumentVersion.objects.exclude(extraction_status=ExtractionStatus.PENDING).exists()
    assert Entry.objects.filter(
        title__startswith="Laporan Realisasi Anggaran Dinas Kesehatan"
    ).exists()
    out = io.StringIO()
    demo.seed(out)
    assert "0 entri baru" in out.getvalue()
    assert Entry.objects.count() == entries
    assert DocumentVersion.objects.count() == versions
