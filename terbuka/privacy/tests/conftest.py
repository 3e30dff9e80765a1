"""Fixtures for the privacy tests: DPO officers, and requests built through the real
request actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka import uploads
from terbuka.bodies.models import Role, RoleKind
from terbuka.conftest import make_user, tiny_image
from terbuka.requests import actions
from terbuka.requests.models import Delivery, HowToObtain, InfoRequest, Outcome

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
    b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# A real image: uploads are decoded and re-encoded without metadata, so this is exactly
# what gets stored (re-encoding an already clean PNG of Pillow's gives the same bytes).
KTP_BYTES = uploads.strip_image_metadata(tiny_image("PNG", marker=7), "png")


def ktp_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("ktp.png", KTP_BYTES, content_type="image/png")


def pdf_upload(name: str = "lampiran.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def dpo(world: Any) -> Any:
    """The data-protection officer of the province's PPID body."""
    user = make_user("dpo.kalteng")
    Role.objects.create(user=user, body=world.province, kind=RoleKind.DPO)
    return user


@pytest.fixture
def regency_dpo(world: Any) -> Any:
    user = make_user("dpo.barut")
    Role.objects.create(user=user, body=world.regency, kind=RoleKind.DPO)
    return user


def submit(world: Any, *, user: Any = None, body: Any = None, **extra: Any) -> InfoRequest:
    fields: dict[str, Any] = {
        "actor": user or world.requester,
        "body": body or world.agency_a,
        "subject": "Data jumlah puskesmas per kabupaten tahun 2024",
        "purpose": "Penelitian",
        "how_to_obtain": HowToObtain.SOFTCOPY,
        "delivery": Delivery.EMAIL,
        "attachments": [pdf_upload()],
        "identity_documents": [ktp_upload()],
    }
    fields.update(extra)
    return actions.submit(**fields)


def answer(officer: Any, info_request: InfoRequest) -> InfoRequest:
    actions.save_notice(actor=officer, info_request=info_request, outcome=Outcome.GRANTED)
    actions.send_notice(actor=officer, info_request=info_request)
    info_request.refresh_from_db()
    return info_request
