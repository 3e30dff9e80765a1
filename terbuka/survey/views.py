"""The survey pages: the form behind a request's link (no account needed) and the public
results. Views validate and call ``actions``; nothing personal is ever shown."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from terbuka import law
from terbuka.actionviews import run_action
from terbuka.requests.models import InfoRequest
from terbuka.security.ratelimit import rate_limited
from terbuka.survey import actions, links, results
from terbuka.survey.forms import AnswerForm


def _linked_request(public_id: Any, code: str) -> InfoRequest:
    info_request = (
        InfoRequest.objects.select_related("body", "ppid_body").filter(public_id=public_id).first()
    )
    if info_request is None or not links.is_valid(info_request, code):
        raise Http404(_("Tautan survei ini tidak sah. Periksa tautan pada tanda bukti Anda."))
    return info_request


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("survey-form", limit=10, per_seconds=3600)
def answer(request: HttpRequest, public_id: Any, code: str) -> HttpResponse:
    info_request = _linked_request(public_id, code)
    context: dict[str, Any] = {"info_request": info_request, "elements": law.SKM_ELEMENTS}
    refused = actions.refusal(info_request)
    if refused is not None:
        status = 200 if isinstance(refused, actions.AlreadyAnswered) else 410
        return render(
            request,
            "survey/closed.html",
            {**context, "message": refused.messages[0]},
            status=status,
        )
    if request.method != "POST":
        return render(request, "survey/answer.html", {**context, "form": AnswerForm()})
    form = AnswerForm(request.POST)
    return run_action(
        request,
        form,
        lambda data: actions.answer(
            actor=request.user if request.user.is_authenticated else None,
            info_request=info_request,
            scores=form.scores(),
            comment=data.get("comment") or "",
        ),
        done=_("Terima kasih. Penilaian Anda sudah kami terima."),
        then=request.path,
        again=lambda: render(request, "survey/answer.html", {**context, "form": form}),
    )


def results_page(request: HttpRequest) -> HttpResponse:
    """The published results of a year: per PPID body and unit, respondents, element
    means, the index and its grade (PermenPANRB 14/2017)."""
    known = results.years()
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("tahun") or (known[-1] if known else this_year))
    except ValueError:
        year = this_year
    tzinfo = timezone.get_current_timezone()
    return render(
        request,
        "survey/results.html",
        {
            "year": year,
            "years": known,
            "rows": results.by_body(year, tzinfo),
            "overall": results.overall(year, tzinfo),
            "elements": law.SKM_ELEMENTS,
            "grades": law.SKM_GRADES,
        },
    )
