"""The annual report pages (Perki 1/2021 Pasal 56): the list of a user's reports, one
body's report for a year (read, edit the draft, finalise, start a new version) and its
downloads. Who: ``bodies.permissions.can_read_annual_report`` / ``can_edit_annual_report``;
every change runs through ``reports.actions`` by ``terbuka.actionviews``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from terbuka import law, tabular
from terbuka.actionviews import run_action, run_button
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.reports import actions, annual
from terbuka.reports.forms import AnnualChoiceForm, NarrativeForm
from terbuka.reports.models import NARRATIVE_FIELDS, AnnualReport, Status
from terbuka.requests.views.common import current_user


@login_required
@never_cache
def annual_list(request: HttpRequest) -> HttpResponse:
    """The reports of the bodies the officer reads, and a form to open one."""
    user = current_user(request)
    bodies = permissions.annual_report_bodies(user)
    if not bodies:
        raise PermissionDenied
    form = AnnualChoiceForm(request.GET or None, bodies=bodies)
    if form.is_valid():
        return redirect(_page_url(form.cleaned_data["badan"], form.cleaned_data["tahun"]))
    reports = AnnualReport.objects.filter(body__in=bodies).select_related("body")
    return render(request, "reports/annual_list.html", {"form": form, "reports": reports})


def _page_url(body: Body, year: int, version: int | None = None) -> str:
    url = reverse("reports:annual", kwargs={"badan": body.slug, "tahun": year})
    return f"{url}?versi={version}" if version else url


def _body(request: HttpRequest, slug: str) -> Body:
    body = get_object_or_404(Body, slug=slug)
    if not permissions.can_read_annual_report(current_user(request), body):
        raise PermissionDenied
    return body


def _chosen(request: HttpRequest, versions: list[AnnualReport]) -> AnnualReport | None:
    """The version asked for (``?versi=``), else the open draft, else the latest."""
    asked = request.GET.get("versi", "")
    if asked:
        found = [report for report in versions if str(report.version) == asked]
        if not found:
            raise Http404
        return found[0]
    drafts = [report for report in versions if report.status == Status.DRAFT]
    return drafts[0] if drafts else (versions[0] if versions else None)


def _render_page(
    request: HttpRequest,
    body: Body,
    year: int,
    *,
    form: NarrativeForm | None = None,
) -> HttpResponse:
    versions = list(AnnualReport.objects.filter(body=body, year=year).order_by("-version"))
    report = _chosen(request, versions)
    may_edit = permissions.can_edit_annual_report(current_user(request), body)
    if report is not None and not report.is_final and may_edit and form is None:
        form = NarrativeForm(initial={name: getattr(report, name) for name in NARRATIVE_FIELDS})
    return render(
        request,
        "reports/annual.html",
        {
            "body": body,
            "year": year,
            "due": law.annual_report_due(year),
            "report": report,
            "content": annual.content(report) if report is not None else None,
            "versions": versions,
            "has_draft": any(item.status == Status.DRAFT for item in versions),
            "may_edit": may_edit,
            "form": form if report is not None and not report.is_final else None,
            "formats": annual.FORMATS,
            "skm_title": annual.skm_title(),
            "units_title": annual.units_title(),
            "unit_headers": annual.unit_headers(),
        },
    )


@login_required
@never_cache
def annual_page(request: HttpRequest, badan: str, tahun: int) -> HttpResponse:
    """One body's report for a year; POST saves the narrative of its open draft (what was
    typed stays on the page when it is refused)."""
    body = _body(request, badan)
    if request.method != "POST":
        return _render_page(request, body, tahun)
    user = current_user(request)
    if not permissions.can_edit_annual_report(user, body):
        raise PermissionDenied
    draft = AnnualReport.objects.filter(body=body, year=tahun, status=Status.DRAFT).first()
    if draft is None:
        raise Http404
    form = NarrativeForm(request.POST)

    def save(data: dict[str, Any]) -> AnnualReport:
        return actions.save_narrative(actor=user, report=draft, **data)

    return run_action(
        request,
        form,
        save,
        done=_("Draf laporan tahunan disimpan."),
        then=_page_url(body, tahun),
        again=lambda: _render_page(request, body, tahun, form=form),
    )


@login_required
@require_POST
def annual_start(request: HttpRequest, badan: str, tahun: int) -> HttpResponse:
    """Open the first draft, or a new version copied from the last final one."""
    body = _body(request, badan)
    user = current_user(request)
    if not permissions.can_edit_annual_report(user, body):
        raise PermissionDenied
    return run_button(
        request,
        lambda: actions.start_draft(actor=user, body=body, year=tahun),
        done=lambda report: _("Draf versi %(version)s dibuka.") % {"version": report.version},
        then=_page_url(body, tahun),
    )


@login_required
@require_POST
def annual_finalise(request: HttpRequest, badan: str, tahun: int) -> HttpResponse:
    """Finalise the open draft and publish it in the DIP."""
    body = _body(request, badan)
    user = current_user(request)
    if not permissions.can_edit_annual_report(user, body):
        raise PermissionDenied
    draft = AnnualReport.objects.filter(body=body, year=tahun, status=Status.DRAFT).first()
    if draft is None:
        raise Http404
    return run_button(
        request,
        lambda: actions.finalise(actor=user, report=draft),
        done=_("Laporan tahunan difinalkan dan diterbitkan di DIP."),
        then=_page_url(body, tahun, draft.version),
    )


@login_required
@never_cache
def annual_download(request: HttpRequest, badan: str, tahun: int, fmt: str) -> HttpResponse:
    """The report (the version shown on the page) as PDF, DOCX or XLSX."""
    if fmt not in annual.FORMATS:
        raise Http404
    body = _body(request, badan)
    versions = list(AnnualReport.objects.filter(body=body, year=tahun).order_by("-version"))
    report = _chosen(request, versions)
    if report is None:
        raise Http404
    data = annual.render(annual.content(report), fmt)
    response = HttpResponse(data, content_type=annual.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = tabular.attachment(annual.file_name(report, fmt))
    return response
