"""Who may see and do what with a request. Built on ``terbuka.bodies.permissions``.

- The requester sees his own requests (never another requester's: the views answer 404).
- Handlers — the PPID Utama and the operators of the PPID body that numbers the request
  (``ppid_body``) — see and decide everything about it.
- Officers of the body the request is addressed to (a Pelaksana unit) and the officers of
  every unit it was forwarded to (disposisi) see it and work on it, but do not decide.
- A platform administrator without a role does not act on requests (bodies.permissions).
- Identity documents are for the handlers only: the requester's KTP is not needed to draft
  an answer (UU 27/2022 Pasal 16: minimal processing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import In

from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.bodies.permissions import HANDLER_KINDS, OFFICER_KINDS, can_handle_body
from terbuka.requests.models import (
    PERSONAL_FILE_KINDS,
    Disposition,
    FileKind,
    InfoRequest,
    InfoRequestQuerySet,
    RequestFile,
    Status,
    Visibility,
)


def _officer_body_ids(user: Any) -> set[int]:
    return permissions.body_ids(user, OFFICER_KINDS)


def is_requester_of(user: Any, info_request: InfoRequest) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and info_request.requester_id is not None
        and info_request.requester_id == user.pk
    )


def can_register_for(user: Any, body: Body) -> bool:
    """May this officer register a request addressed to ``body`` (desk, letter, phone)?"""
    ppid_body = body.ppid_body
    if ppid_body is not None and can_handle_body(user, ppid_body):
        return True
    return body.pk in _officer_body_ids(user)


def can_handle(user: Any, info_request: InfoRequest) -> bool:
    """Decisions: identity check, disposisi, extension, the written notice, assignment."""
    return can_handle_body(user, info_request.ppid_body_id)


def _forwarded_unit_ids(info_request: InfoRequest) -> set[int]:
    return set(
        Disposition.objects.filter(info_request=info_request).values_list("unit_id", flat=True)
    )


def can_work_on(user: Any, info_request: InfoRequest) -> bool:
    body_ids = _officer_body_ids(user)
    if not body_ids:
        return False
    if can_handle(user, info_request):
        return True
    if info_request.body_id in body_ids:
        return True
    return bool(body_ids & _forwarded_unit_ids(info_request))


def can_draft(user: Any, disposition: Disposition) -> bool:
    """The officers of the unit a disposisi went to prepare its draft (and the handlers)."""
    if disposition.unit_id in _officer_body_ids(user):
        return True
    return can_handle(user, disposition.info_request)


def can_see(user: Any, info_request: InfoRequest) -> bool:
    return is_requester_of(user, info_request) or can_work_on(user, info_request)


def can_download(user: Any, request_file: RequestFile) -> bool:
    info_request = request_file.info_request
    if info_request is None:
        # A file of an objection without a request: only its objection's pages serve it.
        return False
    if can_handle(user, info_request):
        return True
    if request_file.kind not in PERSONAL_FILE_KINDS and can_work_on(user, info_request):
        return True
    if is_requester_of(user, info_request):
        if request_file.kind in (
            FileKind.ATTACHMENT,
            FileKind.IDENTITY,
            FileKind.OBJECTION_ATTACHMENT,
            FileKind.POWER_OF_ATTORNEY,
            FileKind.EXTENSION_LETTER,
        ):
            return True
        if request_file.kind in (FileKind.RELEASED, FileKind.LETTER):
            return info_request.status == Status.ANSWERED
    return False


def visible_ids(user: Any) -> tuple[list[int], list[int]] | None:
    """The bodies whose requests an officer sees (None: he sees nothing): those he handles
    for (every visibility row of theirs) and his other bodies (the rows addressed or
    forwarded to them), each sorted."""
    own = _officer_body_ids(user)
    if not own:
        return None
    handled = permissions.body_ids(user, HANDLER_KINDS)
    return sorted(handled), sorted(own - handled)


def visible_condition(handled: Sequence[Any], working: Sequence[Any]) -> Q:
    """The condition on ``Visibility`` rows of ``visible_ids`` (ids, or the ``Param`` of a
    query compiled once, ``queries.prepared_inbox_page``)."""
    if not handled:
        return Q(_body_in(working), works=True)
    condition = Q(_body_in(handled))
    if working:
        condition |= Q(_body_in(working), works=True)
    return condition


def _body_in(ids: Sequence[Any]) -> In:
    """``body_id__in=ids`` as a lookup: the foreign key's own ``__in`` takes numbers only,
    this one takes a ``Param`` too (the same SQL)."""
    return In(F("body_id"), list(ids))


def visible_q(user: Any) -> tuple[Q, bool] | None:
    """The condition on ``Visibility`` rows an officer sees, and whether he handles for a
    body (None: he sees nothing): every row of a body he handles for; the rows addressed or
    forwarded to his other bodies."""
    ids = visible_ids(user)
    if ids is None:
        return None
    handled, working = ids
    return visible_condition(handled, working), bool(handled)


def visible_requests(condition: Q, *, handles: bool) -> InfoRequestQuerySet:
    """The requests with a ``Visibility`` row matching ``condition``: a handler's through
    ``EXISTS`` per request (he sees most of his PPID body's), anyone else's through the
    visibility index (``IN``, his unit's few)."""
    if handles:
        return InfoRequest.objects.filter(
            Exists(Visibility.objects.filter(condition, info_request_id=OuterRef("pk")))
        )
    return InfoRequest.objects.filter(
        pk__in=Visibility.objects.filter(condition).values("info_request_id")
    )


def officer_requests(user: Any) -> InfoRequestQuerySet:
    """Every request the officer may see (for the inbox), as one query: the request is
    handled by one of his bodies, addressed to one, or forwarded to one of his units, read
    from the ``Visibility`` rows the actions keep (one indexed condition, issue 14).

    A handler sees most of the requests of his PPID body: the inbox walks the index of its
    order and checks each row's visibility (``EXISTS``), so a page costs its rows. A PPID
    Pelaksana sees his unit's few: they are found through the visibility index (``IN``)
    and sorted, which is cheaper than walking every request of the PPID body."""
    visible = visible_q(user)
    if visible is None:
        return InfoRequest.objects.none()
    condition, handles = visible
    return visible_requests(condition, handles=handles)
