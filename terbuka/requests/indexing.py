"""The public request log as a source of the search index.

Which requests are found: those in the public log (``InfoRequestQuerySet.published``: the
requester allowed it and it was answered, UU 14/2008 Pasal 22(7)). What of them: only the
question, the body, the outcome, the answer date and the material the notice provided;
never the requester's name, NIK, address or contacts, nor internal notes or drafts
(PITFALLS.md 12).

The notice action calls ``reindex_request`` inside its transaction;
``terbuka.search.index`` says why it is inside, not after commit.
``RequestsConfig.ready`` registers ``SOURCE``.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.requests.models import InfoRequest
from terbuka.search import index
from terbuka.search.registry import IndexDocument, Source
from terbuka.search.snippet import PART_SEPARATOR

KIND = "request"
BATCH_SIZE = 500
TITLE_CHARS = 120


def _published() -> QuerySet[InfoRequest]:
    return InfoRequest.objects.published().select_related("body", "notice")


def request_text(info_request: InfoRequest) -> str:
    notice = getattr(info_request, "notice", None)
    parts = [info_request.subject, info_request.body.name]
    if notice is not None and notice.is_sent:
        parts += [notice.get_outcome_display(), notice.material]
    if info_request.answered_at:
        parts.append(timezone.localdate(info_request.answered_at).strftime("%d-%m-%Y"))
    # One field a part: a search snippet is taken from the field that matched (issue 13).
    return PART_SEPARATOR.join(part for part in parts if part)


def request_title(info_request: InfoRequest) -> str:
    subject = " ".join(info_request.subject.split())
    return subject if len(subject) <= TITLE_CHARS else subject[: TITLE_CHARS - 1].rstrip() + "…"


def request_document(info_request: InfoRequest) -> IndexDocument:
    answered_on = timezone.localdate(info_request.answered_at) if info_request.answered_at else None
    return IndexDocument(
        object_id=info_request.pk,
        body_id=info_request.body_id,
        title=request_title(info_request),
        text=request_text(info_request),
        url=reverse("requests:log_detail", kwargs={"public_id": info_request.public_id}),
        year=answered_on.year if answered_on else None,
        published_on=answered_on,
    )


def _document(request_id: int) -> IndexDocument | None:
    info_request = _published().filter(pk=request_id).first()
    return request_document(info_request) if info_request is not None else None


def _public_documents() -> Iterator[IndexDocument]:
    for info_request in _published().order_by("pk").iterator(chunk_size=BATCH_SIZE):
        yield request_document(info_request)


SOURCE = Source(
    kind=KIND,
    noun=_("permohonan"),
    filter_label=_("Hanya permohonan yang sudah dijawab"),
    badge=_("Permohonan yang dijawab"),
    suggestion_badge=_("Permohonan yang dijawab"),
    position=20,
    document=_document,
    public_documents=_public_documents,
)


def reindex_request(info_request: InfoRequest) -> None:
    """Put the request in the search index if it is in the public log, take it out
    otherwise. Call it inside the transaction that changed the request."""
    index.reindex(kind=KIND, object_id=info_request.pk)
