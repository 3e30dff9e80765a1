"""Registration, e-mail verification, login and the requester profile."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from terbuka.accounts import actions
from terbuka.accounts.forms import (
    DUPLICATE_EMAIL,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    RegistrationForm,
    ResendVerificationForm,
    ResetRequestForm,
)
from terbuka.accounts.models import RequesterProfile, User
from terbuka.accounts.tokens import email_verification_token

# The session remembers who just failed to log in for want of a verified address, so
# that "send it again" needs no address typed (and none put in a URL).
UNVERIFIED_SESSION_KEY = "terbuka_unverified_user"
UNVERIFIED_NEXT_SESSION_KEY = "terbuka_unverified_next"
BACKEND = "terbuka.accounts.backends.UsernameOrEmailBackend"


def safe_next(request: HttpRequest, value: str | None) -> str:
    """The ``next`` target if it stays on this site, otherwise the empty string."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def _next_from(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    next_url = _next_from(request)
    if request.user.is_authenticated:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.register_requester(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                requester_type=form.cleaned_data["requester_type"],
                full_name=form.cleaned_data["full_name"],
                next_url=next_url,
            )
        except IntegrityError:
            # Someone registered the same address between validation and saving.
            form.add_error("email", DUPLICATE_EMAIL)
        else:
            request.session[UNVERIFIED_SESSION_KEY] = user.pk
            request.session[UNVERIFIED_NEXT_SESSION_KEY] = next_url
            return redirect("accounts:verification_sent")
    return render(request, "accounts/register.html", {"form": form, "next": next_url})


@never_cache
def verification_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/verification_sent.html")


def _user_from_uidb64(uidb64: str) -> User | None:
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return User.objects.get(pk=pk)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


@never_cache
def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link in the verification mail: verify the address and log the requester in."""
    user = _user_from_uidb64(uidb64)
    next_url = _next_from(request)
    if user is None or not user.is_active or not email_verification_token.check_token(user, token):
        # A used link lands here too: the token is keyed on ``email_verified``. The page
        # offers to log in, without saying whether this account exists or is verified.
        return render(request, "accounts/verification_invalid.html", {"next": next_url}, status=400)
    user = actions.verify_email(user=user)
    login(request, user, backend=BACKEND)
    request.session.pop(UNVERIFIED_SESSION_KEY, None)
    request.session.pop(UNVERIFIED_NEXT_SESSION_KEY, None)
    messages.success(request, _("Terima kasih, alamat e-mail Anda sudah terverifikasi."))
    return redirect(next_url or resolve_url("accounts:profile"))


@never_cache
@require_http_methods(["GET", "POST"])
def resend_verification(request: HttpRequest) -> HttpResponse:
    """Send the verification link again, without telling whether an address is registered."""
    pending = _pending_user(request)
    next_url = _next_from(request) or safe_next(
        request, request.session.get(UNVERIFIED_NEXT_SESSION_KEY)
    )
    form = ResendVerificationForm(request.POST or None) if pending is None else None
    if request.method == "POST":
        user: User | None = pending
        if form is not None:
            if not form.is_valid():
                return render(
                    request,
                    "accounts/resend_verification.html",
                    {"form": form, "pending": None, "next": next_url},
                )
            user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is not None:
            actions.resend_verification(user=user, next_url=next_url)
        return redirect("accounts:verification_sent")
    return render(
        request,
        "accounts/resend_verification.html",
        {"form": form, "pending": pending, "next": next_url},
    )


def _pending_user(request: HttpRequest) -> User | None:
    pk = request.session.get(UNVERIFIED_SESSION_KEY)
    if pk is None:
        return None
    return User.objects.filter(pk=pk, email_verified=False).first()


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    # Not redirecting logged-in users: a page that sends a logged-in user without rights
    # to the login page would otherwise loop. He may log in as someone else instead.
    redirect_authenticated_user = False

    def form_invalid(self, form: Any) -> HttpResponse:
        if form.unverified_user is not None:
            self.request.session[UNVERIFIED_SESSION_KEY] = form.unverified_user.pk
            self.request.session[UNVERIFIED_NEXT_SESSION_KEY] = self.get_redirect_url()
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        self.request.session.pop(UNVERIFIED_SESSION_KEY, None)
        return super().form_valid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["unverified"] = getattr(form, "unverified_user", None) is not None
        return context


class PasswordResetView(auth_views.PasswordResetView):
    """Always answers the same way, so it never tells whether an address is registered."""

    form_class = ResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        # Following the mailed link proves the address, as the verification link would.
        response = super().form_valid(form)
        if not form.user.email_verified:
            actions.verify_email(user=form.user)
        return response


@login_required
@never_cache
@sensitive_post_parameters("nik", "address", "phone")
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    roles = list(user.roles.select_related("body").order_by("body__name", "kind"))
    requester_profile = RequesterProfile.objects.filter(user=user).first()
    next_url = _next_from(request)
    if roles and request.method == "POST":
        return HttpResponseRedirect(request.path)
    if roles:
        return render(request, "accounts/profile_officer.html", {"roles": roles})
    if request.method == "POST":
        form = ProfileForm(request.POST, profile=requester_profile)
        if form.is_valid():
            saved = actions.update_profile(actor=user, **form.cleaned_data)
            messages.success(request, _("Profil Anda sudah disimpan."))
            # Back to where the requester was going (e.g. the request form) once the
            # identity the law asks for is complete (Pasal 22(2)).
            if next_url and saved.is_complete:
                return redirect(next_url)
            profile_url = resolve_url("accounts:profile")
            if next_url:
                profile_url += "?" + urlencode({"next": next_url})
            return redirect(profile_url)
    else:
        initial: dict[str, Any] = {"full_name": user.get_full_name()}
        if requester_profile is not None:
            initial = {
                "requester_type": requester_profile.requester_type,
                "full_name": requester_profile.full_name,
                "legal_entity_decree": requester_profile.legal_entity_decree,
                "address": requester_profile.address,
                "phone": requester_profile.phone,
            }
        form = ProfileForm(initial=initial, profile=requester_profile)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "requester_profile": requester_profile, "next": next_url},
    )
