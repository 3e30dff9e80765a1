"""Who may see and do what with an objection. Built on ``terbuka.bodies.permissions`` and
``terbuka.requests.access``.

- The objector (the requester's account) sees his own objections; anyone else gets 404.
- The Atasan PPID of the PPID body decides them (Pasal 36) and reads the request, its
  notice, its events and its files, never the identity document or the power of attorney.
- The handlers of the PPID body (PPID Utama, operators) see them, register desk and
  letter objections and carry out a granted objection's instruction.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.remedies.models import Objection, ObjectionFile, ObjectionQuerySet
from terbuka.requests import access as request_access
from terbuka.requests.models import FileKind, InfoRequest, RequestFile

# Files of the request the Atasan reads to decide (not the draft: the PPID's own work).
ATASAN_FILE_KINDS = frozenset(
    {FileKind.ATTACHMENT, FileKind.RELEASED, FileKind.LETTER, FileKind.OBJECTION_ATTACHMENT}
)


def is_objector(user: Any, objection: Objection) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and objection.requester_id is not None
        and objection.requester_id == user.pk
    )


def can_decide(user: Any, objection: Objection) -> bool:
    return permissions.can_decide_objections(user, objection.ppid_body_id)


def can_carry_out(user: Any, objection: Objection) -> bool:
    return permissions.can_handle_body(user, objection.ppid_body_id)


def can_register(user: Any, info_request: InfoRequest) -> bool:
    return permissions.can_handle_body(user, info_request.ppid_body_id)


def can_register_for_body(user: Any, ppid_body: Body) -> bool:
    """A desk objection without a request (ground b) on a body this PPID serves."""
    return permissions.can_handle_body(user, ppid_body)


def can_see_as_officer(user: Any, objection: Objection) -> bool:
    return can_decide(user, objection) or can_carry_out(user, objection)


def belongs_to(objection: Objection, request_file: RequestFile) -> bool:
    """A file of the objected request, or (for an objection without a request) a file sent
    with this objection itself."""
    if request_file.info_request_id is None:
        return ObjectionFile.objects.filter(
            objection_id=objection.pk, request_file_id=request_file.pk
        ).exists()
    return request_file.info_request_id == objection.info_request_id


def can_download(user: Any, objection: Objection, request_file: RequestFile) -> bool:
    """A file of the objection, from the objection's pages."""
    if not belongs_to(objection, request_file):
        return False
    if can_carry_out(user, objection):
        return True
    if can_decide(user, objection):
        return request_file.kind in ATASAN_FILE_KINDS
    if is_objector(user, objection):
        if request_file.info_request_id is None:
            return True  # what he sent with his own objection
        return request_access.can_download(user, request_file)
    return False


def is_objection_officer(user: Any) -> bool:
    """Has an objections inbox: an Atasan PPID, or a handler of a PPID body."""
    return bool(
        permissions.objection_body_ids(user)
        or permissions.body_ids(user, permissions.HANDLER_KINDS)
    )


def officer_objections(user: Any) -> ObjectionQuerySet:
    """Every objection the officer sees in the objections inbox, as one query."""
    decides = permissions.objection_body_ids(user)
    handles = permissions.body_ids(user, permissions.HANDLER_KINDS)
    if not decides and not handles:
        return Objection.objects.none()
    return Objection.objects.filter(Q(ppid_body_id__in=decides) | Q(ppid_body_id__in=handles))


def may_object(user: Any, info_request: InfoRequest) -> bool:
    return request_access.is_requester_of(user, info_request)


# --- The objection register ------------------------------------------------------------
# It holds identities (name, address, contact): the officers of the PPID body only, never
# the unit that answered the request, never the public (UU 14/2008 Pasal 17 huruf h).


def can_see_register(user: Any, body: Body | int) -> bool:
    """The handlers (PPID Utama, operators) and the Atasan PPID of the PPID body."""
    return permissions.can_handle_body(user, body) or permissions.can_decide_objections(user, body)


def register_body_ids(user: Any) -> set[int]:
    """The PPID bodies whose register the user keeps or reads."""
    return permissions.objection_body_ids(user) | permissions.body_ids(
        user, permissions.HANDLER_KINDS
    )


def register_objections(user: Any) -> ObjectionQuerySet:
    """Every objection in the registers the user may see, as one query."""
    body_ids = register_body_ids(user)
    if not body_ids:
        return Objection.objects.none()
    return Objection.objects.filter(ppid_body_id__in=body_ids)
