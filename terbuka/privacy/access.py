"""Who may do what in the privacy pages.

- Data-subject requests and the breach register belong to the data-protection officers
  (``RoleKind.DPO``) of the body concerned (UU 27/2022 Pasal 53): no one else, not even
  the PPID Utama or a platform administrator, opens them.
- Who viewed a requester's personal data (UU 27/2022 Pasal 31, the record of processing)
  is shown to the PPID Utama and the DPO of the PPID body that handles the request, and
  to platform administrators.
"""

from __future__ import annotations

from typing import Any

from terbuka.bodies import permissions
from terbuka.bodies.models import RoleKind
from terbuka.bodies.permissions import dpo_body_ids, is_dpo, is_dpo_of
from terbuka.requests.models import InfoRequest

__all__ = [
    "can_see_access_log_of_request",
    "can_see_access_log_of_requester",
    "dpo_body_ids",
    "is_dpo",
    "is_dpo_of",
]


def _access_log_body_ids(user: Any) -> set[int]:
    return permissions.body_ids(user, (RoleKind.UTAMA, RoleKind.DPO))


def can_see_access_log_of_request(user: Any, info_request: InfoRequest) -> bool:
    if permissions.can_manage_platform(user):
        return True
    return info_request.ppid_body_id in _access_log_body_ids(user)


def can_see_access_log_of_requester(user: Any, requester: Any) -> bool:
    """Platform administrators, or the PPID Utama / DPO of a body that handles one of the
    requester's requests."""
    if permissions.can_manage_platform(user):
        return True
    body_ids = _access_log_body_ids(user)
    return bool(
        body_ids
        and InfoRequest.objects.filter(requester=requester, ppid_body_id__in=body_ids).exists()
    )
