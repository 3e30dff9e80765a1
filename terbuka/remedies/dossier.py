"""The dispute dossier: what the requester hands in at the Komisi Informasi (UU 14/2008
Pasal 37; Perki 1/2013 Pasal 10–11), in the structure of the KI petition form "Model
A.1": A identity, B proxy, C the request, the notice, the objection, the Atasan's answer
and the dispute reasons, D documents, E declarations.

It is the requester's own petition: it carries his address and contact as recorded on the
objection, but his NIK only masked, and never anyone else's data. The PDF is rendered like
the written notice (``requests.letters``): inline style, a URL fetcher refusing every URL.
The ZIP adds the original files of the request and the objection that he may download.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from terbuka import law
from terbuka.accounts.models import RequesterType, mask_nik
from terbuka.bodies.models import Body, BodyKind
from terbuka.remedies import clocks
from terbuka.remedies.models import Channel, Ground, Objection, ObjectionSettings, Response, Status
from terbuka.requests import access as request_access
from terbuka.requests import files, letters
from terbuka.requests.models import Notice, Outcome, RequestFile

# The dispute reasons of the petition form, in its order.
DISPUTE_REASONS: tuple[tuple[str, Any], ...] = (
    ("refusal_upheld", gettext_lazy("Penolakan atas dasar pengecualian (Pasal 17) dikuatkan")),
    ("berkala", gettext_lazy("Informasi berkala tidak disediakan")),
    ("unanswered", gettext_lazy("Keberatan tidak ditanggapi Atasan PPID")),
    ("unsatisfied", gettext_lazy("Tidak puas dengan tanggapan Atasan PPID")),
    ("fee", gettext_lazy("Biaya yang dikenakan tidak wajar")),
    ("late", gettext_lazy("Informasi disampaikan melebihi jangka waktu")),
)


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    applies: bool


def dispute_reasons(objection: Objection, window: clocks.DisputeWindow) -> list[Reason]:
    """Which of the form's dispute reasons the objection shows."""
    grounds = set(objection.grounds)
    upheld = objection.status == Status.UPHELD
    answered_unsatisfied = not window.unanswered and (
        upheld or objection.response == Response.TO_COMMISSION
    )
    still_open = window.unanswered or answered_unsatisfied
    applies = {
        "refusal_upheld": upheld and Ground.REFUSED in grounds,
        "berkala": still_open and Ground.BERKALA_NOT_PROVIDED in grounds,
        "unanswered": window.unanswered,
        "unsatisfied": answered_unsatisfied,
        "fee": still_open and Ground.UNREASONABLE_FEE in grounds,
        "late": still_open and Ground.LATE in grounds,
    }
    return [Reason(code, str(label), applies[code]) for code, label in DISPUTE_REASONS]


def province_of(body: Body) -> Body:
    """The province the body belongs to (itself for a province), or its region."""
    if body.kind == BodyKind.PROVINCE:
        return body
    for ancestor in body.ancestors():
        if ancestor.kind == BodyKind.PROVINCE:
            return ancestor
    return body.region


def competent_commission(objection: Objection) -> str:
    """The Komisi Informasi competent for the body objected to (``commission_for_body``)."""
    return commission_for_body(objection.body)


def commission_for_body(body: Body) -> str:
    """The Komisi Informasi of the province of ``body`` (Perki 1/2013 Pasal 6: the
    provincial KI for provincial bodies, and for regencies and cities without a KI of
    their own), unless the body's objection settings name another one: the first body up
    the tree that names one decides. Disputes recorded without an objection ask this."""
    named = dict(
        ObjectionSettings.objects.filter(
            body__in=[body, *body.ancestors()], commission_name__gt=""
        ).values_list("body_id", "commission_name")
    )
    for candidate in [body, *body.ancestors()]:
        if candidate.pk in named:
            return str(named[candidate.pk])
    name = province_of(body).name
    if name.lower().startswith("provinsi "):
        name = name[len("provinsi ") :]
    return gettext("Komisi Informasi Provinsi %(name)s") % {"name": name.strip()}


def _sent_notice(objection: Objection) -> Notice | None:
    if objection.info_request_id is None:
        return None
    notice = Notice.objects.filter(info_request_id=objection.info_request_id).first()
    return notice if notice is not None and notice.is_sent else None


def _local_date(body: Body, moment: dt.datetime | None) -> dt.date | None:
    return moment.astimezone(body.tzinfo).date() if moment is not None else None


def _user_name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def included_files(objection: Objection) -> list[RequestFile]:
    """The files of the request and its objections that the requester himself may
    download; none when the objection has no account (a desk objection)."""
    requester = objection.requester
    if requester is None:
        return []
    if objection.info_request_id is None:
        # Without a request: what he sent with the objection itself.
        return list(
            RequestFile.objects.filter(objection_link__objection=objection).order_by(
                "created_at", "pk"
            )
        )
    return [
        item
        for item in RequestFile.objects.filter(info_request_id=objection.info_request_id)
        .select_related("info_request")
        .order_by("created_at", "pk")
        if request_access.can_download(requester, item)
    ]


def _unique_names(items: list[RequestFile]) -> list[str]:
    names: list[str] = []
    taken: set[str] = set()
    for item in items:
        name = files.download_filename(item)
        stem, extension = posixpath.splitext(name)
        number = 2
        while name in taken:
            name = f"{stem}-{number}{extension}"
            number += 1
        taken.add(name)
        names.append(name)
    return names


def dossier_filename(objection: Objection, extension: str) -> str:
    return f"berkas-sengketa-{slugify(objection.number) or objection.pk}.{extension}"


def context(objection: Objection, window: clocks.DisputeWindow) -> dict[str, Any]:
    info_request = objection.info_request
    ppid_body = objection.ppid_body
    notice = _sent_notice(objection)
    documents = included_files(objection)
    return {
        "objection": objection,
        "info_request": info_request,
        "body": objection.body,
        "ppid_body": ppid_body,
        "requester_type": RequesterType(objection.requester_type).label
        if objection.requester_type in RequesterType.values
        else objection.requester_type,
        "masked_nik": mask_nik(objection.requester_nik),
        "request_received_on": _local_date(ppid_body, info_request.received_at)
        if info_request
        else None,
        "request_receiver": _user_name(info_request.registered_by) if info_request else "",
        "notice": notice,
        "notice_date": _local_date(ppid_body, notice.sent_at) if notice else None,
        "notice_signer": _user_name(notice.sent_by) if notice else "",
        "notice_outcome": Outcome(notice.outcome).label
        if notice and notice.outcome in Outcome.values
        else "",
        "objection_received_on": clocks.received_on(objection),
        "objection_channel": Channel(objection.channel).label
        if objection.channel in Channel.values
        else objection.channel,
        "objection_receiver": _user_name(objection.registered_by),
        "decided_on": _local_date(ppid_body, objection.decided_at),
        "status_label": Status(objection.status).label,
        "window": window,
        "reasons": dispute_reasons(objection, window),
        "dispute_days": law.DISPUTE_FILING_WORKING_DAYS,
        "commission": competent_commission(objection),
        "documents": list(zip(documents, _unique_names(documents), strict=True)),
        "made_on": _local_date(ppid_body, timezone.now()),
    }


def render_html(objection: Objection, window: clocks.DisputeWindow) -> str:
    return render_to_string("remedies/dossier.html", context(objection, window))


def _window(objection: Objection) -> clocks.DisputeWindow:
    window = clocks.dispute_window(objection)
    if window is None:
        raise ValueError("The dispute window of this objection is not open.")
    return window


def render_pdf(objection: Objection) -> bytes:
    """The petition-structured dossier as a PDF. Only once the dispute window is open."""
    from weasyprint import HTML  # heavy import, only when a dossier is made

    html = render_html(objection, _window(objection))
    pdf: bytes = HTML(string=html, url_fetcher=letters.url_fetcher(), base_url=None).write_pdf()
    return pdf


def render_zip(objection: Objection) -> bytes:
    """The dossier PDF and the original files the requester may download, in one ZIP."""
    documents = included_files(objection)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(dossier_filename(objection, "pdf"), render_pdf(objection))
        for item, name in zip(documents, _unique_names(documents), strict=True):
            archive.writestr(f"lampiran/{name}", files.open_file(item))
    return buffer.getvalue()
