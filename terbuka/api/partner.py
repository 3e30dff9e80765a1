"""The partners' part of the API: with a token, within the token's bodies and permissions
(and never beyond the roles of the account it acts as, which the actions check again).

A partner submits a request through the same action as a request registered at the desk
(``requests.actions.register``): the same identity rules (NIK, required fields), the same
numbering, due date, event, audit record and receipt to the requester. A village system
pushes DIP entries through ``catalog.actions`` (idempotent on its own id, kept as the
entry's ``source_key``)."""

from __future__ import annotations

import hashlib
from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field as NinjaField
from ninja import Path, Router, Schema
from ninja.responses import Status

from terbuka.api import schemas
from terbuka.api.auth import partner_token, token_of
from terbuka.api.models import ApiToken, Submission
from terbuka.api.problems import ApiProblem, Problem
from terbuka.bodies.models import Body
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog import opendata
from terbuka.catalog.models import Entry
from terbuka.requests import actions as request_actions
from terbuka.requests.models import InfoRequest

router = Router(tags=["mitra"], auth=partner_token)

ERRORS: dict[int, type[Problem]] = {
    401: Problem,
    403: Problem,
    404: Problem,
    422: Problem,
    429: Problem,
}


def _scoped_body(token: ApiToken, slug: str) -> Body:
    """The body named by ``slug`` if the token is scoped to it (404 for every other slug, so
    a token learns nothing of bodies outside its scope)."""
    body = token.bodies.filter(slug=slug, is_active=True).first()
    if body is None:
        raise ApiProblem(404, _("Badan publik ini tidak termasuk dalam cakupan token."))
    return body


def _require(allowed: bool) -> None:
    if not allowed:
        raise ApiProblem(403, _("Token ini tidak memiliki izin untuk tindakan ini."))


def status_record(info_request: InfoRequest) -> dict[str, Any]:
    notice = getattr(info_request, "notice", None)
    return {
        "id": info_request.public_id,
        "number": info_request.number,
        "body": {"slug": info_request.body.slug, "name": info_request.body.name},
        "status": info_request.status,
        "status_label": str(info_request.get_status_display()),
        "received_at": info_request.received_at,
        "due_date": info_request.due_date,
        "extended": info_request.extended_at is not None,
        "answered_at": info_request.answered_at,
        "outcome": notice.outcome or None if notice is not None else None,
    }


def _idempotency_key(token: ApiToken, key: str) -> str:
    """The partner's key, in the token's own namespace (64 characters, as stored)."""
    return hashlib.sha256(f"api:{token.pk}:{key}".encode()).hexdigest()


@router.post(
    "/requests/",
    response={200: schemas.RequestStatusOut, 201: schemas.RequestStatusOut, **ERRORS},
    url_name="partner_submit",
)
def submit(request: HttpRequest, data: schemas.RequestIn) -> Status[dict[str, Any]]:
    """Ajukan permohonan atas nama pemohon. Jawaban 201 memuat nomor registrasi dan batas
    waktunya; kiriman ulang dengan ``idempotency_key`` yang sama menjawab 200 dengan
    permohonan yang pertama."""
    token = token_of(request)
    _require(token.can_submit_requests)
    body = _scoped_body(token, data.body)
    received_at = data.received_at or timezone.now()
    if timezone.is_naive(received_at):
        raise ApiProblem(422, _("Waktu diterima harus mencantumkan zona waktu."))
    identity = request_actions.Identity(
        requester_type=data.identity.requester_type,
        name=data.identity.name,
        nik=data.identity.nik,
        legal_entity_decree=data.identity.legal_entity_decree,
        address=data.identity.address,
        phone=data.identity.phone,
        email=data.identity.email,
        acting_for=data.identity.acting_for,
    )
    content = request_actions.RequestContent(
        subject=data.subject,
        purpose=data.purpose,
        how_to_obtain=data.how_to_obtain,
        delivery=data.delivery or "",
        publish_allowed=data.publish_allowed,
    )
    key = _idempotency_key(token, data.idempotency_key)
    with transaction.atomic():
        replay = (
            Submission.objects.filter(token=token, info_request__idempotency_key=key)
            .select_related("info_request__body")
            .first()
        )
        if replay is not None:
            return Status(200, status_record(replay.info_request))
        info_request = request_actions.register(
            actor=token.user,
            body=body,
            channel=data.channel,
            received_at=received_at,
            identity=identity,
            content=content,
            idempotency_key=key,
        )
        _submission, created = Submission.objects.get_or_create(
            info_request=info_request, defaults={"token": token}
        )
    return Status(201 if created else 200, status_record(info_request))


@router.get(
    "/requests/{request_id}/",
    response={200: schemas.RequestStatusOut, **ERRORS},
    url_name="partner_status",
)
def status(request: HttpRequest, request_id: UUID) -> dict[str, Any]:
    """Status permohonan yang diajukan dengan token ini."""
    token = token_of(request)
    _require(token.can_read_status)
    submission = (
        Submission.objects.filter(
            token=token,
            info_request__public_id=request_id,
            info_request__body__in=token.bodies.all(),
        )
        .select_related("info_request__body", "info_request__notice")
        .first()
    )
    if submission is None:
        raise ApiProblem(
            404, _("Tidak ada permohonan dengan id ini yang diajukan dengan token ini.")
        )
    return status_record(submission.info_request)


class PushPath(Schema):
    slug: str
    source_id: str = NinjaField(
        max_length=200, pattern=r"^[A-Za-z0-9._:-]+$", description="Id entri di sistem mitra."
    )


@router.put(
    "/bodies/{slug}/dip/{source_id}/",
    response={200: schemas.PushedEntryOut, 201: schemas.PushedEntryOut, **ERRORS},
    url_name="partner_push_dip",
)
def push_dip(
    request: HttpRequest, path: Path[PushPath], data: schemas.EntryIn
) -> Status[dict[str, Any]]:
    """Buat atau perbarui entri DIP badan ini menurut id sistem mitra (idempoten): 201 bila
    baru, 200 bila sudah ada."""
    token = token_of(request)
    _require(token.can_push_dip)
    body = _scoped_body(token, path.slug)
    fields: dict[str, Any] = {
        "category": data.category,
        "number": data.number,
        "title": data.title,
        "summary": data.summary,
        "holder": data.holder,
        "responsible": data.responsible,
        "created_when": data.created_when,
        "created_where": data.created_where,
        "available_softcopy": data.available_softcopy,
        "available_hardcopy": data.available_hardcopy,
        "retention": data.retention,
        "tags": ", ".join(tag.strip() for tag in data.tags if tag.strip())[:300],
        "is_published": data.is_published,
    }
    if data.published_on is not None:
        fields["published_on"] = data.published_on
    if data.last_updated_on is not None:
        fields["last_updated_on"] = data.last_updated_on
    with transaction.atomic():
        existing = (
            Entry.objects.select_for_update().filter(body=body, source_key=path.source_id).first()
        )
        if existing is None:
            entry = catalog_actions.create_entry(
                actor=token.user, body=body, source_key=path.source_id, **fields
            )
            created = True
        else:
            entry = catalog_actions.update_entry(actor=token.user, entry=existing, **fields)
            created = False
    shown = opendata.feed_entries().filter(pk=entry.pk).select_related("body").first()
    return Status(
        201 if created else 200,
        {
            "id": entry.public_id,
            "source_id": path.source_id,
            "created": created,
            "entry": opendata.entry_record(shown, request.build_absolute_uri) if shown else None,
        },
    )
