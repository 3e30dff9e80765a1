"""Who viewed a requester's personal data (UU 27/2022 Pasal 31: the controller records
its processing; issue 5: "every view or download of a requester's personal data or
identity document by an officer writes an audit record").

The views that show personal data call ``record_personal_data_view`` (and the download
of an identity document ``record_identity_document_download``), both in
``terbuka.audit.personal_data``; the officer page reads the records back with
``views_of_request`` / ``views_of_requester``. A record says what kind of data was seen,
never the data itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from terbuka.accounts.models import RequesterProfile, User
from terbuka.audit.models import AuditRecord
from terbuka.audit.personal_data import (
    ACCESS_ACTIONS,
    record_identity_document_download,
    record_personal_data_view,
)
from terbuka.requests.models import InfoRequest

# The writers live on the ground floor (terbuka.audit.personal_data) so that the request
# pages below privacy can record views; they are re-exported here for privacy's own pages.
__all__ = [
    "record_identity_document_download",
    "record_personal_data_view",
    "views_of_request",
    "views_of_requester",
]


def _on(model: type[Any], ids: list[Any]) -> Q:
    return Q(object_type=model._meta.label_lower, object_id__in=[str(pk) for pk in ids])


def views_of_request(info_request: InfoRequest) -> QuerySet[AuditRecord]:
    return (
        AuditRecord.objects.filter(action__in=ACCESS_ACTIONS)
        .filter(_on(InfoRequest, [info_request.pk]))
        .order_by("-seq")
    )


def views_of_requester(user: User) -> QuerySet[AuditRecord]:
    """Views of the requester's account, profile, and every request he made."""
    request_ids = list(InfoRequest.objects.filter(requester=user).values_list("pk", flat=True))
    profile_ids = list(RequesterProfile.objects.filter(user=user).values_list("pk", flat=True))
    where = (
        _on(InfoRequest, request_ids) | _on(RequesterProfile, profile_ids) | _on(User, [user.pk])
    )
    return AuditRecord.objects.filter(action__in=ACCESS_ACTIONS).filter(where).order_by("-seq")
