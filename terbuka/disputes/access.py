"""Who may see and do what with a dispute. Built on ``terbuka.bodies.permissions``.

- The PPID Utama and the operators of the PPID body record it and every step (they answer
  for the body at the Komisi Informasi).
- The Atasan PPID of the PPID body reads it (he answered the objection).
- The PPID Pelaksana of the unit whose request is disputed reads it.
- The objector sees, on his objection's page, the stage, the KI number, the hearings'
  dates and the decision (``objector_view``); never the officers' notes.
- Everyone else, officers of other bodies included: 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.disputes.models import Dispute, DisputeQuerySet
from terbuka.remedies import access as objection_access
from terbuka.remedies.models import Objection
from terbuka.requests.models import InfoRequest


def can_keep(user: Any, dispute: Dispute) -> bool:
    return permissions.can_keep_disputes(user, dispute.ppid_body_id)


def can_record_for(user: Any, ppid_body: Body | int) -> bool:
    return permissions.can_keep_disputes(user, ppid_body)


def _unit_id(dispute: Dispute) -> int | None:
    """The unit the disputed request was addressed to, if the dispute has a request."""
    info_request = dispute.info_request
    return info_request.body_id if info_request is not None else None


def can_read(user: Any, dispute: Dispute) -> bool:
    if permissions.can_follow_disputes(user, dispute.ppid_body_id):
        return True
    unit_id = _unit_id(dispute)
    return unit_id is not None and permissions.is_pelaksana_of(user, unit_id)


def can_record_from_objection(user: Any, objection: Objection) -> bool:
    return can_record_for(user, objection.ppid_body_id)


def can_record_from_request(user: Any, info_request: InfoRequest) -> bool:
    return can_record_for(user, info_request.ppid_body_id)


def is_objector(user: Any, dispute: Dispute) -> bool:
    return dispute.objection is not None and objection_access.is_objector(user, dispute.objection)


def is_dispute_officer(user: Any) -> bool:
    """Has a disputes list: keeps or follows disputes of a PPID body, or is the Pelaksana of
    a unit whose request is disputed."""
    return bool(permissions.dispute_body_ids(user)) or officer_disputes(user).exists()


def officer_disputes(user: Any) -> DisputeQuerySet:
    """Every dispute the officer sees, as one query."""
    ppid_bodies = permissions.dispute_body_ids(user)
    units = permissions.pelaksana_body_ids(user)
    if not ppid_bodies and not units:
        return Dispute.objects.none()
    return Dispute.objects.filter(
        Q(ppid_body_id__in=ppid_bodies) | Q(info_request__body_id__in=units)
    )
