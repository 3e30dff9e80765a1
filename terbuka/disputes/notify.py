"""E-mails about disputes, through ``terbuka.mail`` (after commit, in the recipient's
language, failures logged without personal data). They go to officers of the PPID body
only, and carry the KI number, the dates and a link: never the petitioner's name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext

from terbuka import mail
from terbuka.bodies import permissions
from terbuka.disputes.models import Dispute
from terbuka.remedies.notify import ATASAN
from terbuka.requests.notify import HANDLERS, link


def _subject_line(text: str | Promise, label: str) -> str:
    return gettext("[Terbuka] %(text)s — %(number)s") % {"text": text, "number": label}


def subject_line(text: str | Promise, dispute: Dispute) -> str:
    return lazy(_subject_line, str)(text, str(dispute))


def later(
    template: str,
    *,
    dispute: Dispute,
    officers: Iterable[tuple[str, ...]],
    subject: mail.Text,
    extra: dict[str, Any],
) -> None:
    """Mail the holders of these role kinds (``HANDLERS``, ``ATASAN``) in the PPID body."""
    kinds = [kind for group in officers for kind in group]
    dispute_id, body_id = dispute.pk, dispute.ppid_body_id

    def context() -> dict[str, Any]:
        found = Dispute.objects.select_related("ppid_body").get(pk=dispute_id)
        return {
            "dispute": str(found),
            "commission": found.commission,
            "stage": found.get_stage_display(),
            "ppid_body_name": found.ppid_body.name,
            "officer_link": link("disputes:detail", public_id=found.public_id),
            **extra,
        }

    mail.send(
        f"disputes.{template}",
        to=lambda: list(permissions.officer_addresses(body_id, kinds)),
        template=f"disputes/email/{template}.txt",
        subject=subject,
        context=context,
        about=f"dispute {dispute_id}",
    )


__all__ = ["ATASAN", "HANDLERS", "later", "subject_line"]
