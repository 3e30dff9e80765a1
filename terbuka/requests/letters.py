"""The written notice (pemberitahuan tertulis) as a PDF letter, UU 14/2008 Pasal 22(7).

Rendered from ``requests/letters/notice.html`` and signed with the PPID body's key by
``terbuka.letters`` (its verification code, QR code and PAdES signature). The letter
names the requester (it is addressed to him) but never carries his NIK, address or
phone. Officers type parts of it, so WeasyPrint gets a URL fetcher that refuses every
URL (``terbuka.letters.pdf``, PITFALLS.md 9); the letter's style is inline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from terbuka import law
from terbuka.bodies import permissions
from terbuka.letters import issuing
from terbuka.letters.models import LetterKind
from terbuka.letters.pdf import url_fetcher
from terbuka.letters.signing import Signer
from terbuka.requests import hooks, notify, numbering
from terbuka.requests.models import HowToObtain, InfoRequest, Notice, Outcome, RequestFile

__all__ = ["url_fetcher"]  # used by the other letters


def rupiah(amount: int) -> str:
    """``12500`` → ``Rp12.500`` (Indonesian thousands separator)."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def letter_filename(info_request: InfoRequest) -> str:
    return f"pemberitahuan-tertulis-{slugify(info_request.number) or info_request.pk}.pdf"


def context(notice: Notice, released: Sequence[RequestFile] = ()) -> dict[str, Any]:
    info_request = notice.info_request
    ppid_body = info_request.ppid_body
    settings = numbering.service_settings(ppid_body)
    sent_at = notice.sent_at or timezone.now()
    return {
        "notice": notice,
        "info_request": info_request,
        "ppid_body": ppid_body,
        "body": info_request.body,
        "requester_name": info_request.requester_name,
        "acting_for": info_request.acting_for,
        "date": sent_at.astimezone(ppid_body.tzinfo).date(),
        "outcome": Outcome,
        "how_to_obtain": HowToObtain,
        "is_held": notice.outcome != Outcome.NOT_HELD,
        "holding_body_name": (
            notice.holding_body.name if notice.holding_body else notice.holding_body_name.strip()
        ),
        "exemption_label": law.label(notice.exemption_ground) if notice.exemption_ground else "",
        "exemption_text": dict(law.ground_choices()).get(notice.exemption_ground, ""),
        "total_cost": notice.total_cost,
        "fee_per_page_text": rupiah(notice.fee_per_page),
        "copy_cost_text": rupiah(notice.pages * notice.fee_per_page),
        "delivery_cost_text": rupiah(notice.delivery_cost),
        "total_cost_text": rupiah(notice.total_cost),
        "released": released,
        # What was blacked out in them and why (Pasal 22(7)e), told by terbuka.redaction.
        "redaction_lines": hooks.redaction_lines(released),
        "objection_days": law.OBJECTION_FILING_WORKING_DAYS,
        # The objection form (terbuka.remedies) of this request, named by URL only.
        "objection_url": notify.link("remedies:new", public_id=info_request.public_id),
        "notice_days": law.NOTICE_WORKING_DAYS,
        "number_code": settings.number_code or ppid_body.code,
    }


def render_html(
    notice: Notice, released: Sequence[RequestFile] = (), extra: dict[str, Any] | None = None
) -> str:
    return render_to_string(
        "requests/letters/notice.html", context(notice, released) | (extra or {})
    )


def signer_of(officer: Any, info_request: InfoRequest) -> Signer:
    """The officer who sends the notice signs it, with his position and NIP."""
    position, nip = permissions.signing_title(officer, info_request.ppid_body)
    name = officer.get_full_name() or officer.get_username()
    return Signer(name=name, nip=nip, position=position or f"PPID {info_request.ppid_body.name}")


def notice_subject(info_request: InfoRequest) -> str:
    return f"notice:{info_request.public_id}"


def render_notice(
    notice: Notice, released: Sequence[RequestFile] = (), *, signer: Signer
) -> issuing.Prepared:
    """The letter, signed with the PPID body's key (unsigned if it has none);
    ``SigningError`` when its key cannot sign."""
    info_request = notice.info_request
    ppid_body = info_request.ppid_body
    return issuing.prepare(
        kind=LetterKind.NOTICE,
        body=ppid_body,
        signer=signer,
        number=info_request.number,
        date=context(notice)["date"],
        render_html=lambda extra: render_html(notice, released, extra),
    )


# --- the extension notice (Pasal 22(8)) ---------------------------------------------------


def extension_subject(info_request: InfoRequest) -> str:
    return f"extension:{info_request.public_id}"


def extension_filename(info_request: InfoRequest) -> str:
    return f"perpanjangan-jangka-waktu-{slugify(info_request.number) or info_request.pk}.pdf"


def render_extension(
    info_request: InfoRequest, *, old_due: Any, signer: Signer, date: Any
) -> issuing.Prepared:
    """The written extension notice: the request, the reasons and the new due date with
    how it was counted, as ``info_request`` holds them after the extension was applied
    (not yet saved). Signed like the written notice; ``SigningError`` when the PPID
    body's key cannot sign."""
    ppid_body = info_request.ppid_body
    settings = numbering.service_settings(ppid_body)

    def render(extra: dict[str, Any]) -> str:
        return render_to_string(
            "requests/letters/extension.html",
            {
                "info_request": info_request,
                "ppid_body": ppid_body,
                "body": info_request.body,
                "requester_name": info_request.requester_name,
                "acting_for": info_request.acting_for,
                "date": date,
                "old_due": old_due,
                "max_days": law.NOTICE_EXTENSION_MAX_WORKING_DAYS,
                "number_code": settings.number_code or ppid_body.code,
            }
            | extra,
        )

    return issuing.prepare(
        kind=LetterKind.NOTICE,
        body=ppid_body,
        signer=signer,
        number=info_request.number,
        date=date,
        render_html=render,
    )
