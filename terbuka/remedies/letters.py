"""The two letters of an objection, as PDFs, UU 14/2008 Pasal 35–37.

- The receipt (tanda terima): a copy of the objection form as it was registered, given to
  the objector "sebagai tanda terima".
- The Atasan PPID's answer (tanggapan atas keberatan), once decided (Pasal 36(2)–(3)),
  with the right to take the dispute to the Komisi Informasi (Pasal 37(2)).

Rendered on request (never stored: always what the objection says now) with WeasyPrint
exactly like the written notice (``terbuka.requests.letters``): an inline-styled template
and the URL fetcher that refuses every URL, since the requester and the Atasan typed parts
of them (PITFALLS.md 9). The letters name the requester but never carry his NIK, address
or phone: they may be forwarded.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.text import slugify

from terbuka import law
from terbuka.remedies import clocks
from terbuka.remedies.models import Objection, Status
from terbuka.requests.letters import url_fetcher
from terbuka.workdays import state as workdays_state


def receipt_filename(objection: Objection) -> str:
    return f"tanda-terima-keberatan-{slugify(objection.number) or objection.pk}.pdf"


def answer_filename(objection: Objection) -> str:
    return f"tanggapan-keberatan-{slugify(objection.number) or objection.pk}.pdf"


def _common(objection: Objection) -> dict[str, Any]:
    info_request = objection.info_request
    ppid_body = objection.ppid_body
    return {
        "objection": objection,
        "info_request": info_request,
        "ppid_body": ppid_body,
        "body": objection.body,
        "requester_name": objection.requester_name,
        "proxy_name": objection.proxy_name,
        "received_on": workdays_state.today(ppid_body, objection.received_at),
    }


def receipt_context(objection: Objection) -> dict[str, Any]:
    info_request = objection.info_request
    return {
        **_common(objection),
        "grounds": objection.ground_labels(),
        "purpose": objection.purpose or (info_request.purpose if info_request else ""),
        "answer_days": law.OBJECTION_ANSWER_WORKING_DAYS,
    }


def answer_context(objection: Objection) -> dict[str, Any]:
    if not objection.is_decided or objection.decided_at is None:
        raise ValueError("An undecided objection has no answer letter.")
    window = clocks.dispute_window(objection)
    return {
        **_common(objection),
        "date": workdays_state.today(objection.ppid_body, objection.decided_at),
        "upheld": objection.status == Status.UPHELD,
        "dispute_days": law.DISPUTE_FILING_WORKING_DAYS,
        "dispute_due": window.due if window is not None else None,
    }


def receipt_html(objection: Objection) -> str:
    return render_to_string("remedies/letters/receipt.html", receipt_context(objection))


def answer_html(objection: Objection) -> str:
    return render_to_string("remedies/letters/answer.html", answer_context(objection))


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy import, only when a letter is made

    pdf: bytes = HTML(string=html, url_fetcher=url_fetcher(), base_url=None).write_pdf()
    return pdf


def render_receipt(objection: Objection) -> bytes:
    return _pdf(receipt_html(objection))


def render_answer(objection: Objection) -> bytes:
    """The Atasan's answer; ``ValueError`` while the objection is undecided."""
    return _pdf(answer_html(objection))
