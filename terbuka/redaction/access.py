"""Who may black out a file. Built on ``terbuka.requests.access`` (and through it on
``terbuka.bodies.permissions``)."""

from __future__ import annotations

from typing import Any

from terbuka.redaction import engine
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
