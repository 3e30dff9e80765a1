"""The privacy pages.

- /privasi/saya/: the requester's own data: download everything (ZIP), correct the
  profile, exercise the other rights (UU 27/2022 Pasal 5–13).
- /privasi/dpo/: the data-protection officer's desk: data-subject requests with their
  3×24-hour clock and the breach register (Pasal 30–32, 46).
- /privasi/akses/: who viewed a requester's personal data (Pasal 31).

Objects are addressed by random UUIDs; someone who may not see one gets 404, so an id
tells him nothing. The requester page takes the account id, but only behind the officer
check.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from terbuka.accounts.models import User
from terbuka.actionviews import run_action
from terbuka.audit.log import record
from terbuka.bodies.models import Body
from terbuka.privacy import access, access_log, actions, export
from terbuka.privacy.forms import (
    BreachForm,
    DecisionForm,
    DoneForm,
    RefuseForm,
    SubjectRequestForm,
)
from terbuka.privacy.models import (
    CLOSED_SUBJECT_STATUSES,
    Breach,
    DataSubjectRequest,
    SubjectRequestKind,
)
from terbuka.requests.models import InfoRequest
from terbuka.security.ratelimit import rate_limited


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


# --- the requester ------------------------------------------------------------------------


def _mine_context(user: User, form: SubjectRequestForm | None = None) -> dict[str, Any]:
    return {
        "form": form or SubjectRequestForm(),
        "subject_requests": DataSubjectRequest.objects.filter(requester=user)
        .select_related("body")
        .order_by("-received_at", "-id"),
        "routing_bodies": actions.routing_bodies(user),
        "now": timezone.now(),
    }


@login_required
@never_cache
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/mine.html", _mine_context(_user(request)))


@login_required
@require_POST
@rate_limited("privacy-export", limit=20, per_seconds=3600)
def export_data(request: HttpRequest) -> HttpResponse:
    """All data held about the requester, as a ZIP (UU 27/2022 Pasal 7, 13)."""
    user = _user(request)
    content, counts = export.build(user)
    record(actor=user, action="privacy.exported", obj=user, detail=counts, request=request)
    response = HttpResponse(content, content_type="application/zip")
    filename = f"data-saya-{timezone.localdate():%Y%m%d}.zip"
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@rate_limited("privacy-subject-request", limit=10, per_seconds=24 * 3600)
def new_subject_request(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = SubjectRequestForm(request.POST)
    return run_action(
        request,
        form,
        lambda data: actions.submit_subject_request(
            actor=user,
            kind=data["kind"],
            details=data["details"],
            close_account=data["close_account"],
        ),
        done=_(
            "Permintaan Anda diterima dan diteruskan ke pejabat pelindungan data"
            " pribadi. Jawaban paling lambat 3×24 jam."
        ),
        then="privacy:mine",
        again=lambda: render(request, "privacy/mine.html", _mine_context(user, form)),
    )


# --- the data-protection officer ----------------------------------------------------------


def _require_dpo(request: HttpRequest) -> User:
    user = _user(request)
    if not access.is_dpo(user):
        raise PermissionDenied(_("Halaman ini hanya untuk pejabat pelindungan data pribadi."))
    return user


def _subject_request(request: HttpRequest, public_id: Any) -> DataSubjectRequest:
    user = _user(request)
    subject_request = get_object_or_404(
        DataSubjectRequest.objects.select_related("requester", "body", "handled_by"),
        public_id=public_id,
    )
    if not access.is_dpo_of(user, subject_request.body_id):
        raise Http404
    return subject_request


@login_required
@never_cache
def dpo_inbox(request: HttpRequest) -> HttpResponse:
    user = _require_dpo(request)
    body_ids = access.dpo_body_ids(user)
    subject_requests: QuerySet[DataSubjectRequest] = (
        DataSubjectRequest.objects.filter(body_id__in=body_ids)
        .select_related("requester", "body")
        .annotate(
            closed=Case(
                When(status__in=CLOSED_SUBJECT_STATUSES, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("closed", "due_at", "id")
    )
    return render(
        request,
        "privacy/dpo_inbox.html",
        {
            "subject_requests": subject_requests[:200],
            "breaches": Breach.objects.filter(body_id__in=body_ids)
            .awaiting_notification()
            .select_related("body"),
            "now": timezone.now(),
        },
    )


def _detail(
    request: HttpRequest,
    subject_request: DataSubjectRequest,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    cases = (
        InfoRequest.objects.filter(
            requester=subject_request.requester, ppid_body=subject_request.body
        )
        .select_related("body")
        .order_by("-received_at")
    )
    # The page shows the data subject's name and e-mail and his cases (UU 27/2022 Pasal 31).
    access_log.record_personal_data_view(
        request=request, actor=user, obj=subject_request.requester, what="data_subject_request"
    )
    context = {
        "subject_request": subject_request,
        "cases": cases,
        "is_erasure": subject_request.kind == SubjectRequestKind.ERASURE,
        "erase_form": DecisionForm(),
        "refuse_form": RefuseForm(),
        "done_form": DoneForm(),
        "now": timezone.now(),
        **(forms or {}),
    }
    return render(request, "privacy/dpo_request.html", context, status=status)


@login_required
@never_cache
def dpo_request(request: HttpRequest, public_id: Any) -> HttpResponse:
    return _detail(request, _subject_request(request, public_id))


def _decide(
    request: HttpRequest, public_id: Any, *, key: str, form: Any, run: Any, success: str
) -> HttpResponse:
    """Run a decision from the DPO's page (``terbuka.actionviews``)."""
    subject_request = _subject_request(request, public_id)

    def again() -> HttpResponse:
        subject_request.refresh_from_db()
        return _detail(request, subject_request, {key: form})

    return run_action(
        request,
        form,
        lambda data: run(subject_request, data),
        done=success,
        then=reverse("privacy:dpo_request", kwargs={"public_id": subject_request.public_id}),
        again=again,
    )


@login_required
@require_POST
def dpo_take_up(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = _user(request)
    return _decide(
        request,
        public_id,
        key="take_form",
        form=DecisionForm(request.POST),
        run=lambda item, data: actions.take_up(actor=user, subject_request=item),
        success=_("Permintaan ditandai sedang diproses."),
    )


@login_required
@require_POST
def dpo_erase(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = _user(request)
    return _decide(
        request,
        public_id,
        key="erase_form",
        form=DecisionForm(request.POST),
        run=lambda item, data: actions.erase(actor=user, subject_request=item, note=data["note"]),
        success=_("Data pribadi dihapus sesuai pengecualian hukum; pemohon diberi tahu."),
    )


@login_required
@require_POST
def dpo_refuse(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = _user(request)
    return _decide(
        request,
        public_id,
        key="refuse_form",
        form=RefuseForm(request.POST),
        run=lambda item, data: actions.refuse(
            actor=user, subject_request=item, reasons=data["reasons"]
        ),
        success=_("Permintaan ditolak; pemohon diberi tahu alasannya."),
    )


@login_required
@require_POST
def dpo_done(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = _user(request)
    return _decide(
        request,
        public_id,
        key="done_form",
        form=DoneForm(request.POST),
        run=lambda item, data: actions.mark_done(
            actor=user, subject_request=item, note=data["note"]
        ),
        success=_("Permintaan selesai; pemohon diberi tahu."),
    )


# --- the breach register ------------------------------------------------------------------


def _breach(request: HttpRequest, public_id: Any) -> Breach:
    breach = get_object_or_404(
        Breach.objects.select_related("body", "recorded_by"), public_id=public_id
    )
    if not access.is_dpo_of(_user(request), breach.body_id):
        raise Http404
    return breach


@login_required
@never_cache
def breach_list(request: HttpRequest) -> HttpResponse:
    user = _require_dpo(request)
    breaches = Breach.objects.filter(body_id__in=access.dpo_body_ids(user)).select_related("body")
    return render(
        request, "privacy/breach_list.html", {"breaches": breaches, "now": timezone.now()}
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def breach_new(request: HttpRequest) -> HttpResponse:
    user = _require_dpo(request)
    bodies = Body.objects.filter(pk__in=access.dpo_body_ids(user)).order_by("name")
    form = BreachForm(request.POST or None, bodies=bodies)
    if request.method != "POST":
        return render(request, "privacy/breach_form.html", {"form": form})

    def record_breach(data: dict[str, Any]) -> Breach:
        fields = dict(data)
        body = fields.pop("body")
        discovered_at = fields.pop("discovered_at")
        return actions.record_breach(actor=user, body=body, discovered_at=discovered_at, **fields)

    return run_action(
        request,
        form,
        record_breach,
        done=_("Insiden dicatat. Pemberitahuan tertulis wajib dikirim dalam 3×24 jam."),
        then=lambda breach: reverse(
            "privacy:breach_detail", kwargs={"public_id": breach.public_id}
        ),
        again=lambda: render(request, "privacy/breach_form.html", {"form": form}),
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def breach_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    breach = _breach(request, public_id)
    user = _user(request)
    form = BreachForm(request.POST or None, instance=breach)

    def page() -> HttpResponse:
        context = {"breach": breach, "form": form, "now": timezone.now()}
        return render(request, "privacy/breach_detail.html", context)

    if request.method != "POST":
        return page()

    def again() -> HttpResponse:
        # Validating the bound form wrote the typed values onto ``breach``: show what is
        # stored beside the form, which keeps what was typed.
        breach.refresh_from_db()
        return page()

    return run_action(
        request,
        form,
        lambda data: actions.update_breach(actor=user, breach=breach, **data),
        done=_("Catatan insiden diperbarui."),
        then=reverse("privacy:breach_detail", kwargs={"public_id": breach.public_id}),
        again=again,
    )


# --- who viewed personal data -------------------------------------------------------------


@login_required
@never_cache
def access_of_request(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = get_object_or_404(
        InfoRequest.objects.select_related("body", "ppid_body"), public_id=public_id
    )
    if not access.can_see_access_log_of_request(_user(request), info_request):
        raise Http404
    return render(
        request,
        "privacy/access_log.html",
        {
            "info_request": info_request,
            "records": access_log.views_of_request(info_request)[:500],
            "back_url": reverse(
                "requests:officer_detail", kwargs={"public_id": info_request.public_id}
            ),
        },
    )


@login_required
@never_cache
def access_of_requester(request: HttpRequest, user_id: int) -> HttpResponse:
    requester = get_object_or_404(User, pk=user_id)
    if not access.can_see_access_log_of_requester(_user(request), requester):
        raise Http404
    return render(
        request,
        "privacy/access_log.html",
        {"requester": requester, "records": access_log.views_of_requester(requester)[:500]},
    )
