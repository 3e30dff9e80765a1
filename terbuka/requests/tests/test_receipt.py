"""The receipt (tanda bukti, UU 14/2008 Pasal 22(4)–(5)): its page, printable, and its
PDF for the owner only, with dates in words and nothing personal beyond the page."""

from __future__ import annotations

import io
import re
from typing import Any

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from terbuka.requests.models import InfoRequest
from terbuka.testing import submit_request

INDONESIAN_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def url(name: str, info_request: InfoRequest) -> str:
    return reverse(name, kwargs={"public_id": info_request.public_id})


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_it_shows_dates_in_words_and_offers_the_pdf(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.requester)
    html = client.get(url("requests:receipt", info_request)).content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # ISO only inside datetime=""
    assert any(day in text for day in INDONESIAN_DAYS)
    assert url("requests:receipt_pdf", info_request) in html
    assert 'class="actions no-print"' in html  # the print stylesheet drops the buttons


def test_it_gives_the_owner_the_receipt_as_pdf(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.requester)
    response = client.get(url("requests:receipt_pdf", info_request))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert ".pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert info_request.number in text
    assert "Tanda bukti permohonan informasi" in text
    assert info_request.body.name in text
    assert info_request.due_date is not None
    assert any(day in text for day in INDONESIAN_DAYS)
    # What the page shows, nothing more: not the requester's name, NIK, address or e-mail.
    for personal in (
        info_request.requester_name,
        info_request.requester_nik,
        info_request.requester_address,
        info_request.requester_email,
    ):
        assert not personal or personal not in text


def test_it_keeps_the_pdf_from_anyone_else(client: Client, world: Any) -> None:
    info_request = submit_request(world)
    client.force_login(world.other_requester)
    assert client.get(url("requests:receipt_pdf", info_request)).status_code == 404
    client.logout()
    response = client.get(url("requests:receipt_pdf", info_request))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
