"""The officers' DIP pages: the dashboard, entries, documents and versions, and the DIK
(exempt information). Each form runs its action through ``terbuka.actionviews``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.accounts.models import User
from terbuka.actionviews import run_action, run_button, safe_next
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog import actions, shielding, tasks
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
    Feed,
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


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    bodies = _officer_bodies(request)
    now = timezone.now()
    entries = Entry.objects.filter(body__in=bodies)
    overdue = (
        entries.update_overdue(now)
        .select_related("body")
        .order_by("body__name", "body_id", "next_update_due")[:100]
    )
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
            "held": shielding.held(bodies).order_by(
                "document__entry__body__name", "document__entry__body_id", "uploaded_at", "pk"
            )[:100],
            "page": recent,
            "ended_exemptions": Exemption.objects.filter(body__in=bodies)
            .ended(now)
            .select_related("body")
            .order_by("period_end")[:100],
            "failing_feeds": Feed.objects.filter(body__in=bodies, is_active=True)
            .exclude(last_error="")
            .select_related("body")
            .order_by("body__name", "url")[:100],
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

    def page() -> HttpResponse:
        context = {"form": form, "body": body, "entry": None}
        return render(request, "catalog/entry_form.html", context)

    if request.method != "POST":
        return page()

    @transaction.atomic
    def create(data: dict[str, Any]) -> Entry:
        created = actions.create_entry(actor=_actor(request), body=body, **form.action_fields())
        upload = data.get("upload")
        link = data.get("link") or ""
        if upload or link:
            actions.add_document(
                actor=_actor(request),
                entry=created,
                title=data["document_title"],
                upload=upload or None,
                link=link,
            )
        return created

    return run_action(
        request,
        form,
        create,
        done=_("Entri DIP disimpan."),
        then=lambda created: created.get_absolute_url(),
        again=page,
    )


@login_required
def entry_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _managed_entry(request, public_id)
    form = EntryForm(request.POST or None, instance=item, body=item.body)

    def page() -> HttpResponse:
        context = {"form": form, "body": item.body, "entry": item}
        return render(request, "catalog/entry_form.html", context)

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.update_entry(
            actor=_actor(request), entry=item, **form.action_fields()
        ),
        done=_("Perubahan disimpan."),
        then=item.get_absolute_url(),
        again=page,
    )


@login_required
@require_POST
def mark_updated(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _managed_entry(request, public_id)
    return run_button(
        request,
        lambda: actions.mark_updated(actor=_actor(request), entry=item),
        done=lambda updated: (
            _("Ditandai mutakhir. Pembaruan berikutnya paling lambat %(day)s.")
            % {"day": updated.next_update_due}
        ),
        then=safe_next(request, request.POST.get("next")) or item.get_absolute_url(),
    )


@login_required
def document_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _managed_entry(request, public_id)
    form = DocumentForm(request.POST or None, request.FILES or None)

    def page() -> HttpResponse:
        return render(request, "catalog/document_form.html", {"form": form, "entry": item})

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.add_document(
            actor=_actor(request),
            entry=item,
            title=data["title"],
            upload=data.get("upload") or None,
            link=data.get("link") or "",
        ),
        done=_("Dokumen dilampirkan. Teksnya diekstrak di latar belakang untuk pencarian."),
        then=item.get_absolute_url(),
        again=page,
    )


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

    def page() -> HttpResponse:
        context = {"form": form, "document": document, "entry": document.entry}
        return render(request, "catalog/version_form.html", context)

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.add_version(
            actor=_actor(request), document=document, upload=data["upload"]
        ),
        done=lambda version: _("Versi %(n)s diunggah.") % {"n": version.number},
        then=document.entry.get_absolute_url(),
        again=page,
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
    return run_button(
        request,
        lambda: actions.retry_extraction(actor=_actor(request), version=version),
        done=_("Ekstraksi teks dijadwalkan ulang."),
        then=reverse("catalog:dashboard"),
    )


@login_required
def exemption_create(request: HttpRequest) -> HttpResponse:
    bodies = _officer_bodies(request)
    if not request.GET.get("badan") and len(bodies) > 1 and request.method == "GET":
        return render(
            request, "catalog/choose_body.html", {"bodies": bodies, "for_exemption": True}
        )
    body = _chosen_body(request)
    form = ExemptionForm(request.POST or None, body=body)

    def page() -> HttpResponse:
        context = {"form": form, "body": body, "exemption": None}
        return render(request, "catalog/exemption_form.html", context)

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.create_exemption(
            actor=_actor(request), body=body, **form.action_fields()
        ),
        done=_("Informasi yang dikecualikan dicatat dalam DIK."),
        then=lambda created: created.get_absolute_url(),
        again=page,
    )


def _managed_exemption(request: HttpRequest, public_id: UUID) -> Exemption:
    item = get_object_or_404(Exemption.objects.select_related("body"), public_id=public_id)
    if not permissions.can_act_on(request.user, item.body):
        raise PermissionDenied(_("Entri DIK ini milik badan publik lain."))
    return item


@login_required
@require_POST
def exemption_open(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The PPID's decision to open exempt information (PP 61/2010 Pasal 11); he then adds
    it to the DIP."""
    item = _managed_exemption(request, public_id)
    return run_button(
        request,
        lambda: actions.open_exemption(actor=_actor(request), exemption=item),
        done=_(
            "Informasi dibuka sebagai informasi publik. Tambahkan ke DIP agar dapat diakses"
            " masyarakat."
        ),
        then=f"{reverse('catalog:entry_create')}?badan={item.body.slug}",
    )


@login_required
def exemption_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _managed_exemption(request, public_id)
    form = ExemptionForm(request.POST or None, instance=item, body=item.body)

    def page() -> HttpResponse:
        context = {"form": form, "body": item.body, "exemption": item}
        return render(request, "catalog/exemption_form.html", context)

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.update_exemption(
            actor=_actor(request), exemption=item, **form.action_fields()
        ),
        done=_("Perubahan disimpan."),
        then=item.get_absolute_url(),
        again=page,
    )
