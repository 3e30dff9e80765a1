import datetime as dt
import io
import zlib
import zoneinfo

import pytest
import time_machine
from django.db import connection
from pypdf import PdfReader

from terbuka.requests import actions, files, letters
from terbuka.requests.models import FileKind, Notice, Outcome, ServiceSettings, Status
from terbuka.testing import submit_request

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def letter_text(pdf: bytes) -> bytes:
    """Decompressed content streams: enough to find the printed words."""
    chunks = [pdf]
    for part in pdf.split(b"stream")[1:]:
        body = part.split(b"endstream")[0].strip(b"\r\n")
        try:
            chunks.append(zlib.decompress(body))
        except zlib.error:
            continue
    return b"".join(chunks)


@time_machine.travel(dt.datetime(2025, 11, 3, 9, 0, tzinfo=WIB), tick=False)
def test_the_letter_html_states_everything_pasal_22_7_asks(world):
    ServiceSettings.objects.create(
        body=world.province, number_code="DISKOMINFOSANTIK", fee_per_page=500
    )
    info_request = submit_request(world)
    notice = actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.GRANTED_IN_PART,
        material="Rekap jumlah puskesmas 2024",
        withheld="Nama pasien dihitamkan.",
        exemption_ground="h.2",
        consequence_test="Membuka nama pasien mengungkap rahasia pribadi.",
        pages=12,
        delivery_cost=15000,
        payment_instructions="Transfer ke rekening kas daerah.",
    )
    html = letters.render_html(notice)
    for expected in (
        "0001/PPID-DISKOMINFOSANTIK/XI/2025",
        "Siti Rahmawati",
        "Dikabulkan sebagian",
        "Nama pasien dihitamkan.",
        "Pasal 17 huruf h angka 2 UU 14/2008",
        "Membuka nama pasien",
        "Rekap jumlah puskesmas 2024",
        "12 halaman",
        "Rp500",
        "Rp6.000",
        "Rp15.000",
        "Rp21.000",
        "Transfer ke rekening kas daerah.",
        "30 hari kerja",
        "Pasal 35",
        "dikuasai oleh",
    ):
        assert expected in html, expected
    # Never the requester's NIK, address or phone.
    assert "6271014101900001" not in html
    assert "Tjilik Riwut" not in html
    assert "081234567890" not in html


def test_the_sent_notice_is_a_pdf_letter_with_the_number(world):
    info_request = submit_request(world)
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.NOT_HELD,
        holding_body_name="Balai Wilayah Sungai Kalimantan II",
    )
    actions.send_notice(actor=world.utama, info_request=info_request)
    letter = info_request.files.get(kind=FileKind.LETTER)
    pdf = files.open_file(letter)
    assert pdf.startswith(b"%PDF")
    assert letter.original_name.endswith(".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert info_request.number in text
    assert "Balai Wilayah Sungai Kalimantan II" in text
    assert "keberatan" in text
    assert "6271014101900001" not in text


def test_the_url_fetcher_refuses_files_and_network():
    fetcher = letters.url_fetcher()
    for url in ("file:///etc/passwd", "http://169.254.169.254/latest", "https://example.com/x.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_officer_text_cannot_pull_in_local_files(world):
    from weasyprint import HTML

    html = '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://example.com/x.css">'
    # WeasyPrint logs and skips refused resources: the PDF is made without them.
    pdf = HTML(string=html, url_fetcher=letters.url_fetcher()).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert b"root:" not in letter_text(pdf)


def test_rupiah():
    assert letters.rupiah(1234567) == "Rp1.234.567"
    assert letters.rupiah(0) == "Rp0"


def rendering_with(monkeypatch, before_render):
    """Wrap the renderer: ``before_render()`` runs just before the letter is rendered."""
    render = letters.render_notice

    def wrapped(*args, **kwargs):
        before_render()
        return render(*args, **kwargs)

    monkeypatch.setattr(letters, "render_notice", wrapped)


@pytest.mark.django_db(transaction=True)
def test_the_letter_is_rendered_before_the_request_is_locked(world, monkeypatch):
    # WeasyPrint is slow: while it runs, no transaction is open, so the request's row (on
    # SQLite: the whole database) is not locked against the other officers' actions.
    info_request = submit_request(world)
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.NOT_HELD,
        holding_body_name="Balai Wilayah Sungai Kalimantan II",
    )
    seen = []
    rendering_with(monkeypatch, lambda: seen.append(connection.in_atomic_block))
    actions.send_notice(actor=world.utama, info_request=info_request)
    assert seen == [False]
    info_request.refresh_from_db()
    assert info_request.status == Status.ANSWERED
    pdf = files.open_file(info_request.files.get(kind=FileKind.LETTER))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert info_request.number in text


@pytest.mark.django_db(transaction=True)
def test_a_notice_changed_while_its_letter_is_made_is_not_sent(world, monkeypatch):
    info_request = submit_request(world)
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.GRANTED,
        material="Rekap jumlah puskesmas 2024",
        form="hardcopy",
        delivery="pickup",
    )

    def a_colleague_edits_the_notice():
        actions.save_notice(
            actor=world.utama, info_request=info_request, material="Rekap puskesmas 2023 dan 2024"
        )

    rendering_with(monkeypatch, a_colleague_edits_the_notice)
    with pytest.raises(actions.ActionError, match="kirim ulang"):
        actions.send_notice(actor=world.utama, info_request=info_request)
    info_request.refresh_from_db()
    assert info_request.status == Status.RECEIVED
    assert not Notice.objects.get(info_request=info_request).is_sent
    assert not info_request.files.filter(kind=FileKind.LETTER).exists()

    # Sent again, the letter says what the notice says now.
    monkeypatch.undo()
    actions.send_notice(actor=world.utama, info_request=info_request)
    pdf = files.open_file(info_request.files.get(kind=FileKind.LETTER))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Rekap puskesmas 2023 dan 2024" in text
