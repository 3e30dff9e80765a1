"""What the tests share: the personas' constants and type, small valid files, and requests,
DIP entries and exemptions built through the real actions.

Tests import from here, never from a ``conftest.py``; the fixtures stay in the conftest
files and call these helpers. App-specific builders (the catalog's office documents, the
accounts' registration form) stay beside their app's tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from terbuka import uploads
from terbuka.accounts.models import RequesterProfile, RequesterType, User
from terbuka.bodies.actions import grant_role
from terbuka.bodies.models import Body, RoleKind
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog.models import Category, Entry, Exemption
from terbuka.requests import actions as request_actions
from terbuka.requests.models import Delivery, Disposition, FileKind, HowToObtain, InfoRequest

# --- personas ------------------------------------------------------------------------------

PASSWORD = "kata-sandi-uji-123"  # noqa: S105 (the personas' password, tests only)
# Valid NIKs (stdnum.id.nik): 62 71 01 = Kota Palangka Raya; 41 = a woman born on the 1st.
NIK_SATU = "6271014101900001"
NIK_DUA = "6271010505850002"


@dataclass(frozen=True)
class SeededDemo:
    """The ``seeded_demo`` fixture (``terbuka/conftest.py``): the demo province seeded once."""

    signing_dir: Path
    log: list[str]  # every log line the seeding wrote, for the leak scan


@dataclass
class World:
    """The personas of the ``world`` fixture (terbuka/conftest.py)."""

    province: Body
    utama_body: Body  # Diskominfosantik, which holds the province's PPID Utama
    agency_a: Body  # Dinas Kesehatan, a PPID Pelaksana unit
    agency_b: Body  # Dinas PUPR, a PPID Pelaksana unit
    regency: Body  # Kabupaten Barito Utara, with its own PPID Utama
    regency_agency: Body
    requester: User
    other_requester: User
    pelaksana_a: User
    pelaksana_b: User
    utama: User
    atasan: User
    operator: User
    regency_officer: User
    admin: User


def make_user(username: str, *, email: str | None = None, **extra: Any) -> User:
    return User.objects.create_user(
        username=username,
        email=email if email is not None else f"{username}@example.test",
        password=PASSWORD,
        email_verified=True,
        **extra,
    )


def make_requester(username: str, full_name: str, nik: str) -> User:
    user = make_user(username, first_name=full_name)
    profile = RequesterProfile(
        user=user,
        requester_type=RequesterType.INDIVIDUAL,
        full_name=full_name,
        address="Jl. Tjilik Riwut Km 5 No. 12, Palangka Raya",
        phone="081234567890",
    )
    profile.set_nik(nik)
    profile.save()
    return user


def add_dpo(username: str, body: Body) -> User:
    """A data-protection officer (UU 27/2022 Pasal 53) of ``body``."""
    user = make_user(username)
    grant_role(actor=None, user=user, body=body, kind=RoleKind.DPO)
    return user


# --- files -----------------------------------------------------------------------------------


def tiny_image(fmt: str = "PNG", marker: int = 0) -> bytes:
    """A real, decodable image (uploads are re-encoded, so fakes are refused); ``marker``
    varies the pixels so two images differ."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (marker % 256, 80, 160)).save(out, format=fmt)
    return out.getvalue()


PNG_BYTES = tiny_image("PNG")
JPEG_BYTES = tiny_image("JPEG")
# Uploaded images are decoded and re-encoded without metadata: this is what the platform
# stores of PNG_BYTES (the same bytes, as Pillow's own PNG carries none).
STORED_PNG_BYTES = uploads.strip_image_metadata(PNG_BYTES, "png")


def png_upload(name: str = "ktp.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def tiny_pdf(text: str = "Lampiran") -> bytes:
    """A small valid one-page PDF with correct xref offsets (the upload checks parse it),
    built by hand."""
    stream = f"BT /F1 18 Tf 40 100 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


PDF_BYTES = tiny_pdf()


def pdf_upload(name: str = "lampiran.pdf", text: str = "Lampiran") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(text), content_type="application/pdf")


# --- information requests ----------------------------------------------------------------


def _with_content(fields: dict[str, Any]) -> dict[str, Any]:
    """The action's keywords: what is asked goes into one ``RequestContent``."""
    names = {field.name for field in dataclasses.fields(request_actions.RequestContent)}
    content = {name: fields.pop(name) for name in list(fields) if name in names}
    return {**fields, "content": request_actions.RequestContent(**content)}


def submit_request(
    world: World, *, body: Body | None = None, user: User | None = None, **extra: Any
) -> InfoRequest:
    """An online request by the requester (or ``user``) to agency A (or ``body``)."""
    fields: dict[str, Any] = {
        "actor": user or world.requester,
        "body": body or world.agency_a,
        "subject": "Data jumlah puskesmas dan tenaga kesehatan per kabupaten tahun 2024",
        "purpose": "Penelitian skripsi",
        "how_to_obtain": HowToObtain.SOFTCOPY,
        "delivery": Delivery.EMAIL,
    }
    fields.update(extra)
    return request_actions.submit(**_with_content(fields))


def submit_with_documents(world: World, **extra: Any) -> InfoRequest:
    """A request with an attachment (``PDF_BYTES``) and a KTP (``PNG_BYTES``) on file."""
    fields: dict[str, Any] = {
        "attachments": [pdf_upload()],
        "identity_documents": [png_upload()],
        **extra,
    }
    return submit_request(world, **fields)


def register_request(
    world: World,
    *,
    received_at: dt.datetime,
    body: Body | None = None,
    actor: User | None = None,
    **extra: Any,
) -> InfoRequest:
    """A walk-in request the operator registers on the requester's behalf."""
    fields: dict[str, Any] = {
        "actor": actor or world.operator,
        "body": body or world.province,
        "channel": "walk_in",
        "received_at": received_at,
        "identity": request_actions.Identity(
            requester_type="individual",
            name="Rahmat Hidayat",
            nik=NIK_DUA,
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
    return request_actions.register(**_with_content(fields))


def forward_to_a(world: World, info_request: InfoRequest) -> Disposition:
    """The PPID Utama forwards the request to agency A (disposisi)."""
    [disposition] = request_actions.forward(
        actor=world.utama,
        info_request=info_request,
        units=[world.agency_a],
        instruction="Siapkan datanya.",
        internal_due_date=timezone.localdate() + dt.timedelta(days=5),
    )
    return disposition


def draft_answer(world: World, disposition: Disposition) -> None:
    """Agency A's Pelaksana drafts the answer with a PDF (``jawaban.pdf``)."""
    request_actions.submit_draft(
        actor=world.pelaksana_a,
        disposition=disposition,
        draft_text="Terlampir data puskesmas.",
        files=[pdf_upload("jawaban.pdf", "Jawaban PPID")],
    )


def answer_request(world: World, info_request: InfoRequest) -> InfoRequest:
    """Forward, draft with a PDF, and send a granted notice releasing the PDF."""
    draft_answer(world, forward_to_a(world, info_request))
    request_actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome="granted",
        material="Data puskesmas 2024",
    )
    drafts = [item.pk for item in info_request.files.filter(kind=FileKind.DRAFT)]
    request_actions.send_notice(
        actor=world.utama, info_request=info_request, released_file_ids=drafts
    )
    info_request.refresh_from_db()
    return info_request


def grant_request(officer: User, info_request: InfoRequest) -> InfoRequest:
    """The officer grants the request and sends the notice straight away (no disposisi):
    printed copies picked up at the counter, so no document needs to be released."""
    request_actions.save_notice(
        actor=officer,
        info_request=info_request,
        outcome="granted",
        material="Salinan dokumen yang dimohonkan",
        form=HowToObtain.HARDCOPY,
        delivery=Delivery.PICKUP,
    )
    request_actions.send_notice(actor=officer, info_request=info_request)
    info_request.refresh_from_db()
    return info_request


# --- the DIP and the DIK -------------------------------------------------------------------

ENTRY_VALUES: dict[str, Any] = {
    "category": Category.BERKALA,
    "number": "1",
    "title": "Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2024",
    "summary": "Realisasi pendapatan dan belanja Dinas Kesehatan tahun anggaran 2024.",
    "holder": "Sekretariat Dinas Kesehatan",
    "responsible": "Kepala Subbagian Keuangan",
    "created_when": "Januari 2025",
    "created_where": "Palangka Raya",
    "retention": "10 tahun",
    "tags": "anggaran, keuangan",
    "published_on": dt.date(2025, 2, 3),
    "last_updated_on": dt.date(2025, 2, 3),
}


def make_entry(actor: User | None, body: Body, **overrides: Any) -> Entry:
    return catalog_actions.create_entry(actor=actor, body=body, **{**ENTRY_VALUES, **overrides})


EXEMPTION_VALUES: dict[str, Any] = {
    "title": "Berkas penyelidikan dugaan penyimpangan dana BOK",
    "ground": "a.1",
    "harm": "Membuka berkas dapat menghambat penyelidikan yang sedang berjalan.",
    "public_interest": "Kepentingan publik lebih terlindungi bila penyelidikan tuntas.",
    "deciding_ppid": "PPID Utama Provinsi Kalimantan Tengah",
    "period_start": dt.date(2025, 1, 6),
    "period_end": dt.date(2027, 1, 6),
    "decided_place": "Palangka Raya",
    "decided_on": dt.date(2025, 1, 6),
    "approved_by": "Sekretaris Daerah Provinsi Kalimantan Tengah",
    "approved_on": dt.date(2025, 1, 8),
}


def make_exemption(actor: User | None, body: Body, **overrides: Any) -> Exemption:
    return catalog_actions.create_exemption(
        actor=actor, body=body, **{**EXEMPTION_VALUES, **overrides}
    )
