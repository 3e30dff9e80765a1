"""The lines the written notice gives for the released files that were blacked out:
each file, the pages and the Pasal 17 ground (UU 14/2008 Pasal 22(7)e)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext, ngettext

from terbuka import law
from terbuka.redaction.models import Redaction
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
                    "pages": ngettext("halaman %(list)s", "halaman %(list)s", len(numbers))
                    % {"list": ", ".join(str(n) for n in numbers)},
                    "ground": law.label(code),
                    "text": grounds.get(code, ""),
                }
            )
    return lines
