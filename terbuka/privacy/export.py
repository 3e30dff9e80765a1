"""Everything held about a requester, as one ZIP for the requester himself (UU 27/2022
Pasal 7 and 13: access to and a copy of his personal data, in a common machine-readable
format).

``data.json`` holds the account, the profile (decrypted: it is his own), every request he
made with its identity snapshot, public timeline, messages and written-notice outcome,
and his data-subject requests; ``berkas/`` holds his files: attachments and identity
documents (decrypted), and the released documents and letter of answered requests —
the same files ``terbuka.requests.access.can_download`` lets him download. Internal notes,
drafts and other requesters' data are never in it.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.utils import timezone

from terbuka.accounts.models import User
from terbuka.privacy.models import DataSubjectRequest
from terbuka.requests import access as request_access
from terbuka.requests import files
from terbuka.requests.models import InfoRequest, Notice


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def _profile(user: User) -> dict[str, Any] | None:
    profile = getattr(user, "requester_profile", None)
    if profile is None:
        return None
    return {
        "requester_type": profile.requester_type,
        "full_name": profile.full_name,
        "nik": profile.nik,
        "legal_entity_decree": profile.legal_entity_decree,
        "address": profile.address,
        "phone": profile.phone,
        "updated_at": _when(profile.updated_at),
    }


def _notice(info_request: InfoRequest) -> dict[str, Any] | None:
    notice = Notice.objects.filter(info_request=info_request, sent_at__isnull=False).first()
    if notice is None:
        return None
    return {
        "outcome": notice.outcome,
        "outcome_label": notice.get_outcome_display(),
        "material": notice.material,
        "withheld": notice.withheld,
        "exemption_ground": notice.exemption_ground,
        "consequence_test": notice.consequence_test,
        "pages": notice.pages,
        "total_cost": notice.total_cost,
        "sent_at": _when(notice.sent_at),
    }


def _visible_files(user: User, info_request: InfoRequest) -> list[Any]:
    """The files he may download from his request's page (``requests.access``, the one
    rule): his attachments and identity documents, what his objections carried, the
    extension letter, and the answer's letter and material once it is answered."""
    return [
        item
        for item in info_request.files.order_by("created_at", "id")
        if request_access.can_download(user, item)
    ]


def build(user: User) -> tuple[bytes, dict[str, int]]:
    """The ZIP's bytes and counts (for the audit record)."""
    buffer = io.BytesIO()
    requests_data = []
    file_count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info_requests = InfoRequest.objects.filter(requester=user).select_related(
            "body", "ppid_body"
        )
        for info_request in info_requests.order_by("received_at", "id"):
            folder = f"berkas/{info_request.public_id}"
            file_entries = []
            for request_file in _visible_files(user, info_request):
                name = f"{folder}/{request_file.public_id}-{files.download_filename(request_file)}"
                archive.writestr(name, files.open_file(request_file))
                file_count += 1
                file_entries.append(
                    {
                        "kind": request_file.kind,
                        "original_name": request_file.original_name,
                        "path": name,
                        "sha256": request_file.sha256,
                    }
                )
            requests_data.append(
                {
                    "public_id": str(info_request.public_id),
                    "number": info_request.number,
                    "body": info_request.body.name,
                    "ppid_body": info_request.ppid_body.name,
                    "channel": info_request.channel,
                    "status": info_request.status,
                    "received_at": _when(info_request.received_at),
                    "due_date": _when(info_request.due_date),
                    "answered_at": _when(info_request.answered_at),
                    "withdrawn_at": _when(info_request.withdrawn_at),
                    "identity": {
                        "requester_type": info_request.requester_type,
                        "name": info_request.requester_name,
                        "nik": info_request.requester_nik,
                        "legal_entity_decree": info_request.requester_legal_entity_decree,
                        "address": info_request.requester_address,
                        "phone": info_request.requester_phone,
                        "email": info_request.requester_email,
                        "acting_for": info_request.acting_for,
                    },
                    "subject": info_request.subject,
                    "purpose": info_request.purpose,
                    "how_to_obtain": info_request.how_to_obtain,
                    "delivery": info_request.delivery,
                    "publish_allowed": info_request.publish_allowed,
                    "timeline": [
                        {
                            "at": _when(event.at),
                            "kind": event.kind,
                            "label": event.get_kind_display(),
                            "note": event.note,
                        }
                        for event in info_request.events.public().order_by("at", "id")
                    ],
                    "notice": _notice(info_request),
                    "files": file_entries,
                }
            )
        subject_requests = [
            {
                "public_id": str(item.public_id),
                "body": item.body.name,
                "kind": item.kind,
                "details": item.details,
                "received_at": _when(item.received_at),
                "due_at": _when(item.due_at),
                "status": item.status,
                "decision_note": item.decision_note,
            }
            for item in DataSubjectRequest.objects.filter(requester=user).select_related("body")
        ]
        data = {
            "exported_at": _when(timezone.now()),
            "account": {
                "username": user.username,
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "date_joined": _when(user.date_joined),
                "last_login": _when(user.last_login),
            },
            "profile": _profile(user),
            "requests": requests_data,
            "data_subject_requests": subject_requests,
        }
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue(), {"requests": len(requests_data), "files": file_count}
