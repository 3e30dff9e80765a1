"""What the written notice needs from redaction (registered in ``apps.py`` through
``terbuka.requests.hooks``): the lines it gives for the released files that were blacked
out, each file with its pages and Pasal 17 ground (UU 14/2008 Pasal 22(7)e); and the
refusal to release the original of a file that was blacked out."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext

from terbuka import law
from terbuka.redaction.models import Redaction
from terbuka.requests.errors import ActionError
from terbuka.requests.models import RequestFile


def _chain(redaction: Redaction) -> list[Redaction]:
    """A file blacked out again: every redaction from the original to this result."""
    chain = [redaction]
    seen = {redaction.pk}
    while True:
        earlier = Redaction.objects.filter(result_id=chain[-1].source_id).first()
        if earlier is None or earlier.pk in seen:
            return chain
        seen.add(earlier.pk)
        chain.append(earlier)


def summary_lines(released: Sequence[RequestFile]) -> list[str]:
    lines = []
    by_result = {
        redaction.result_id: redaction
        for redaction in Redaction.objects.filter(result__in=[item.pk for item in released])
    }
    grounds = dict(law.ground_choices())
    for request_file in released:
        redaction = by_result.get(request_file.pk)
        if redaction is None:
            continue
        pages: dict[str, set[int]] = {}
        for step in _chain(redaction):
            for code, numbers in step.by_ground():
                pages.setdefault(code, set()).update(numbers)
        order = list(grounds)
        for code in sorted(pages, key=lambda c: order.index(c) if c in order else len(order)):
            numbers = sorted(pages[code])
            lines.append(
                gettext("%(name)s, %(pages)s: dihitamkan berdasarkan %(ground)s (%(text)s).")
                % {
                    "name": request_file.original_name,
                    "pages": gettext("halaman %(list)s")
                    % {"list": ", ".join(str(n) for n in numbers)},
                    "ground": law.label(code),
                    "text": grounds.get(code, ""),
                }
            )
    return lines


def refuse_originals(chosen: Sequence[RequestFile]) -> None:
    """The original of a blacked-out file stays with the officers: releasing it would
    undo the redaction. (A redaction made by mistake is redone from the original.)"""
    redaction = (
        Redaction.objects.filter(source__in=[item.pk for item in chosen])
        .select_related("source", "result")
        .order_by("pk")
        .first()
    )
    if redaction is not None and redaction.source and redaction.result:
        raise ActionError(
            gettext(
                "%(name)s sudah dihitamkan menjadi %(result)s: berikan berkas hasil"
                " penghitamannya, bukan berkas aslinya."
            )
            % {"name": redaction.source.original_name, "result": redaction.result.original_name}
        )
