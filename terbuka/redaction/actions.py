"""Blacking out a request's file (issue 12): the one action that applies areas.

The engine runs before the transaction: a 500-page PDF takes seconds, and under the row
lock (on SQLite: the database's write lock) it would hold up every other action on the
request. Under the lock the action checks again that the officer may still redact the
file and that it has not changed since it was read.
"""

from __future__ import annotations

import hashlib
import posixpath
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from terbuka import law
from terbuka.audit import log as audit_log
from terbuka.redaction import access, engine
from terbuka.redaction.models import Redaction
from terbuka.requests import files
from terbuka.requests.errors import ActionError
from terbuka.requests.models import Event, EventKind, InfoRequest, RequestFile


def redacted_name(original_name: str) -> str:
    """``jawaban.pdf`` → ``jawaban-dihitamkan.pdf``."""
    stem, extension = posixpath.splitext(original_name)
    suffix = "-dihitamkan"
    return f"{stem[: 255 - len(suffix) - len(extension)]}{suffix}{extension}"


def _require(actor: Any, request_file: RequestFile) -> None:
    if not access.can_redact(actor, request_file):
        raise PermissionDenied(
            gettext("Hanya petugas permohonan yang masih terbuka dapat menghitamkan drafnya.")
        )


@files.cleans_up_on_error
def redact_request_file(
    *, actor: Any, request_file: RequestFile, areas: list[engine.Area]
) -> Redaction:
    """A new draft file with everything under ``areas`` removed, recorded with its areas,
    grounds and both files' hashes; the original stays a private draft."""
    request_file = RequestFile.objects.select_related("info_request").get(pk=request_file.pk)
    _require(actor, request_file)
    original = files.open_file(request_file)
    try:
        content = engine.redact(original, request_file.content_type, areas)
    except engine.RedactionError as error:
        raise ActionError(str(error)) from error
    with transaction.atomic():
        assert request_file.info_request is not None  # can_redact checked it
        info_request = InfoRequest.objects.select_for_update(of=("self",)).get(
            pk=request_file.info_request.pk
        )
        current = RequestFile.objects.select_related("info_request").get(pk=request_file.pk)
        _require(actor, current)
        if current.sha256 != hashlib.sha256(original).hexdigest():
            raise ActionError(gettext("Berkas ini diubah saat dihitamkan. Ulangi penghitamannya."))
        result = files.store_bytes(
            info_request=info_request,
            disposition=current.disposition,
            content=content,
            kind=current.kind,
            original_name=redacted_name(current.original_name),
            content_type=current.content_type,
            uploaded_by=actor,
        )
        redaction = Redaction.objects.create(
            source=current,
            result=result,
            areas=[area.as_dict() for area in areas],
            source_sha256=current.sha256,
            result_sha256=result.sha256,
            actor=actor,
        )
        grounds = sorted({area.ground for area in areas})
        Event.objects.create(
            info_request=info_request,
            actor=actor,
            kind=EventKind.INTERNAL_NOTE,
            is_internal=True,
            note=gettext("%(name)s dihitamkan (%(count)s bagian; %(grounds)s) menjadi %(result)s.")
            % {
                "name": current.original_name,
                "count": len(areas),
                "grounds": ", ".join(law.label(code) for code in grounds),
                "result": result.original_name,
            },
            data={"redaction": str(redaction.public_id)},
        )
        audit_log.record(
            actor=actor,
            action="redaction.apply",
            obj=redaction,
            summary=info_request.number,
            detail={
                "source": str(current.public_id),
                "result": str(result.public_id),
                "source_sha256": current.sha256,
                "result_sha256": result.sha256,
                "areas": len(areas),
                "grounds": grounds,
            },
        )
        return redaction
