"""The two letters of an objection, as PDFs, UU 14/2008 Pasal 35–37.

- The receipt (tanda terima): a copy of the objection form as it was registered, given to
  the objector "sebagai tanda terima".
- The Atasan PPID's answer (tanggapan atas keberatan), once decided (Pasal 36(2)–(3)),
  with the right to take the dispute to the Komisi Informasi (Pasal 37(2)).

Issued the first time they are asked for, signed with the PPID body's key, and from then
on served as issued (``terbuka.letters.issuing.issue_once``): a signed letter with a
verification code must stay byte-identical, or its hash would not verify. Rendered with
WeasyPrint exactly like the written notice: an inline-styled template and the URL fetcher
that refuses every URL, since the requester and the Atasan typed parts of them
(PITFALLS.md 9). The letters name the requester but never carry his NIK, address or
phone: they may be forwarded.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.text import slugify

from terbuka import law
from terbuka.bodies import permissions
from terbuka.letters import issuing
from terbuka.letters.models import LetterKind
from terbuka.letters.signing import Signer
from terbuka.remedies import clocks
from terbuka.remedies.models import Objection, Status
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


def receipt_html(objection: Objection, extra: dict[str, Any] | None = None) -> str:
    return render_to_string(
        "remedies/letters/receipt.html", receipt_context(objection) | (extra or {})
    )


def answer_html(objection: Objection, extra: dict[str, Any] | None = None) -> str:
    return render_to_string(
        "remedies/letters/answer.html", answer_context(objection) | (extra or {})
    )


def receipt_signer(objection: Objection) -> Signer:
    """The receipt is the PPID's, whoever registered the objection (often no one: filed
    online)."""
    name = f"PPID {objection.ppid_body.name}"
    return Signer(name=name, position=name)


def answer_signer(objection: Objection) -> Signer:
    """The Atasan PPID who decided, as recorded with the decision, and his NIP."""
    nip = ""
    if objection.decided_by is not None:
        nip = permissions.signing_title(objection.decided_by, objection.ppid_body)[1]
    name = objection.atasan_name or (
        objection.decided_by.get_full_name() if objection.decided_by else ""
    )
    return Signer(name=name, nip=nip, position=objection.atasan_position)


def render_receipt(objection: Objection) -> bytes:
    """The receipt as issued (issued now if it never was); ``SigningError`` when the body
    has a key that cannot sign."""
    signer = receipt_signer(objection)
    return issuing.issue_once(
        subject=f"objection-receipt:{objection.public_id}",
        make=lambda: issuing.prepare(
            kind=LetterKind.OBJECTION_RECEIPT,
            body=objection.ppid_body,
            signer=signer,
            number=objection.number,
            date=workdays_state.today(objection.ppid_body, objection.received_at),
            render_html=lambda extra: receipt_html(objection, extra),
        ),
    )


def render_answer(objection: Objection) -> bytes:
    """The Atasan's answer as issued; ``ValueError`` while the objection is undecided."""
    context = answer_context(objection)  # ValueError before anything is issued
    signer = answer_signer(objection)
    return issuing.issue_once(
        subject=f"objection-answer:{objection.public_id}",
        make=lambda: issuing.prepare(
            kind=LetterKind.OBJECTION_ANSWER,
            body=objection.ppid_body,
            signer=signer,
            number=objection.number,
            date=context["date"],
            render_html=lambda extra: answer_html(objection, extra),
        ),
    )
