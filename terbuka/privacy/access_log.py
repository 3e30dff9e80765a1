"""Who viewed a requester's personal data (UU 27/2022 Pasal 31: the controller records
its processing; issue 5: "every view or download of a requester's personal data or
identity document by an officer writes an audit record").

The views that show personal data call ``record_personal_data_view`` (and the download
of an identity document ``record_identity_document_download``); the officer page reads
the records back with ``views_of_request`` / ``views_of_requester``. A record says what
kind of data was seen, never the data itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from terbuka.accounts.models import RequesterProfile, User
from terbuka.audit.log import record
from terbuka.audit.models import AuditRecord
from terbuka.requests.models import InfoRequest, RequestFile

VIEWED = "personal_data.viewed"
DOWNLOADED = "personal_data.downloaded"
# Opening (or deleting) a requester profile in the admin (terbuka/accounts/admin.py).
PROFILE_ACTIONS = ("profile.viewed", "profile.deleted")
ACCESS_ACTIONS = (VIEWED, DOWNLOADED, *PROFILE_ACTIONS)


def record_personal_data_view(
    *, request: HttpRequest | None, actor: Any, obj: Any, what: str
) -> AuditRecord:
    """One officer saw ``what`` (e.g. "identity") of ``obj``'s personal data."""
    return record(actor=actor, action=VIEWED, obj=obj, detail={"what": what}, request=request)


def record_identity_document_download(
    *, request: HttpRequest | None, actor: Any, request_file: RequestFile
) -> AuditRecord:
    """One officer downloaded an identity document; recorded on its request, so that the
    record outlives the file (deleted at the end of retention)."""
    return record(
        actor=actor,
        action=DOWNLOADED,
        obj=request_file.info_request,
        detail={"what": "identity_document", "file": str(request_file.public_id)},
        request=request,
    )


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
