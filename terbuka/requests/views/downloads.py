"""Files go out only through this permission-checked view, never from a public URL
(PITFALLS.md 12): under a random id, as an attachment, with a safe file name."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from terbuka import uploads
from terbuka.audit.personal_data import record_identity_document_download
from terbuka.requests import access, files
from terbuka.requests.models import PERSONAL_FILE_KINDS, FileKind, RequestFile, Status


def _public(request_file: RequestFile) -> bool:
    """A released document of a request in the public log is for anyone to read, once the
    personal-data shield has let it out."""
    info_request = request_file.info_request
    return (
        info_request is not None
        and request_file.kind == FileKind.RELEASED
        and request_file.is_shield_public
        and info_request.publish_allowed
        and info_request.status == Status.ANSWERED
    )


@never_cache
def download(request: HttpRequest, file_public_id: Any) -> HttpResponseBase:
    request_file = get_object_or_404(
        RequestFile.objects.select_related("info_request"), public_id=file_public_id
    )
    allowed = _public(request_file) or (
        request.user.is_authenticated and access.can_download(request.user, request_file)
    )
    info_request = request_file.info_request
    if not allowed or info_request is None:
        # Not found rather than forbidden: a file id tells nothing to someone who may not
        # see it. A file without a request (an objection's) is served by its objection.
        raise Http404
    if request_file.kind in PERSONAL_FILE_KINDS and not access.is_requester_of(
        request.user, info_request
    ):
        record_identity_document_download(
            request=request, actor=request.user, request_file=request_file
        )
    return uploads.download_response(
        storage_name=request_file.file.name,
        content_type=request_file.content_type or "application/octet-stream",
        filename=files.download_filename(request_file),
        # Encrypted files are decrypted here; the others may go out through nginx.
        data=files.open_file(request_file) if request_file.is_encrypted else None,
    )
