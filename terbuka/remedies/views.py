"""Objection pages: the requester's form and page, the Atasan PPID's and the PPID's
workspace. Views check access, validate forms and run actions with
``terbuka.actionviews``; the rules live in ``actions``, ``access`` and ``clocks``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from terbuka import tabular
from terbuka.actionviews import run_action, run_button, safe_next
from terbuka.audit.personal_data import record_identity_document_download
from terbuka.bodies.models import Body
from terbuka.catalog.models import Category, Entry
from terbuka.letters.signing import SigningError
from terbuka.remedies import access, actions, clocks, dossier, letters
from terbuka.remedies import register as objection_register
from terbuka.remedies.forms import (
    BerkalaObjectionForm,
    DecisionForm,
    InstructionDoneForm,
    ObjectionForm,
    RegisterBerkalaObjectionForm,
    RegisterFilterForm,
    RegisterObjectionForm,
    ResponseForm,
)
from terbuka.remedies.models import INTERNAL_EVENT_KINDS, Objection, ObjectionQuerySet, Status
from terbuka.requests import deadlines, files
from terbuka.requests.actions import Identity
from terbuka.requests.models import PERSONAL_FILE_KINDS, InfoRequest, Notice, RequestFile
from terbuka.requests.views.common import current_user
from terbuka.security.ratelimit import rate_limited
from terbuka.uploads import download_response
from terbuka.workdays import state as workdays_state


def _objection(public_id: Any) -> Objection:
    objection = (
        Objection.objects.select_related(
            "info_request__body", "info_request__ppid_body", "body", "ppid_body", "catalog_entry"
        )
        .filter(public_id=public_id)
        .first()
    )
    if objection is None:
        raise Http404
    return objection


def _own_request(request: HttpRequest, public_id: Any) -> InfoRequest:
    info_request = (
        InfoRequest.objects.select_related("body", "ppid_body")
        .filter(public_id=public_id, requester=current_user(request))
        .first()
    )
    if info_request is None:
        raise Http404
    return info_request


def _sent_notice(info_request: InfoRequest) -> Notice | None:
    notice = Notice.objects.filter(info_request=info_request).first()
    return notice if notice is not None and notice.is_sent else None


def _received(
    request: HttpRequest,
    form: Any,
    run: Any,
    *,
    officer: bool,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Run a filing or registering action from its form: the number in the message, then
    the objector's page (online) or the officers' page (desk), or the form again."""
    if officer:
        done = _("Keberatan didaftarkan dengan nomor %(number)s.")
        page = "remedies:officer_detail"
    else:
        done = _("Keberatan Anda diterima dengan nomor %(number)s.")
        page = "remedies:detail"
    return run_action(
        request,
        form,
        run,
        done=lambda objection: done % {"number": objection.number},
        then=lambda objection: reverse(page, kwargs={"public_id": objection.public_id}),
        again=lambda: render(request, template, {**context, "form": form}),
    )


# --- The requester ----------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("objection-form", limit=20, per_seconds=3600)
def new(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The objection form for one of the requester's requests, prefilled with the request
    and offering the grounds that arose (Pasal 35(1)), with their 30-day windows."""
    info_request = _own_request(request, public_id)
    user = current_user(request)
    grounds = clocks.arisen_grounds(info_request)
    context = {
        "info_request": info_request,
        "grounds": grounds,
        "open_grounds": [ground for ground in grounds if not ground.taken],
        "no_ground": clocks.no_ground_reason(info_request),
    }
    if request.method != "POST":
        form = ObjectionForm(grounds=grounds, initial={"purpose": info_request.purpose})
        return render(request, "remedies/new.html", {**context, "form": form})
    form = ObjectionForm(request.POST, request.FILES, grounds=grounds)

    def run(data: dict[str, Any]) -> Objection:
        return actions.file_objection(
            actor=user,
            info_request=info_request,
            content=form.content(),
            idempotency_key=f"objection:{user.pk}:{data['token']}",
        )

    return _received(
        request, form, run, officer=False, template="remedies/new.html", context=context
    )


def _berkala_subject(request: HttpRequest, slug: str) -> tuple[Body, Entry | None]:
    """The body objected to (active, served by a PPID) and, with ``?entri=``, one of its
    published berkala DIP entries."""
    body = Body.objects.filter(slug=slug, is_active=True).first()
    if body is None or body.ppid_body is None:
        raise Http404
    entry = None
    entry_id = request.GET.get("entri") or request.POST.get("entri")
    if entry_id:
        try:
            entry = (
                Entry.objects.published()
                .filter(public_id=entry_id, body=body, category=Category.BERKALA)
                .first()
            )
        except ValidationError:
            entry = None
        if entry is None:
            raise Http404
    return body, entry


def _berkala_context(body: Body, entry: Entry | None, **extra: Any) -> dict[str, Any]:
    ppid_body = body.ppid_body
    assert ppid_body is not None
    return {
        "body": body,
        "ppid_body": ppid_body,
        "entry": entry,
        "missing_since": clocks.missing_since(entry),
        "grounds": [clocks.berkala_ground(ppid_body)],
        **extra,
    }


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("objection-form", limit=20, per_seconds=3600)
def new_berkala(request: HttpRequest, slug: str) -> HttpResponse:
    """An objection without a request: berkala information the body does not provide
    (Pasal 35(1)b), from the body's page or one of its berkala DIP entries."""
    body, entry = _berkala_subject(request, slug)
    user = current_user(request)
    context = _berkala_context(body, entry)
    if request.method != "POST":
        initial = {"information": entry.title} if entry is not None else {}
        form = BerkalaObjectionForm(initial=initial)
        return render(request, "remedies/new_berkala.html", {**context, "form": form})
    form = BerkalaObjectionForm(request.POST, request.FILES)

    def run(data: dict[str, Any]) -> Objection:
        return actions.file_berkala_objection(
            actor=user,
            subject=actions.BerkalaSubject(
                body=body, information=data["information"], catalog_entry=entry
            ),
            content=form.content(),
            idempotency_key=f"objection:{user.pk}:{data['token']}",
        )

    return _received(
        request, form, run, officer=False, template="remedies/new_berkala.html", context=context
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_berkala(request: HttpRequest, slug: str) -> HttpResponse:
    """A ground-b objection without a request received at the desk, by letter or e-mail,
    registered by a handler of the body's PPID with the identity the objector gave."""
    body, entry = _berkala_subject(request, slug)
    user = current_user(request)
    ppid_body = body.ppid_body
    if ppid_body is None or not access.can_register_for_body(user, ppid_body):
        raise PermissionDenied
    context = _berkala_context(body, entry, registering=True)
    if request.method != "POST":
        initial = {"information": entry.title} if entry is not None else {}
        form = RegisterBerkalaObjectionForm(initial=initial)
        return render(request, "remedies/new_berkala.html", {**context, "form": form})
    form = RegisterBerkalaObjectionForm(request.POST, request.FILES)

    def run(data: dict[str, Any]) -> Objection:
        return actions.register_berkala_objection(
            actor=user,
            subject=actions.BerkalaSubject(
                body=body, information=data["information"], catalog_entry=entry
            ),
            content=form.content(),
            identity=Identity(**form.identity_kwargs()),
            channel=data["channel"],
            received_at=data["received_at"],
            idempotency_key=f"objection-desk:{user.pk}:{data['token']}",
        )

    return _received(
        request, form, run, officer=True, template="remedies/new_berkala.html", context=context
    )


def _requester_context(objection: Objection, **forms: Any) -> dict[str, Any]:
    return {
        "objection": objection,
        "info_request": objection.info_request,
        "events": list(
            objection.events.exclude(kind__in=INTERNAL_EVENT_KINDS).select_related("actor")
        ),
        "deadline_state": clocks.state(objection),
        "dispute_window": clocks.dispute_window(objection),
        "dispute_commission": dossier.competent_commission(objection),
        "response_form": forms.get("response_form") or ResponseForm(),
        # Without a request, the files he sent with the objection itself.
        "own_files": [] if objection.info_request_id else _objection_files(objection),
    }


@login_required
@never_cache
def detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    objection = _objection(public_id)
    user = current_user(request)
    if not access.is_objector(user, objection):
        if access.can_see_as_officer(user, objection):
            return redirect("remedies:officer_detail", public_id=objection.public_id)
        raise Http404
    return render(request, "remedies/detail.html", _requester_context(objection))


@login_required
@require_POST
def respond(request: HttpRequest, public_id: Any) -> HttpResponse:
    objection = _objection(public_id)
    user = current_user(request)
    if not access.is_objector(user, objection):
        raise Http404
    form = ResponseForm(request.POST)
    return run_action(
        request,
        form,
        lambda data: actions.record_response(
            actor=user, objection=objection, response=data["response"]
        ),
        done=_("Tanggapan Anda dicatat."),
        then=reverse("remedies:detail", kwargs={"public_id": objection.public_id}),
        again=lambda: render(
            request, "remedies/detail.html", _requester_context(objection, response_form=form)
        ),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, public_id: Any) -> HttpResponse:
    objection = _objection(public_id)
    user = current_user(request)
    if not access.is_objector(user, objection):
        raise Http404
    return run_button(
        request,
        lambda: actions.withdraw_objection(actor=user, objection=objection),
        done=_("Keberatan dicabut."),
        then=reverse("remedies:detail", kwargs={"public_id": objection.public_id}),
    )


# --- Officers: the Atasan PPID and the PPID -------------------------------------------------

INBOX_FILTERS = ("undecided", "overdue", "granted", "decided", "all")


@login_required
@never_cache
def inbox(request: HttpRequest) -> HttpResponse:
    """The objections of the bodies the officer decides or handles, with the Atasan's
    30-working-day clock from the one deadline function."""
    user = current_user(request)
    if not access.is_objection_officer(user):
        raise PermissionDenied
    objections = access.officer_objections(user)
    which = request.GET.get("tampil", "undecided")
    if which not in INBOX_FILTERS:
        which = "undecided"
    listed = objections.select_related("info_request__body", "body", "ppid_body").order_by(
        "answer_due", "received_at"
    )
    if which in ("undecided", "overdue"):
        listed = listed.filter(status=Status.RECEIVED)
    elif which == "granted":
        listed = listed.filter(status=Status.GRANTED)
    elif which == "decided":
        listed = listed.filter(status__in=[Status.UPHELD, Status.GRANTED, Status.INSTRUCTION_DONE])
    calendars = workdays_state.Calendars()
    rows = []
    for objection in listed:
        state = clocks.state(objection, calendar=calendars.of(objection.ppid_body))
        if which == "overdue" and not (state and state.is_overdue):
            continue
        rows.append((objection, state, clocks.instruction_state(objection)))
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "remedies/inbox.html",
        {"page": page, "which": which, "filters": INBOX_FILTERS, "query": f"tampil={which}"},
    )


def _officer_objection(request: HttpRequest, public_id: Any) -> Objection:
    objection = _objection(public_id)
    if not access.can_see_as_officer(current_user(request), objection):
        if request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return objection


def _objection_files(objection: Objection) -> list[RequestFile]:
    """The files read from an objection's pages: its request's, or (without a request)
    those sent with the objection itself."""
    if objection.info_request_id is not None:
        found = RequestFile.objects.filter(info_request_id=objection.info_request_id)
    else:
        found = RequestFile.objects.filter(objection_link__objection=objection)
    return list(found.order_by("created_at", "pk"))


def _officer_context(request: HttpRequest, objection: Objection, **forms: Any) -> dict[str, Any]:
    user = current_user(request)
    info_request = objection.info_request
    return {
        "objection": objection,
        "info_request": info_request,
        "notice": _sent_notice(info_request) if info_request else None,
        "request_events": list(info_request.events.public().order_by("at", "pk"))
        if info_request
        else [],
        "events": list(objection.events.select_related("actor")),
        "request_files": [
            item
            for item in _objection_files(objection)
            if access.can_download(user, objection, item)
        ],
        "deadline_state": clocks.state(objection),
        "instruction_state": clocks.instruction_state(objection),
        "request_deadline": deadlines.state(info_request) if info_request else None,
        "can_decide": access.can_decide(user, objection) and objection.is_undecided,
        "can_carry_out": access.can_carry_out(user, objection)
        and objection.status == Status.GRANTED,
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "instruction_form": forms.get("instruction_form") or InstructionDoneForm(),
    }


@login_required
@never_cache
def officer_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    objection = _officer_objection(request, public_id)
    return render(request, "remedies/officer_detail.html", _officer_context(request, objection))


@login_required
@require_POST
def decide(request: HttpRequest, public_id: Any) -> HttpResponse:
    objection = _officer_objection(request, public_id)
    user = current_user(request)
    if not access.can_decide(user, objection):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    return run_action(
        request,
        form,
        lambda data: actions.decide(
            actor=user,
            objection=objection,
            upheld=data["decision"] == DecisionForm.UPHOLD,
            reasons=data["reasons"],
            instruction=data.get("instruction") or "",
            instruction_days=data.get("instruction_days"),
        ),
        done=_("Tanggapan Atasan PPID dikirim kepada pemohon."),
        then=reverse("remedies:officer_detail", kwargs={"public_id": objection.public_id}),
        again=lambda: render(
            request,
            "remedies/officer_detail.html",
            _officer_context(request, objection, decision_form=form),
        ),
    )


@login_required
@require_POST
def instruction_done(request: HttpRequest, public_id: Any) -> HttpResponse:
    objection = _officer_objection(request, public_id)
    user = current_user(request)
    if not access.can_carry_out(user, objection):
        raise PermissionDenied
    form = InstructionDoneForm(request.POST, request.FILES)
    return run_action(
        request,
        form,
        lambda data: actions.report_instruction_done(
            actor=user,
            objection=objection,
            report=data["report"],
            released=data.get("released") or [],
        ),
        done=_("Pelaksanaan perintah dicatat dan diberitahukan kepada pemohon."),
        then=reverse("remedies:officer_detail", kwargs={"public_id": objection.public_id}),
        again=lambda: render(
            request,
            "remedies/officer_detail.html",
            _officer_context(request, objection, instruction_form=form),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, public_id: Any) -> HttpResponse:
    """A desk, letter or e-mail objection on a request of the officer's PPID body."""
    info_request = (
        InfoRequest.objects.select_related("body", "ppid_body").filter(public_id=public_id).first()
    )
    if info_request is None:
        raise Http404
    user = current_user(request)
    if not access.can_register(user, info_request):
        raise PermissionDenied
    grounds = clocks.arisen_grounds(info_request)
    context = {
        "info_request": info_request,
        "grounds": grounds,
        "open_grounds": [ground for ground in grounds if not ground.taken],
        "no_ground": clocks.no_ground_reason(info_request),
        "registering": True,
    }
    if request.method != "POST":
        form = RegisterObjectionForm(grounds=grounds, initial={"purpose": info_request.purpose})
        return render(request, "remedies/new.html", {**context, "form": form})
    form = RegisterObjectionForm(request.POST, request.FILES, grounds=grounds)

    def run(data: dict[str, Any]) -> Objection:
        return actions.register_objection(
            actor=user,
            info_request=info_request,
            content=form.content(),
            channel=data["channel"],
            received_at=data["received_at"],
            idempotency_key=f"objection-desk:{user.pk}:{data['token']}",
        )

    return _received(
        request, form, run, officer=True, template="remedies/new.html", context=context
    )


@login_required
def download(request: HttpRequest, public_id: Any, file_public_id: Any) -> HttpResponseBase:
    """A file of the objected request, for whoever may read it from the objection."""
    objection = _objection(public_id)
    request_file = RequestFile.objects.filter(public_id=file_public_id).first()
    user = current_user(request)
    if request_file is None or not access.can_download(user, objection, request_file):
        raise Http404
    if request_file.kind in PERSONAL_FILE_KINDS and not access.is_objector(user, objection):
        record_identity_document_download(request=request, actor=user, request_file=request_file)
    return download_response(
        storage_name=request_file.file.name,
        content_type=request_file.content_type,
        filename=files.download_filename(request_file),
        data=files.open_file(request_file) if request_file.is_encrypted else None,
    )


# --- The objection register ---------------------------------------------------------------

REGISTER_FILTERS = ("badan", "dari", "sampai")


def _register_form(request: HttpRequest) -> RegisterFilterForm:
    """The filters over the registers this officer may see; anyone else gets 403."""
    user = current_user(request)
    body_ids = access.register_body_ids(user)
    if not body_ids:
        raise PermissionDenied
    slug = request.GET.get("badan")
    if slug:
        # Another body's register is refused outright, not offered as a form error.
        body = Body.objects.filter(slug=slug).first()
        if body is None or not access.can_see_register(user, body):
            raise PermissionDenied
    return RegisterFilterForm(request.GET, body_ids=body_ids)


def _registered(request: HttpRequest, form: RegisterFilterForm) -> ObjectionQuerySet:
    data = form.cleaned_data
    return objection_register.filtered(
        access.register_objections(current_user(request)),
        bodies=form.bodies(),
        received_from=data.get("dari"),
        received_to=data.get("sampai"),
    )


def _register_page(
    request: HttpRequest, form: RegisterFilterForm, *, status: int = 200
) -> HttpResponse:
    query = form.query(REGISTER_FILTERS)
    page, rows = None, []
    if form.is_valid():
        page = Paginator(_registered(request, form), 50).get_page(request.GET.get("halaman"))
        objections = list(page.object_list)
        rows = list(zip(objections, objection_register.rows(objections), strict=True))
    return render(
        request,
        "remedies/register.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "columns": objection_register.headers(),
            "formats": objection_register.FORMATS,
            "query": query,
        },
        status=status,
    )


@login_required
@never_cache
def register_list(request: HttpRequest) -> HttpResponse:
    """The objection register of the officer's PPID bodies, 50 objections a page."""
    return _register_page(request, _register_form(request))


@login_required
@never_cache
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The register as CSV, XLSX or PDF, with the page's filters. It carries identities,
    so every export is audited (the format and the number of rows, never a name)."""
    if fmt not in objection_register.FORMATS:
        raise Http404
    form = _register_form(request)
    if not form.is_valid():
        return _register_page(request, form, status=400)
    return tabular.export_register(
        request,
        register=objection_register,
        items=_registered(request, form),
        fmt=fmt,
        body=form.cleaned_data.get("badan"),
        actor=current_user(request),
        action="objection.register_export",
        too_many=_(
            "PDF memuat paling banyak %(max)s keberatan: persempit periodenya atau unduh XLSX."
        ),
        refused=lambda: _register_page(request, form, status=400),
        start=form.cleaned_data["dari"],
        end=form.cleaned_data["sampai"],
    )


# --- The letters (PDF, rendered on request) -------------------------------------------------


def _letter_objection(request: HttpRequest, public_id: Any) -> Objection:
    """The objector and the officers who see the objection; 404 for everyone else."""
    objection = _objection(public_id)
    user = current_user(request)
    if not (access.is_objector(user, objection) or access.can_see_as_officer(user, objection)):
        raise Http404
    return objection


def _letter_response(
    request: HttpRequest, objection: Objection, filename: str, make: Callable[[], bytes]
) -> HttpResponseBase:
    """The letter as issued; when the body's key cannot sign it, no unsigned letter but
    the reason, back on the page the user came from."""
    try:
        data = make()
    except SigningError as error:
        messages.error(
            request,
            _("Surat belum dapat diterbitkan: %(reason)s Hubungi administrator.")
            % {"reason": error},
        )
        back = safe_next(request, request.headers.get("referer"))
        return redirect(back or objection.get_absolute_url())
    return download_response(
        storage_name="", content_type="application/pdf", filename=filename, data=data
    )


@login_required
def receipt_pdf(request: HttpRequest, public_id: Any) -> HttpResponseBase:
    """The copy of the objection form given as its receipt (tanda terima)."""
    objection = _letter_objection(request, public_id)
    return _letter_response(
        request,
        objection,
        letters.receipt_filename(objection),
        lambda: letters.render_receipt(objection),
    )


@login_required
def answer_pdf(request: HttpRequest, public_id: Any) -> HttpResponseBase:
    """The Atasan PPID's written answer; 404 while the objection is undecided."""
    objection = _letter_objection(request, public_id)
    if not objection.is_decided:
        raise Http404
    return _letter_response(
        request,
        objection,
        letters.answer_filename(objection),
        lambda: letters.render_answer(objection),
    )


# --- The dispute dossier (the requester's petition to the Komisi Informasi) ---------------


def _dossier_objection(request: HttpRequest, public_id: Any) -> Objection:
    """Only the objector, and only once the dispute window is open: everyone else 404
    (officers too: it is the requester's own petition, with his contact data)."""
    objection = _objection(public_id)
    if not access.is_objector(current_user(request), objection):
        raise Http404
    if clocks.dispute_window(objection) is None:
        raise Http404
    return objection


@login_required
@never_cache
def dossier_pdf(request: HttpRequest, public_id: Any) -> HttpResponseBase:
    objection = _dossier_objection(request, public_id)
    return download_response(
        storage_name="",
        content_type="application/pdf",
        filename=dossier.dossier_filename(objection, "pdf"),
        data=dossier.render_pdf(objection),
    )


@login_required
@never_cache
def dossier_zip(request: HttpRequest, public_id: Any) -> HttpResponseBase:
    objection = _dossier_objection(request, public_id)
    return download_response(
        storage_name="",
        content_type="application/zip",
        filename=dossier.dossier_filename(objection, "zip"),
        data=dossier.render_zip(objection),
    )
