"""The officers' DIP pages: the dashboard, entries, documents and versions, and the DIK
(exempt information)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.accounts.models import User
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog import actions, tasks
from terbuka.catalog.forms import (
    DocumentForm,
    EntryForm,
    EntryWithDocumentForm,
    ExemptionForm,
    VersionForm,
)
from terbuka.catalog.models import (
    Document,
    DocumentVersion,
    Entry,
    Exemption,
    ExtractionStatus,
)
from terbuka.catalog.views.public import PER_PAGE


def _actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # every officer view is login_required
        raise PermissionDenied
    return user


def _officer_bodies(request: HttpRequest) -> list[Body]:
    bodies = permissions.bodies_acted_on(request.user)
    if not bodies:
        raise PermissionDenied(_("Halaman ini hanya untuk petugas PPID."))
    return bodies


def _managed_entry(request: HttpRequest, public_id: UUID) -> Entry:
    item = get_object_or_404(Entry.objects.select_related("body"), public_id=public_id)
    if not permissions.can_act_on(request.user, item.body):
        raise PermissionDenied(_("Entri ini milik badan publik lain."))
    return item


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    bodies = _officer_bodies(request)
    now = timezone.now()
    entries = Entry.objects.filter(body__in=bodies)
    overdue = entries.update_overdue().select_related("body").order_by("next_update_due")[:100]
    in_bodies = DocumentVersion.objects.filter(document__entry__body__in=bodies)
    problems = (
        (
            in_bodies.filter(extraction_status=ExtractionStatus.FAILED)
            | (in_bodies & tasks.stuck(now))
        )
        .select_related("document__entry__body")
        .order_by("-uploaded_at")[:100]
    )
    problem_rows = [
        {"version": version, "stuck": tasks.is_stuck(version, now)} for version in problems
    ]
    recent = Paginator(entries.select_related("body").order_by("-updated_at"), PER_PAGE).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "catalog/dashboard.html",
        {
            "bodies": bodies,
            "overdue": overdue,
            "problems": problem_rows,
            "page": recent,
            "exemptions": Exemption.objects.filter(body__in=bodies)
            .select_related("body")
            .order_by("period_end")[:100],
        },
    )


def _chosen_body(request: HttpRequest) -> Body:
    bodies = _officer_bodies(request)
    slug = request.GET.get("badan") or request.POST.get("badan")
    if slug is None and len(bodies) == 1:
        return bodies[0]
    for body in bodies:
        if body.slug == slug:
            return body
    raise Http404


@login_required
def entry_create(request: HttpRequest) -> HttpResponse:
    bodies = _officer_bodies(request)
    if not request.GET.get("badan") and len(bodies) > 1 and request.method == "GET":
        return render(request, "catalog/choose_body.html", {"bodies": bodies})
    body = _chosen_body(request)
    form = EntryWithDocumentForm(request.POST or None, request.FILES or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                created = actions.create_entry(
                    actor=_actor(request), body=body, **form.action_fields()
                )
                upload = form.cleaned_data.get("upload")
                link = form.cleaned_data.get("link") or ""
                if upload or link:
                    actions.add_document(
                        actor=_actor(request),
                        entry=created,
                        title=form.cleaned_data["document_title"],
                        upload=upload or None,
                        link=link,
                    )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Entri DIP disimpan."))
            return redirect(created.get_absolute_url())
    return render(request, "catalog/entry_form.html", {"form": form, "body": body, "entry": None})


@login_required
def entry_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _managed_entry(request, public_id)
    form = EntryForm(request.POST or None, instance=item, body=item.body)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_entry(actor=_actor(request), entry=item, **form.action_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect(item.get_absolute_url())
    return render(
        request, "catalog/entry_form.html", {"form": form, "body": item.body, "entry": item}
    )


@login_required
@require_POST
def mark_updated(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _managed_entry(request, public_id)
    try:
        updated = actions.mark_updated(actor=_actor(request), entry=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Ditandai mutakhir. Pembaruan berikutnya paling lambat %(day)s.")
            % {"day": updated.next_update_due},
        )
    return redirect(request.POST.get("next") or item.get_absolute_url())


@login_required
def document_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _managed_entry(request, public_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_document(
                actor=_actor(request),
                entry=item,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data.get("upload") or None,
                link=form.cleaned_data.get("link") or "",
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Dokumen dilampirkan. Teksnya diekstrak di latar belakang untuk pencarian."),
            )
            return redirect(item.get_absolute_url())
    return render(request, "catalog/document_form.html", {"form": form, "entry": item})


@login_required
def version_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.select_related("entry__body"), public_id=public_id
    )
    if not permissions.can_act_on(request.user, document.entry.body):
        raise PermissionDenied(_("Dokumen ini milik badan publik lain."))
    if document.link:
        raise Http404
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.add_version(
                actor=_actor(request), document=document, upload=form.cleaned_data["upload"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Versi %(n)s diunggah.") % {"n": version.number})
            return redirect(document.entry.get_absolute_url())
    return render(
        request,
        "catalog/version_form.html",
        {"form": form, "document": document, "entry": document.entry},
    )


@login_required
@require_POST
def retry_extraction(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__entry__body"),
        document__public_id=public_id,
        number=number,
    )
    if not permissions.can_act_on(request.user, version.document.entry.body):
        raise PermissionDenied(_("Dokumen ini milik badan publik lain."))
    try:
        actions.retry_extraction(actor=_actor(request), version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Ekstraksi teks dijadwalkan ulang."))
    return redirect(reverse("catalog:dashboard"))


@login_required
def exemption_create(request: HttpRequest) -> HttpResponse:
    bodies = _officer_bodies(request)
    if not request.GET.get("badan") and len(bodies) > 1 and request.method == "GET":
        return render(
            request, "catalog/choose_body.html", {"bodies": bodies, "for_exemption": True}
        )
    body = _chosen_body(request)
    form = ExemptionForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_exemption(
                actor=_actor(request), body=body, **form.action_fields()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Informasi yang dikecualikan dicatat dalam DIK."))
            return redirect(created.get_absolute_url())
    return render(
        request, "catalog/exemption_form.html", {"form": form, "body": body, "exemption": None}
    )


@login_required
def exemption_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = get_object_or_404(Exemption.objects.select_related("body"), public_id=public_id)
    if not permissions.can_act_on(request.user, item.body):
        raise PermissionDenied(_("Entri DIK ini milik badan publik lain."))
    form = ExemptionForm(request.POST or None, instance=item, body=item.body)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_exemption(actor=_actor(request), exemption=item, **form.action_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect(item.get_absolute_url())
    return render(
        request,
        "catalog/exemption_form.html",
        {"form": form, "body": item.body, "exemption": item},
    )
