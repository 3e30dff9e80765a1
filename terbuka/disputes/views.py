"""Dispute pages of the PPID body's officers: the list, the detail page with the timeline
and the forms for the next steps, and the forms that record a dispute (from an objection,
from a request, or one that came in outside the platform). Views check access, validate
forms and run actions with ``terbuka.actionviews``; the rules live in ``actions``,
``access`` and ``clocks``.

Anyone who may not read a dispute gets 404 (officers of another body too): its existence
is not theirs to know. Those who read it but do not keep it get 403 on its forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from terbuka.actionviews import run_action
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.disputes import access, actions, clocks, forms
from terbuka.disputes.models import Dispute, Stage
from terbuka.remedies.models import Objection
from terbuka.requests.models import InfoRequest
from terbuka.requests.views.common import current_user
from terbuka.workdays import state as workdays_state


def _dispute(request: HttpRequest, public_id: Any) -> Dispute:
    dispute = (
        Dispute.objects.select_related("ppid_body", "objection", "info_request__body")
        .filter(public_id=public_id)
        .first()
    )
    if dispute is None or not access.can_read(current_user(request), dispute):
        raise Http404
    return dispute


@login_required
@never_cache
def inbox(request: HttpRequest) -> HttpResponse:
    """The disputes of the officer's bodies, with stage, next date and deadline badge."""
    user = current_user(request)
    if not access.is_dispute_officer(user):
        raise PermissionDenied
    stage = request.GET.get("tahap", "")
    if stage not in Stage.values:
        stage = ""
    listed = access.officer_disputes(user).select_related("ppid_body").order_by("-filed_on", "-pk")
    if stage:
        listed = listed.filter(stage=stage)
    calendars = workdays_state.Calendars()
    page = Paginator(listed, 50).get_page(request.GET.get("halaman"))
    rows = [
        (
            dispute,
            clocks.current_clock(dispute, calendar=calendars.of(dispute.ppid_body)),
            clocks.next_hearing_on(dispute),
        )
        for dispute in page.object_list
    ]
    return render(
        request,
        "disputes/inbox.html",
        {
            "page": page,
            "rows": rows,
            "stage": stage,
            "stages": Stage.choices,
            "query": f"tahap={stage}" if stage else "",
            "can_record": bool(permissions.body_ids(user, permissions.HANDLER_KINDS)),
        },
    )


# --- Recording a dispute ---------------------------------------------------------------------


def _record_page(
    request: HttpRequest,
    form: forms.PetitionForm,
    run: Callable[[dict[str, Any]], Dispute],
    context: dict[str, Any],
) -> HttpResponse:
    if request.method != "POST":
        return render(request, "disputes/record.html", {**context, "form": form})
    return run_action(
        request,
        form,
        run,
        done=_("Sengketa dicatat."),
        then=lambda dispute: dispute.get_absolute_url(),
        again=lambda: render(request, "disputes/record.html", {**context, "form": form}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_from_objection(request: HttpRequest, public_id: Any) -> HttpResponse:
    objection = (
        Objection.objects.select_related("ppid_body", "body", "info_request__body")
        .filter(public_id=public_id)
        .first()
    )
    user = current_user(request)
    if objection is None or not access.can_record_from_objection(user, objection):
        raise Http404
    info_request = objection.info_request
    initial = {
        "petitioner_name": objection.requester_name,
        "commission": actions.default_commission(
            objection=objection, info_request=info_request, body=objection.ppid_body
        ),
    }
    form = forms.PetitionForm(request.POST or None, initial=initial)
    return _record_page(
        request,
        form,
        lambda data: actions.record_from_objection(
            actor=user, objection=objection, petition=form.petition()
        ),
        {"objection": objection, "info_request": info_request},
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_from_request(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = (
        InfoRequest.objects.select_related("body", "ppid_body").filter(public_id=public_id).first()
    )
    user = current_user(request)
    if info_request is None or not access.can_record_from_request(user, info_request):
        raise Http404
    initial = {
        "petitioner_name": info_request.requester_name,
        "commission": actions.default_commission(
            info_request=info_request, body=info_request.ppid_body or info_request.body
        ),
    }
    form = forms.PetitionForm(request.POST or None, initial=initial)
    return _record_page(
        request,
        form,
        lambda data: actions.record_from_request(
            actor=user, info_request=info_request, petition=form.petition()
        ),
        {"info_request": info_request},
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_external(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    bodies = list(Body.objects.filter(pk__in=permissions.body_ids(user, permissions.HANDLER_KINDS)))
    if not bodies:
        raise PermissionDenied
    initial = {"commission": actions.default_commission(body=bodies[0])} if len(bodies) == 1 else {}
    form = forms.ExternalForm(request.POST or None, bodies=bodies, initial=initial)
    return _record_page(
        request,
        form,
        lambda data: actions.record_external(
            actor=user,
            ppid_body=data["ppid_body"],
            petition=form.petition(),
            external=form.external(),
        ),
        {"external": True},
    )


# --- The detail page and its steps -------------------------------------------------------------


def _forms(dispute: Dispute, data: Any = None, step: str = "") -> dict[str, BaseForm]:
    """The forms of the steps open at the dispute's stage (the posted one bound), each
    with its step as prefix: one page holds them all, so their field ids stay unique."""

    def bound(name: str) -> Any:
        return data if name == step else None

    found: dict[str, BaseForm] = {}
    pending = dispute.is_pending
    if pending:
        found["registrasi"] = forms.RegisterForm(
            bound("registrasi"),
            prefix="registrasi",
            initial={
                "registration_number": dispute.registration_number,
                "registered_on": dispute.registered_on,
            },
        )
        move = forms.MoveForm(bound("tahap"), prefix="tahap", dispute=dispute)
        if move.fields["stage"].choices:  # type: ignore[attr-defined]
            found["tahap"] = move
        found["sidang"] = forms.HearingForm(bound("sidang"), prefix="sidang")
        if dispute.hearings.exists():
            found["hasil-sidang"] = forms.HearingResultForm(
                bound("hasil-sidang"), prefix="hasil-sidang", dispute=dispute
            )
        if dispute.can_move_to(Stage.MEDIATION):
            found["mediasi"] = forms.MediationForm(bound("mediasi"), prefix="mediasi")
        if dispute.stage == Stage.MEDIATION and not dispute.mediation_extended:
            found["perpanjang-mediasi"] = forms.ExtendMediationForm(
                bound("perpanjang-mediasi"), prefix="perpanjang-mediasi"
            )
        if dispute.can_move_to(Stage.DECIDED):
            found["putusan"] = forms.DecisionForm(
                bound("putusan"), prefix="putusan", dispute=dispute
            )
        found["cabut"] = forms.NoteForm(bound("cabut"), prefix="cabut")
    if dispute.stage == Stage.DECIDED:
        if not dispute.court_challenge:
            found["gugatan"] = forms.CourtForm(bound("gugatan"), prefix="gugatan")
        found["pemberian"] = forms.ReleaseForm(bound("pemberian"), prefix="pemberian")
        found["selesai"] = forms.NoteForm(bound("selesai"), prefix="selesai")
    if dispute.stage == Stage.CLOSED:
        found["pemberian"] = forms.ReleaseForm(bound("pemberian"), prefix="pemberian")
    return found


def _run_step(
    step: str, dispute: Dispute, form: BaseForm, user: Any
) -> Callable[[dict[str, Any]], Any]:
    def run(data: dict[str, Any]) -> Any:
        if step == "registrasi":
            return actions.register(
                actor=user,
                dispute=dispute,
                registration_number=data["registration_number"],
                registered_on=data["registered_on"],
            )
        if step == "tahap":
            return actions.move_stage(
                actor=user, dispute=dispute, stage=data["stage"], note=data["note"]
            )
        if step == "sidang":
            return actions.schedule_hearing(
                actor=user, dispute=dispute, at=data["at"], kind=data["kind"], place=data["place"]
            )
        if step == "hasil-sidang":
            assert isinstance(form, forms.HearingResultForm)
            return actions.record_hearing_result(
                actor=user, hearing=form.hearings[data["hearing"]], result=data["result"]
            )
        if step == "mediasi":
            return actions.start_mediation(
                actor=user, dispute=dispute, first_session_on=data["first_session_on"]
            )
        if step == "perpanjang-mediasi":
            return actions.extend_mediation(actor=user, dispute=dispute, reason=data["reason"])
        if step == "putusan":
            return actions.record_decision(
                actor=user,
                dispute=dispute,
                decided_on=data["decided_on"],
                outcome=data["outcome"],
                orders=data["orders"],
                orders_release=data["orders_release"],
                received_on=data["received_on"],
            )
        if step == "gugatan":
            return actions.record_court_challenge(
                actor=user,
                dispute=dispute,
                challenged=data["challenged"] == forms.CourtForm.YES,
                on=data.get("on"),
                note=data["note"],
            )
        if step == "pemberian":
            return actions.record_release(
                actor=user,
                dispute=dispute,
                released_on=data["released_on"],
                description=data["description"],
            )
        if step == "cabut":
            return actions.withdraw(actor=user, dispute=dispute, note=data["note"])
        return actions.close(actor=user, dispute=dispute, note=data["note"])

    return run


STEP_DONE: dict[str, Any] = {
    "registrasi": gettext_lazy("Registrasi sengketa dicatat."),
    "tahap": gettext_lazy("Tahap sengketa diubah."),
    "sidang": gettext_lazy("Sidang dijadwalkan."),
    "hasil-sidang": gettext_lazy("Hasil sidang dicatat."),
    "mediasi": gettext_lazy("Mediasi dimulai."),
    "perpanjang-mediasi": gettext_lazy("Mediasi diperpanjang."),
    "putusan": gettext_lazy("Putusan dicatat."),
    "gugatan": gettext_lazy("Gugatan dicatat."),
    "pemberian": gettext_lazy("Pemberian informasi dicatat."),
    "cabut": gettext_lazy("Sengketa dicatat sebagai dicabut."),
    "selesai": gettext_lazy("Sengketa dicatat selesai."),
}
STEPS = tuple(STEP_DONE)


def _context(
    request: HttpRequest, dispute: Dispute, step_forms: dict[str, BaseForm]
) -> dict[str, Any]:
    user = current_user(request)
    keeper = access.can_keep(user, dispute)
    return {
        "dispute": dispute,
        "objection": dispute.objection,
        "info_request": dispute.info_request,
        "hearings": list(dispute.hearings.all()),
        "releases": list(dispute.releases.all()),
        "events": list(dispute.events.select_related("actor")),
        "clock": clocks.current_clock(dispute),
        "limit_state": clocks.limit_state(dispute),
        "keeper": keeper,
        "step_forms": step_forms if keeper else {},
    }


@login_required
@never_cache
def detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    dispute = _dispute(request, public_id)
    return render(request, "disputes/detail.html", _context(request, dispute, _forms(dispute)))


@login_required
@require_POST
def step(request: HttpRequest, public_id: Any, step: str) -> HttpResponse:
    """One step of the dispute (registration, a hearing, the decision …)."""
    dispute = _dispute(request, public_id)
    user = current_user(request)
    if step not in STEPS:
        raise Http404
    if not access.can_keep(user, dispute):
        raise PermissionDenied
    step_forms = _forms(dispute, request.POST, step)
    form = step_forms.get(step)
    if form is None:
        # Not a step of this stage (e.g. a decision on a withdrawn dispute).
        messages.error(
            request,
            _("Langkah ini tidak tersedia pada tahap %(stage)s.")
            % {"stage": dispute.get_stage_display().lower()},
        )
        response = render(
            request, "disputes/detail.html", _context(request, dispute, _forms(dispute))
        )
        response.status_code = 400
        return response
    return run_action(
        request,
        form,
        _run_step(step, dispute, form, user),
        done=STEP_DONE[step],
        then=reverse("disputes:detail", kwargs={"public_id": dispute.public_id}),
        again=lambda: render(
            request, "disputes/detail.html", _context(request, dispute, step_forms)
        ),
    )
