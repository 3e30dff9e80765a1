"""Who may black out a file. Built on ``terbuka.requests.access`` and
``terbuka.bodies.permissions``."""

from __future__ import annotations

from typing import Any

from terbuka.bodies import permissions
from terbuka.catalog.models import DocumentVersion
from terbuka.redaction import engine
from terbuka.redaction.models import Redaction
from terbuka.requests import access
from terbuka.requests.models import FileKind, RequestFile


def can_redact(user: Any, request_file: RequestFile) -> bool:
    """The officers who work on an open request prepare its release: a draft file (the
    Pelaksana's draft or the PPID's material), before it is released."""
    info_request = request_file.info_request
    return bool(
        info_request is not None
        and getattr(user, "is_authenticated", False)
        and request_file.kind == FileKind.DRAFT
        and info_request.is_open
        and engine.is_redactable(request_file.content_type)
        and access.can_work_on(user, info_request)
    )


def can_redact_version(user: Any, version: DocumentVersion) -> bool:
    """The officers of a DIP entry's body black out its document's latest version (what
    the DIP serves), as they upload its versions."""
    document = version.document
    return bool(
        getattr(user, "is_authenticated", False)
        and version.file
        and not document.link
        and engine.is_redactable(version.content_type)
        and document.versions.order_by("-number").values_list("pk", flat=True).first() == version.pk
        and permissions.can_act_on(user, document.entry.body)
    )


def can_see_original(user: Any, redaction: Redaction) -> bool:
    """The set-aside original of a DIP version: its body's officers only."""
    if redaction.source_version is None:
        return False
    return permissions.can_act_on(user, redaction.source_version.document.entry.body)
