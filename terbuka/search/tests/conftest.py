"""Fixtures for search tests: DIP entries and published requests built through the real
models and indexed through ``terbuka.search.sources``, as the catalog and request actions
do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from terbuka.catalog.models import Category, Document, DocumentVersion, Entry, ExtractionStatus
from terbuka.requests.models import (
    Channel,
    HowToObtain,
    InfoRequest,
    Notice,
    Outcome,
    Status,
)
from terbuka.search import sources
from terbuka.testing import World


@pytest.fixture
def make_entry(world: World) -> Callable[..., Entry]:
    def make(title: str, summary: str = "", *, document_text: str = "", **fields: Any) -> Entry:
        values: dict[str, Any] = {
            "body": world.agency_a,
            "category": Category.BERKALA,
            "summary": summary or title,
            "holder": "Sekretariat",
            "responsible": "Kepala Dinas",
            "created_when": "Januari",
            "retention": "5 tahun",
            "published_on": dt.date(2024, 3, 1),
        }
        values.update(fields)
        entry = Entry.objects.create(title=title, **values)
        if document_text:
            document = Document.objects.create(entry=entry, title="Lampiran")
            DocumentVersion.objects.create(
                document=document,
                number=1,
                file="dip/x.pdf",
                original_name="x.pdf",
                content_type="application/pdf",
                size=1,
                sha256="0" * 64,
                extraction_status=ExtractionStatus.DONE,
                extracted_text=document_text,
            )
        sources.index_entry(entry)
        return entry

    return make


@pytest.fixture
def make_request(world: World) -> Callable[..., InfoRequest]:
    def make(
        subject: str,
        *,
        material: str = "",
        publish_allowed: bool = True,
        answered: bool = True,
        body: Any = None,
    ) -> InfoRequest:
        body = body or world.agency_a
        info_request = InfoRequest.objects.create(
            body=body,
            ppid_body=world.province,
            requester=world.requester,
            requester_type="individual",
            requester_name="Siti Rahmawati",
            requester_nik="6271014101900001",
            requester_address="Jl. Tjilik Riwut Km 5 No. 12, Palangka Raya",
            requester_phone="081234567890",
            requester_email="siti.rahasia@example.test",
            subject=subject,
            purpose="Penelitian skripsi Siti Rahmawati",
            how_to_obtain=HowToObtain.SOFTCOPY,
            channel=Channel.ONLINE,
            received_at=timezone.now() - dt.timedelta(days=10),
            publish_allowed=publish_allowed,
            status=Status.ANSWERED if answered else Status.IN_PROGRESS,
            answered_at=timezone.now() if answered else None,
        )
        if answered:
            Notice.objects.create(
                info_request=info_request,
                outcome=Outcome.GRANTED,
                material=material,
                letter_text="Kepada Yth. Siti Rahmawati, Jl. Tjilik Riwut Km 5",
                sent_at=timezone.now(),
            )
        sources.index_request(info_request)
        return info_request

    return make
