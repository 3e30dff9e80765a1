"""Audit records of who saw a requester's personal data (UU 27/2022 Pasal 31: the
controller records its processing). A record says what kind of data was seen, never the
data itself. ``terbuka.privacy.access_log`` reads them back for the officer page.

These writers sit on the ground floor so that any page that shows personal data (the
request pages, privacy's own, the admin) can record the view without importing an app
above it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from terbuka.audit.log import record
from terbuka.audit.models import AuditRecord

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
    *, request: HttpRequest | None, actor: Any, request_file: Any
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
