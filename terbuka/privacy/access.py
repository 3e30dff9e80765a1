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

from terbuka.bodies.models import Body, Role, RoleKind
from terbuka.requests.models import InfoRequest


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def dpo_body_ids(user: Any) -> set[int]:
    if not _active(user):
        return set()
    return set(Role.objects.filter(user=user, kind=RoleKind.DPO).values_list("body_id", flat=True))


def is_dpo(user: Any) -> bool:
    return bool(dpo_body_ids(user))


def is_dpo_of(user: Any, body: Body | int) -> bool:
    body_id = body if isinstance(body, int) else body.pk
    return body_id in dpo_body_ids(user)


def _access_log_body_ids(user: Any) -> set[int]:
    if not _active(user):
        return set()
    return set(
        Role.objects.filter(user=user, kind__in=(RoleKind.UTAMA, RoleKind.DPO)).values_list(
            "body_id", flat=True
        )
    )


def can_see_access_log_of_request(user: Any, info_request: InfoRequest) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return info_request.ppid_body_id in _access_log_body_ids(user)


def can_see_access_log_of_requester(user: Any, requester: Any) -> bool:
    """Platform administrators, or the PPID Utama / DPO of a body that handles one of the
    requester's requests."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    body_ids = _access_log_body_ids(user)
    return bool(
        body_ids
        and InfoRequest.objects.filter(requester=requester, ppid_body_id__in=body_ids).exists()
    )
