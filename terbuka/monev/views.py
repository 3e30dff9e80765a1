"""The monev self-assessment pages (Perki 1/2022): the list of a user's bodies and their
result for a year; one body's assessment for a year (read with its score, start, fill a
section, submit, the KI's visit score); its downloads and evidence files.

Who: ``bodies.permissions.can_fill_monev`` / ``can_read_monev``; for anyone else the body's
assessment does not exist (404). Every change runs through ``monev.actions`` by
``terbuka.actionviews``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from terbuka import law, tabular, uploads
from terbuka.actionviews import run_action, run_button
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog.models import Entry
from terbuka.monev import actions, scoring, sheet, summary
from terbuka.monev.forms import SectionForm, VisitForm, YearForm
from terbuka.monev.models import Answer, Assessment, Questionnaire, Status
from terbuka.requests.views.common import current_user


@login_required
@never_cache
def assessment_list(request: HttpRequest) -> HttpResponse:
    """The bodies whose self-assessment the officer fills (every body with an assessment,
    for the platform administrator) and their result for the chosen year."""
    user = current_user(request)
    form = YearForm(request.GET or None)
    year = form.year()
    if permissions.can_manage_platform(user):
        bodies = list(Body.objects.filter(monev_assessments__year=year).distinct().order_by("name"))
    else:
        bodies = permissions.monev_bodies(user)
        if not bodies:
            raise PermissionDenied
    results = summary.scores_for([body.pk for body in bodies], year)
    return render(
        request,
        "monev/list.html",
        {
            "form": form,
            "year": year,
            "rows": [(body, results.get(body.pk)) for body in bodies],
            "questionnaire": Questionnaire.objects.filter(year=year).first(),
            "predicates": law.MONEV_PREDICATES,
        },
    )


def _body(request: HttpRequest, slug: str) -> Body:
    """The body, if the user may read its self-assessment; for anyone else it does not
    exist."""
    body = get_object_or_404(Body, slug=slug)
    if not permissions.can_read_monev(current_user(request), body):
        raise Http404
    return body


def _fillable(request: HttpRequest, slug: str) -> Body:
    body = _body(request, slug)
    if not permissions.can_fill_monev(current_user(request), body):
        raise PermissionDenied
    return body


def _page_url(body: Body, year: int, revision: int | None = None) -> str:
    url = summary.page_url(body.slug, year)
    return f"{url}?revisi={revision}" if revision else url


def _chosen(request: HttpRequest, revisions: list[Assessment]) -> Assessment | None:
    """The revision asked for (``?revisi=``), else the open draft, else the latest."""
    asked = request.GET.get("revisi", "")
    if asked:
        found = [item for item in revisions if str(item.revision) == asked]
        if not found:
            raise Http404
        return found[0]
    drafts = [item for item in revisions if item.status == Status.DRAFT]
    return drafts[0] if drafts else (revisions[0] if revisions else None)


def _revisions(body: Body, year: int) -> list[Assessment]:
    return list(
        Assessment.objects.filter(body=body, year=year)
        .select_related("body", "questionnaire", "submitted_by")
        .order_by("-revision")
    )


def _draft(body: Body, year: int) -> Assessment:
    draft = (
        Assessment.objects.filter(body=body, year=year, status=Status.DRAFT)
        .select_related("body", "questionnaire")
        .first()
    )
    if draft is None:
        raise Http404
    return draft


@login_required
@never_cache
def assessment_page(request: HttpRequest, badan: str, tahun: int) -> HttpResponse:
    body = _body(request, badan)
    user = current_user(request)
    revisions = _revisions(body, tahun)
    assessment = _chosen(request, revisions)
    return render(
        request,
        "monev/assessment.html",
        {
            "body": body,
            "year": tahun,
            "revisions": revisions,
            "assessment": assessment,
            "sheet": sheet.build(assessment) if assessment is not None else None,
            "may_fill": permissions.can_fill_monev(user, body),
            "has_draft": any(item.status == Status.DRAFT for item in revisions),
            "questionnaire": Questionnaire.objects.filter(year=tahun).first(),
            "visit_form": VisitForm(
                initial={"nilai": assessment.visit_score if assessment else None}
            )
            if assessment is not None
            and assessment.is_submitted
            and permissions.can_record_monev_visit(user)
            else None,
            "formats": sheet.FORMATS,
        },
    )


@login_required
@require_POST
def assessment_start(request: HttpRequest, badan: str, tahun: int) -> HttpResponse:
    """Open the first draft (prefilled), or a new revision copied from the last submitted."""
    body = _fillable(request, badan)
    user = current_user(request)
    return run_button(
        request,
        lambda: actions.start(actor=user, body=body, year=tahun),
        done=lambda item: _("Draf revisi %(revision)s dibuka.") % {"revision": item.revision},
        then=_page_url(body, tahun),
    )


def _render_section(
    request: HttpRequest, body: Body, assessment: Assessment, number: int, form: SectionForm
) -> HttpResponse:
    tree = scoring.load(assessment.questionnaire)
    indicator = tree.indicator(number)
    return render(
        request,
        "monev/section.html",
        {
            "body": body,
            "year": assessment.year,
            "assessment": assessment,
            "indicator": indicator,
            "indicators": tree.indicators,
            "form": form,
            "blocks": form.blocks(),
        },
    )


def _section_form(
    request: HttpRequest, assessment: Assessment, number: int, *, bound: bool
) -> SectionForm:
    tree = scoring.load(assessment.questionnaire)
    indicator = tree.indicator(number)
    if indicator is None:
        raise Http404
    answers = scoring.answers_of(assessment.pk)
    entries = Entry.objects.filter(body=assessment.body).order_by("category", "title")
    return SectionForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        questions=tree.questions.get(indicator.pk, []),
        answers=answers,
        entries=entries,
    )


@login_required
@never_cache
def assessment_section(request: HttpRequest, badan: str, tahun: int, nomor: int) -> HttpResponse:
    """One indicator's questions of the open draft; POST saves them (what was typed stays
    on the page when something is refused)."""
    body = _fillable(request, badan)
    assessment = _draft(body, tahun)
    user = current_user(request)
    form = _section_form(request, assessment, nomor, bound=request.method == "POST")
    if request.method != "POST":
        return _render_section(request, body, assessment, nomor, form)

    def save(data: dict[str, Any]) -> Assessment:
        return actions.save_answers(actor=user, assessment=assessment, answers=form.inputs())

    return run_action(
        request,
        form,
        save,
        done=_("Jawaban disimpan sebagai draf."),
        then=_page_url(body, tahun),
        again=lambda: _render_section(request, body, assessment, nomor, form),
    )


@login_required
@require_POST
def assessment_submit(request: HttpRequest, badan: str, tahun: int) -> HttpResponse:
    body = _fillable(request, badan)
    assessment = _draft(body, tahun)
    user = current_user(request)
    return run_button(
        request,
        lambda: actions.submit(actor=user, assessment=assessment),
        done=_("Penilaian mandiri dikirim; isinya tidak dapat diubah lagi."),
        then=_page_url(body, tahun, assessment.revision),
    )


@login_required
@require_POST
def assessment_visit(request: HttpRequest, badan: str, tahun: int) -> HttpResponse:
    """The platform administrator records the KI's verification/visit score of the latest
    submitted revision."""
    body = _body(request, badan)
    user = current_user(request)
    if not permissions.can_record_monev_visit(user):
        raise PermissionDenied
    assessment = (
        Assessment.objects.filter(body=body, year=tahun, status=Status.SUBMITTED)
        .order_by("-revision")
        .first()
    )
    if assessment is None:
        raise Http404
    form = VisitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nilai visitasi berupa angka antara 0 dan 100."))
        return redirect(_page_url(body, tahun, assessment.revision))
    return run_button(
        request,
        lambda: actions.record_visit(
            actor=user, assessment=assessment, score=form.cleaned_data["nilai"]
        ),
        done=_("Nilai visitasi dicatat."),
        then=_page_url(body, tahun, assessment.revision),
    )


@login_required
@never_cache
def assessment_download(request: HttpRequest, badan: str, tahun: int, fmt: str) -> HttpResponse:
    """The revision shown on the page as XLSX or PDF."""
    if fmt not in sheet.FORMATS:
        raise Http404
    body = _body(request, badan)
    assessment = _chosen(request, _revisions(body, tahun))
    if assessment is None:
        raise Http404
    return tabular.download(
        sheet.render(sheet.build(assessment), fmt), fmt, sheet.file_name(assessment, fmt)
    )


@login_required
@never_cache
def evidence_download(
    request: HttpRequest, badan: str, tahun: int, pertanyaan: int
) -> HttpResponseBase:
    """The PDF given as evidence for a question, of the revision shown (``?revisi=``)."""
    body = _body(request, badan)
    assessment = _chosen(request, _revisions(body, tahun))
    if assessment is None:
        raise Http404
    answer = get_object_or_404(Answer, assessment=assessment, question_id=pertanyaan)
    if not answer.evidence_file:
        raise Http404
    return uploads.download_response(
        storage_name=answer.evidence_file.name,
        content_type="application/pdf",
        filename=answer.evidence_name or "bukti.pdf",
    )
