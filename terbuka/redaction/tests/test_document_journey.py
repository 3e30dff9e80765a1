"""Issue 12's whole journey in real headless Chromium: a Pelaksana uploads a draft with a
NIK in it → the shield holds it → the PPID blacks the NIK out (Pasal 17 huruf h) from the
finding → sends the written notice releasing the redacted file → the requester downloads
a signed letter and the redacted file → the verification page confirms the letter and
rejects an edited copy."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from pyhanko.pdf_utils.generic import StreamObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader

from terbuka.letters import verification
from terbuka.letters.models import IssuedLetter, LetterKind
from terbuka.letters.tests.crosscheck import openssl_accepts
from terbuka.letters.tests.test_signed_notice import edited, give_key
from terbuka.redaction.models import Redaction
from terbuka.requests.models import FileKind, Status
from terbuka.requests.tests.test_journeys import log_in, log_out
from terbuka.shield.state import ShieldState
from terbuka.testing import NIK_DUA, forward_to_a, submit_request

pytestmark = pytest.mark.browser

KEPT = "Daftar penerima bantuan sosial desa Tumbang"


@pytest.fixture(autouse=True)
def _inline_tasks(settings: Any) -> None:
    # The worker's jobs run when the live server's transaction commits, as the worker
    # would run them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def draft_pdf() -> bytes:
    """The Pelaksana's answer: a list of aid recipients with a NIK on it."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), KEPT, fontsize=12)
    page.insert_text((72, 130), f"Nama: Rahmat Hidayat  NIK {NIK_DUA}", fontsize=12)
    return bytes(doc.tobytes())


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.get_text() for page in pymupdf.open(stream=io.BytesIO(data))).split()
    )


def download(page: Any, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).click()
    return Path(info.value.path()).read_bytes()


def with_incremental_update(pdf: bytes) -> bytes:
    """The signed letter with an unsigned incremental update appended (a black box painted
    over part of page 1): the signed bytes are untouched, the page is not what was signed."""
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    box = StreamObject(stream_data=b"0 0 0 rg 72 600 300 40 re f")
    writer.add_stream_to_page(0, writer.add_object(box))
    writer.write(out)
    return out.getvalue()


def check_upload(page: Any, base: str, code: str, path: Path) -> str:
    page.goto(f"{base}/verifikasi/{code}/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_load_state()
    return str(page.locator("main").inner_text())


def test_journey_a_nik_is_held_blacked_out_released_and_the_letter_verified(
    live_server: Any, world: Any, script_page: Any, tmp_path: Path
) -> None:
    page, base = script_page, live_server.url
    ca = give_key(world)
    # The requester lets the request appear on the public request log once answered.
    info_request = submit_request(
        world, body=world.agency_a, subject="Daftar penerima bansos", publish_allowed=True
    )
    forward_to_a(world, info_request)
    case_url = f"{base}/permohonan/petugas/{info_request.public_id}/"

    # 1. The Pelaksana uploads his draft: the shield scans it and holds it.
    draft_path = tmp_path / "penerima.pdf"
    draft_path.write_bytes(draft_pdf())
    log_in(page, base, world.pelaksana_a.username)
    page.goto(case_url)
    page.fill("#id_draft_text", "Daftar penerima bantuan terlampir.")
    page.locator("#id_documents").set_input_files(str(draft_path))
    page.get_by_role("button", name="Serahkan draf").click()
    page.wait_for_load_state()
    draft = info_request.files.get(kind=FileKind.DRAFT)
    assert draft.shield_state == ShieldState.HELD
    assert "Ditahan: ada temuan data pribadi" in page.locator("main").inner_text()
    log_out(page)

    # 2. The PPID opens the finding: the NIK masked, then "Hitamkan temuan".
    log_in(page, base, world.utama.username)
    page.goto(case_url)
    page.get_by_role("link", name="Pemeriksaan data pribadi").first.click()
    page.wait_for_url(re.compile(r"/pemeriksaan/$"))
    check = page.locator("main").inner_text()
    assert "6271********0002" in check and NIK_DUA not in check
    page.get_by_role("link", name="Hitamkan temuan").click()
    page.wait_for_url(re.compile(r"/hitamkan/berkas/.*\?areas="))

    # 3. The proposed area is there, ground huruf h; he applies it.
    assert page.locator("#id_area-0-page").input_value() == "1"
    assert page.locator("#id_area-0-ground").input_value() == "h"
    proposed = page.locator(".redact-canvas[data-page='1'] .redact-box.saved")
    proposed.first.wait_for()  # drawn on the page image by the marking script
    assert proposed.count() == 1
    page.get_by_role("button", name="Hitamkan dan simpan sebagai berkas baru").click()
    page.wait_for_url(re.compile(r"/permohonan/petugas/"))
    redaction = Redaction.objects.get(source=draft)
    redacted = redaction.result
    assert redacted is not None
    assert redacted.original_name == "penerima-dihitamkan.pdf"
    assert [area["ground"] for area in redaction.areas] == ["h"]
    assert redacted.shield_state == ShieldState.CLEAR, "scanned again: nothing left"

    # 4. He answers: a partial grant releasing the redacted file, saved and sent.
    page.goto(case_url)
    page.select_option("#id_outcome", "granted_in_part")
    page.fill("#id_material", "Daftar penerima bantuan sosial desa Tumbang")
    page.fill("#id_withheld", "NIK penerima dihitamkan: data pribadi (Pasal 17 huruf h).")
    page.select_option("#id_form", "softcopy")
    page.select_option("#id_delivery", "email")
    page.get_by_role("button", name="Simpan draf pemberitahuan").click()
    page.wait_for_load_state()
    page.get_by_label("penerima-dihitamkan.pdf", exact=False).check()
    page.check("#id_confirm")
    page.get_by_role("button", name="Kirim pemberitahuan tertulis").click()
    page.wait_for_load_state()
    info_request.refresh_from_db()
    assert info_request.status == Status.ANSWERED
    redacted.refresh_from_db()
    assert redacted.kind == FileKind.RELEASED
    draft.refresh_from_db()
    assert draft.kind == FileKind.DRAFT, "the original stays private"
    log_out(page)

    # 5. The requester downloads the signed letter and the redacted file.
    log_in(page, base, world.requester.username)
    page.goto(f"{base}/permohonan/{info_request.public_id}/")
    mine = page.locator("main").inner_text()
    assert "penerima-dihitamkan.pdf" in mine and "penerima.pdf" not in mine
    letter_file = info_request.files.get(kind=FileKind.LETTER)
    letter_pdf = download(page, letter_file.original_name)
    released = download(page, "penerima-dihitamkan.pdf")

    # The body is read here: a query from the pool's thread would leave a connection open.
    letter = IssuedLetter.objects.select_related("body").get(kind=LetterKind.NOTICE)
    assert letter.is_signed
    # pyHanko's validation runs its own event loop: off Playwright's running one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        problems = pool.submit(verification.signature_problems, letter, letter_pdf).result()
    assert problems == []  # pyHanko
    assert openssl_accepts(letter_pdf, ca)  # and OpenSSL, independently
    letter_text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(letter_pdf)).pages).split()
    )
    assert "penerima-dihitamkan.pdf, halaman 1: dihitamkan berdasarkan Pasal 17 huruf h" in (
        letter_text
    )
    released_text = pdf_text(released)
    assert NIK_DUA not in released_text and NIK_DUA.encode() not in released
    assert NIK_DUA not in re.sub(r"\D", "", released_text)
    assert "Tumbang" in released_text, "only the NIK was removed"

    # 6. Anyone checks the letter at the address printed on it.
    printed = re.search(r"/verifikasi/([A-Za-z0-9]+)/", letter_text)
    assert printed is not None and printed.group(1) == letter.code
    log_out(page)

    # The public request log offers the redacted file, never the original.
    page.goto(f"{base}/permohonan/log/{info_request.public_id}/")
    public = page.locator("main").inner_text()
    assert "penerima-dihitamkan.pdf" in public and "penerima.pdf" not in public
    assert NIK_DUA.encode() not in download(page, "penerima-dihitamkan.pdf")

    original = tmp_path / "surat.pdf"
    original.write_bytes(letter_pdf)
    text = check_upload(page, base, letter.code, original)
    assert "Sah." in text and letter.number in text
    assert info_request.requester_name not in text, "nothing personal about the requester"

    one_byte = tmp_path / "surat-diubah.pdf"
    one_byte.write_bytes(edited(letter_pdf))
    text = check_upload(page, base, letter.code, one_byte)
    assert "Tidak sama." in text and "isi PDF berubah setelah ditandatangani" in text
    assert "Sah." not in text

    appended = tmp_path / "surat-ditambah.pdf"
    appended.write_bytes(with_incremental_update(letter_pdf))
    text = check_upload(page, base, letter.code, appended)
    assert "Tidak sama." in text
    assert "Ada perubahan yang ditambahkan pada PDF setelah ditandatangani." in text
    assert "Sah." not in text
