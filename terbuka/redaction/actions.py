"""Blacking out a file being prepared for release (issue 12): a request's draft, or the
latest version of a DIP document. The one place that applies areas.

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
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext

from terbuka import law
from terbuka.audit import log as audit_log
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog import documents
from terbuka.catalog.models import DocumentVersion
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


def _require_version(actor: Any, version: DocumentVersion) -> None:
    if not access.can_redact_version(actor, version):
        raise PermissionDenied(
            gettext("Hanya petugas badan publiknya yang dapat menghitamkan versi terbaru dokumen.")
        )


def read_version(version: DocumentVersion) -> bytes:
    with default_storage.open(version.file.name, "rb") as handle:
        data: bytes = handle.read()
    return data


def redact_document_version(
    *, actor: Any, version: DocumentVersion, areas: list[engine.Area]
) -> Redaction:
    """A new version of the DIP document with everything under ``areas`` removed; the
    original version's file is set aside (no longer served nor searchable) and kept with
    the record, for the body's officers only."""
    version = DocumentVersion.objects.select_related("document__entry__body").get(pk=version.pk)
    _require_version(actor, version)
    original = read_version(version)
    try:
        content = engine.redact(original, version.content_type, areas)
    except engine.RedactionError as error:
        raise ActionError(str(error)) from error
    upload = SimpleUploadedFile(
        redacted_name(version.original_name), content, content_type=version.content_type
    )
    with transaction.atomic():
        current = (
            DocumentVersion.objects.select_for_update()
            .select_related("document__entry__body")
            .get(pk=version.pk)
        )
        _require_version(actor, current)
        if current.sha256 != hashlib.sha256(original).hexdigest():
            raise ActionError(gettext("Berkas ini diubah saat dihitamkan. Ulangi penghitamannya."))
        result = catalog_actions.add_version(actor=actor, document=current.document, upload=upload)
        try:
            stored = catalog_actions.set_version_aside(actor=actor, version=current)
            redaction = Redaction.objects.create(
                source_version=current,
                result_version=result,
                original_file=stored,
                original_name=current.original_name,
                original_content_type=current.content_type,
                areas=[area.as_dict() for area in areas],
                source_sha256=current.sha256,
                result_sha256=result.sha256,
                actor=actor,
            )
            audit_log.record(
                actor=actor,
                action="redaction.apply",
                obj=redaction,
                summary=current.document.title,
                detail={
                    "document": str(current.document.public_id),
                    "source_version": current.number,
                    "result_version": result.number,
                    "source_sha256": current.sha256,
                    "result_sha256": result.sha256,
                    "areas": len(areas),
                    "grounds": sorted({area.ground for area in areas}),
                },
            )
        except BaseException:
            # The new version's file was stored outside this transaction (PITFALLS 6).
            documents.discard(result.file.name)
            raise
        return redaction
