"""The requester's pages: the request form, the receipt, "my requests" and the detail."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from terbuka import tabular
from terbuka.accounts.models import RequesterProfile
from terbuka.actionviews import run_action
from terbuka.requests import access, actions, deadlines, queries
from terbuka.requests.forms import (
    DRAFT_FIELDS,
    CompleteIdentityForm,
    MessageForm,
    RequestForm,
    WithdrawForm,
    active_bodies,
    body_label,
)
from terbuka.requests.models import (
    EventKind,
    FileKind,
    InfoRequest,
    Notice,
    RequestFile,
    Status,
)
from terbuka.requests.views.common import current_user
from terbuka.security.ratelimit import rate_limited

# What a visitor typed before logging in; text only (files cannot live in a session).
DRAFT_SESSION_KEY = "terbuka_request_draft"
MESSAGE_KINDS = (EventKind.MESSAGE_TO_REQUESTER, EventKind.MESSAGE_FROM_REQUESTER)


def _profile(user: Any) -> RequesterProfile | None:
    if not user.is_authenticated:
        return None
    return RequesterProfile.objects.filter(user=user).select_related("user").first()


def _new_context(request: HttpRequest, form: RequestForm) -> dict[str, Any]:
    profile = _profile(request.user)
    next_url = reverse("requests:new")
    return {
        "form": form,
        "profile": profile,
        "profile_incomplete": request.user.is_authenticated
        and (profile is None or not profile.is_complete),
        "profile_url": resolve_url("accounts:profile") + "?" + urlencode({"next": next_url}),
        "login_url": resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": next_url}),
        "register_url": resolve_url("accounts:register") + "?" + urlencode({"next": next_url}),
    }


def _initial_form(request: HttpRequest, profile: RequesterProfile | None) -> RequestForm:
    initial: dict[str, Any] = {}
    # The kept draft is used up once it can be sent; until then (not logged in, or the
    # profile still lacks the identity the law asks for) it stays for the next visit.
    can_send = profile is not None and profile.is_complete
    draft = (
        request.session.pop(DRAFT_SESSION_KEY, None)
        if can_send
        else request.session.get(DRAFT_SESSION_KEY)
    )
    if isinstance(draft, dict):
        initial = {name: draft.get(name, "") for name in DRAFT_FIELDS}
        initial["publish_allowed"] = draft.get("publish_allowed") in ("on", "true", "True", True)
        messages.info(
            request,
            _(
                "Isian Anda sudah kami simpan. Periksa kembali dan lampirkan ulang berkas"
                " (berkas tidak dapat disimpan sebelum Anda masuk)."
            ),
        )
    else:
        slug = request.GET.get("badan", "")
        body = active_bodies().filter(slug=slug).first() if slug else None
        if body is not None:
            initial["body"] = body_label(body)
    return RequestForm(
        initial=initial, requester_type=profile.requester_type if profile is not None else None
    )


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("request-form", limit=20, per_seconds=3600)
def new(request: HttpRequest) -> HttpResponse:
    """The request form (Pasal 22(1)–(2)). Visitors may fill it in before logging in."""
    profile = _profile(request.user)
    requester_type = profile.requester_type if profile is not None else None
    if request.method != "POST":
        form = _initial_form(request, profile)
        return render(request, "requests/new.html", _new_context(request, form))

    form = RequestForm(request.POST, request.FILES, requester_type=requester_type)
    if not request.user.is_authenticated:
        # Keep what was typed, then come back here after logging in or registering.
        request.session[DRAFT_SESSION_KEY] = form.draft()
        messages.info(
            request,
            _(
                "Masuk atau daftar dulu untuk mengirim permohonan. Isian Anda kami simpan;"
                " berkas perlu dilampirkan ulang."
            ),
        )
        return redirect(_new_context(request, form)["login_url"])

    context = _new_context(request, form)
    if context["profile_incomplete"]:
        form.is_valid()  # show field errors too, and keep every typed value
        form.add_error(
            None,
            _(
                "Identitas di profil Anda belum lengkap (nama, alamat, kontak dan NIK atau"
                " nomor SK badan hukum, UU 14/2008 Pasal 22 ayat 2). Lengkapi profil Anda"
                " dulu."
            ),
        )
        return render(request, "requests/new.html", context, status=400)
    user = current_user(request)

    def run(data: dict[str, Any]) -> InfoRequest:
        return actions.submit(
            actor=user,
            body=data["body"],
            content=actions.RequestContent.from_data(data),
            # Scoped to the user: a token can only ever replay its own request.
            idempotency_key=f"web:{user.pk}:{data['token']}",
        )

    return run_action(
        request,
        form,
        run,
        done=None,  # the receipt page says it
        then=lambda info_request: reverse(
            "requests:receipt", kwargs={"public_id": info_request.public_id}
        ),
        again=lambda: render(request, "requests/new.html", context),
    )


def _own_request(request: HttpRequest, public_id: Any) -> InfoRequest:
    """The requester's own request; anyone else's is "not found" (no existence leak)."""
    user = current_user(request)
    info_request = (
        InfoRequest.objects.select_related("body", "ppid_body")
        .filter(public_id=public_id, requester=user)
        .first()
    )
    if info_request is None:
        raise Http404
    return info_request


@login_required
@never_cache
def receipt(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Tanda bukti: the number, the time of receipt and the due date (Pasal 22(4)–(5))."""
    info_request = _own_request(request, public_id)
    return render(request, "requests/receipt.html", {"info_request": info_request})


@login_required
@never_cache
def receipt_pdf(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The receipt as a PDF on the PPID body's letterhead, for its owner only: the same
    facts as the page, nothing more of the requester's (no name, NIK or address)."""
    info_request = _own_request(request, public_id)
    data = tabular.pdf_bytes(
        "requests/letters/receipt.html",
        {
            "info_request": info_request,
            "ppid_body": info_request.ppid_body,
            "detail_url": request.build_absolute_uri(info_request.get_absolute_url()),
        },
    )
    name = f"tanda-bukti-{slugify(info_request.number) or info_request.public_id}.pdf"
    return tabular.download(data, "pdf", name)


@login_required
@never_cache
def mine(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    queryset = (
        InfoRequest.objects.filter(requester=user)
        .select_related("body", "ppid_body")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(queryset, 25).get_page(request.GET.get("halaman"))
    # Each request's deadline as its own PPID body sees it (time zone and calendar).
    windows = deadlines.windows({item.ppid_body for item in page.object_list})
    rows = [(item, windows.state(item)) for item in page.object_list]
    return render(request, "requests/mine.html", {"page": page, "rows": rows})


def _notice(info_request: InfoRequest) -> Notice | None:
    notice = Notice.objects.filter(info_request=info_request).select_related("holding_body").first()
    if notice is None or not notice.is_sent:
        return None
    return notice


def _detail_context(
    request: HttpRequest, info_request: InfoRequest, **forms: Any
) -> dict[str, Any]:
    user = current_user(request)
    events = list(info_request.events.public().select_related("actor").order_by("at", "pk"))
    files = [
        item
        for item in RequestFile.objects.filter(info_request=info_request).order_by(
            "created_at", "pk"
        )
        if access.can_download(user, item)
    ]
    notice = _notice(info_request)
    return {
        "info_request": info_request,
        "events": events,
        "messages_list": [event for event in events if event.kind in MESSAGE_KINDS],
        "notice": notice,
        "notice_timing": (
            queries.timing(info_request, deadlines.calendar_for(info_request)) if notice else None
        ),
        "answer_files": [
            f
            for f in files
            if f.kind in (FileKind.RELEASED, FileKind.LETTER, FileKind.EXTENSION_LETTER)
        ],
        "extension_files": [f for f in files if f.kind == FileKind.EXTENSION_LETTER],
        "own_files": [f for f in files if f.kind in (FileKind.ATTACHMENT, FileKind.IDENTITY)],
        "deadline_state": deadlines.state(info_request),
        "can_withdraw": info_request.is_open,
        "message_form": forms.get("message_form") or MessageForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "identity_form": forms.get("identity_form")
        or (
            CompleteIdentityForm(initial=_identity_initial(info_request))
            if info_request.status == Status.IDENTITY_INCOMPLETE
            else None
        ),
    }


def _identity_initial(info_request: InfoRequest) -> dict[str, str]:
    return {
        "requester_type": info_request.requester_type,
        "name": info_request.requester_name,
        "legal_entity_decree": info_request.requester_legal_entity_decree,
        "address": info_request.requester_address,
        "phone": info_request.requester_phone,
        "email": info_request.requester_email,
        "acting_for": info_request.acting_for,
    }


@login_required
@never_cache
def detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = current_user(request)
    info_request = (
        InfoRequest.objects.select_related("body", "ppid_body").filter(public_id=public_id).first()
    )
    if info_request is None:
        raise Http404
    if info_request.requester_id != user.pk:
        # An officer who follows a link to the requester's page gets the officer's page.
        if access.can_work_on(user, info_request):
            return redirect("requests:officer_detail", public_id=info_request.public_id)
        raise Http404
    return render(request, "requests/detail.html", _detail_context(request, info_request))


@login_required
@require_POST
def withdraw(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _own_request(request, public_id)
    form = WithdrawForm(request.POST)

    def again() -> HttpResponse:
        info_request.refresh_from_db()
        context = _detail_context(request, info_request, withdraw_form=form)
        return render(request, "requests/detail.html", context)

    return run_action(
        request,
        form,
        lambda data: actions.withdraw(
            actor=current_user(request), info_request=info_request, reason=data["reason"]
        ),
        done=_("Permohonan Anda sudah dicabut."),
        then=info_request.get_absolute_url(),
        again=again,
    )


@login_required
@require_POST
def message(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The requester answers a clarification question (or asks one)."""
    info_request = _own_request(request, public_id)
    form = MessageForm(request.POST)
    return run_action(
        request,
        form,
        lambda data: actions.post_message(
            actor=current_user(request), info_request=info_request, text=data["text"]
        ),
        done=_("Pesan Anda sudah dikirim ke petugas PPID."),
        then=info_request.get_absolute_url() + "#pesan",
        again=lambda: render(
            request,
            "requests/detail.html",
            _detail_context(request, info_request, message_form=form),
        ),
    )


@login_required
@require_POST
def complete_identity(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _own_request(request, public_id)
    form = CompleteIdentityForm(request.POST, request.FILES)
    return run_action(
        request,
        form,
        lambda data: actions.complete_identity(
            actor=current_user(request),
            info_request=info_request,
            identity=actions.Identity(**form.identity_kwargs()),
            identity_documents=data["identity_documents"],
        ),
        done=_("Terima kasih, identitas Anda sudah dilengkapi."),
        then=info_request.get_absolute_url(),
        again=lambda: render(
            request,
            "requests/detail.html",
            _detail_context(request, info_request, identity_form=form),
        ),
    )
