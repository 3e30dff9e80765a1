"""Fixtures for the requests tests: requests built through the real actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.conftest import PNG_BYTES
from terbuka.requests import actions
from terbuka.requests.models import Delivery, HowToObtain, InfoRequest

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
    b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "lampiran.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name: str = "ktp.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def submit_request(world: Any, *, body: Any = None, user: Any = None, **extra: Any) -> InfoRequest:
    fields: dict[str, Any] = {
        "actor": user or world.requester,
        "body": body or world.agency_a,
        "subject": "Data jumlah puskesmas dan tenaga kesehatan per kabupaten tahun 2024",
        "purpose": "Penelitian skripsi",
        "how_to_obtain": HowToObtain.SOFTCOPY,
        "delivery": Delivery.EMAIL,
    }
    fields.update(extra)
    return actions.submit(**fields)


def register_request(
    world: Any, *, received_at: dt.datetime, body: Any = None, actor: Any = None, **extra: Any
) -> InfoRequest:
    fields: dict[str, Any] = {
        "actor": actor or world.operator,
        "body": body or world.province,
        "channel": "walk_in",
        "received_at": received_at,
        "identity": actions.Identity(
            requester_type="individual",
            name="Rahmat Hidayat",
            nik="6271010505850002",
            address="Jl. Yos Sudarso No. 3, Palangka Raya",
            phone="0812000111",
            email="rahmat@example.test",
        ),
        "subject": "Rencana kerja dinas tahun 2025",
        "purpose": "",
        "how_to_obtain": HowToObtain.VIEW,
        "delivery": "",
    }
    fields.update(extra)
    return actions.register(**fields)


@pytest.fixture
def make_request(world: Any) -> Any:
    def make(**extra: Any) -> InfoRequest:
        return submit_request(world, **extra)

    return make


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    # The personas' passwords are hashed ten times per test; the hasher's strength is not
    # what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
