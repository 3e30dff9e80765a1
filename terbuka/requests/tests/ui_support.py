"""Helpers and fixtures for the request view tests and the browser journeys.

(The requests-core helper's ``conftest.py`` lives beside this module; the view tests import
what they need from here explicitly.) Requests are built through the real actions.
The browser fixture drives the Debian ``chromium`` binary through Playwright; Playwright's
own browser download is never used.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.requests import actions
from terbuka.requests.models import Delivery, HowToObtain, InfoRequest

PASSWORD = "kata-sandi-uji-123"


def tiny_pdf(text: str = "Jawaban PPID") -> bytes:
    """A small but valid one-page PDF (correct xref offsets), built by hand."""
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


def pdf_upload(name: str = "jawaban.pdf", text: str = "Jawaban PPID") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(text), content_type="application/pdf")


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def new_request(
    world: Any, *, requester: Any = None, body: Any = None, **extra: Any
) -> InfoRequest:
    """An online request by a requester, through the real action."""
    fields: dict[str, Any] = {
        "subject": "Data jumlah puskesmas dan tenaga kesehatan per kabupaten tahun 2024",
        "purpose": "Penelitian skripsi",
        "how_to_obtain": HowToObtain.SOFTCOPY,
        "delivery": Delivery.EMAIL,
    }
    fields.update(extra)
    return actions.submit(actor=requester or world.requester, body=body or world.agency_a, **fields)


def forward_to_a(world: Any, info_request: InfoRequest) -> Any:
    [disposition] = actions.forward(
        actor=world.utama,
        info_request=info_request,
        units=[world.agency_a],
        instruction="Siapkan datanya.",
        internal_due_date=dt.date.today() + dt.timedelta(days=5),
    )
    return disposition


def answer_request(world: Any, info_request: InfoRequest) -> InfoRequest:
    """Forward, draft with a PDF, and send a granted notice releasing the PDF."""
    disposition = forward_to_a(world, info_request)
    actions.submit_draft(
        actor=world.pelaksana_a,
        disposition=disposition,
        draft_text="Terlampir data puskesmas.",
        files=[pdf_upload()],
    )
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome="granted",
        material="Data puskesmas 2024",
    )
    draft_ids = [f.pk for f in info_request.files.filter(kind="draft")]
    actions.send_notice(actor=world.utama, info_request=info_request, released_file_ids=draft_ids)
    info_request.refresh_from_db()
    return info_request


# --- Browser -----------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "Chromium not found: apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def browser_page(tmp_path: Any) -> Iterator[Any]:
    """A fresh headless Chromium page (own profile directory) for one journey, 360 px
    wide with JavaScript switched off."""
    executable = chromium_path()
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay
    # synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            accept_downloads=True,
            # A cheap phone's width, and no JavaScript: every page must work without it.
            viewport={"width": 360, "height": 800},
            java_script_enabled=False,
            locale="id-ID",
        )
        context.set_default_timeout(10_000)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            context.close()
