"""Registration, e-mail verification, login (password, then the second factor), password
changes and the requester profile."""

from __future__ import annotations

import base64
import io
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts import actions, duties, twofactor
from terbuka.accounts.forms import (
    DUPLICATE_EMAIL,
    AuthenticatorCodeForm,
    ChangePasswordForm,
    CodeForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    RegistrationForm,
    ResendVerificationForm,
    ResetRequestForm,
)
from terbuka.accounts.models import RequesterProfile, User
from terbuka.accounts.tokens import email_verification_token
from terbuka.actionviews import safe_next
from terbuka.security.ratelimit import rate_limited

# The session remembers who just failed to log in for want of a verified address, so
# that "send it again" needs no address typed (and none put in a URL).
UNVERIFIED_SESSION_KEY = "terbuka_unverified_user"
UNVERIFIED_NEXT_SESSION_KEY = "terbuka_unverified_next"
BACKEND = "terbuka.accounts.backends.UsernameOrEmailBackend"


def _next_from(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
# Per client address: a campus or an internet café shares one.
@rate_limited("register", limit=10, per_seconds=3600)
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
    actions.record_login(user=user, request=request, via="email_verification")
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
        response = super().form_valid(form)
        actions.record_login(user=form.get_user(), request=self.request)
        return response

    def get_success_url(self) -> str:
        """Where to go after the password: the second step first, if this user has one."""
        url = super().get_success_url()
        user = self.request.user
        if twofactor.second_factor_required(user) and not twofactor.is_verified(user):
            return reverse("accounts:otp_verify") + "?" + urlencode({"next": url})
        return url

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["unverified"] = getattr(form, "unverified_user", None) is not None
        return context


@method_decorator(rate_limited("password-reset", limit=10, per_seconds=3600), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    """Always answers the same way, so it never tells whether an address is registered.

    Limited per client address (the decorator) and per account (``ResetRequestForm``), so
    the form can neither flood a mailbox nor be used to probe addresses at speed.
    """

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
        # The new password ends every session opened with the old one (session auth hash).
        actions.record_password_changed(user=form.user, request=self.request, via="reset")
        return response


@method_decorator(sensitive_post_parameters(), name="dispatch")
@method_decorator(rate_limited("password-change", limit=10, per_seconds=3600), name="post")
class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password knowing the current one. Django's view keeps this session
    (``update_session_auth_hash``); every other session of the account is logged out."""

    form_class = ChangePasswordForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        actions.record_password_changed(user=form.user, request=self.request, via="change")
        messages.success(
            self.request,
            _("Kata sandi Anda sudah diganti. Sesi lain akun ini di perangkat lain sudah keluar."),
        )
        return response


@login_required
@never_cache
@sensitive_post_parameters("nik", "address", "phone")
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    roles = sorted(duties.roles_of(user), key=lambda role: (role.body.name, role.kind))
    requester_profile = RequesterProfile.objects.filter(user=user).first()
    next_url = _next_from(request)
    security = _security_context(user)
    if roles and request.method == "POST":
        return HttpResponseRedirect(request.path)
    if roles:
        return render(request, "accounts/profile_officer.html", {"roles": roles, **security})
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
        {"form": form, "requester_profile": requester_profile, "next": next_url, **security},
    )


def _security_context(user: User) -> dict[str, Any]:
    enrolled = twofactor.has_authenticator(user)
    return {
        "two_factor_on": enrolled,
        "two_factor_required": twofactor.required_by_duties(user),
        "recovery_codes_left": twofactor.remaining_recovery_codes(user) if enrolled else 0,
    }


# --- The second factor (issue #5) -----------------------------------------------------

WRONG_CODE = gettext_lazy(
    "Kode salah atau sudah kedaluwarsa. Periksa jam di ponsel Anda, lalu coba lagi."
)


def _wrong_code_message(user: User) -> str:
    """Why a code was refused. After each wrong code django-otp makes the next one wait
    (1, 2, 4, 8 … seconds); from the third, a person would notice, so we say so."""
    for device in devices_for_user(user):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("failure_count", 0) >= 3:
            return _(
                "Terlalu banyak kode salah. Tunggu sebentar (sampai pukul %(time)s), lalu coba lagi."
            ) % {"time": date_format(timezone.localtime(data["locked_until"]), "H:i:s")}
    return str(WRONG_CODE)


@never_cache
@login_required
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
# Generous: the officers of one office log in from one address each morning. Guessing
# one account's code is slowed by django-otp's own throttle (1, 2, 4 … seconds).
@rate_limited("otp-verify", limit=30, per_seconds=900)
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of login: a code from the authenticator app, or a recovery code."""
    user = request.user
    assert isinstance(user, User)
    next_url = _next_from(request)
    if twofactor.is_verified(user) or not twofactor.second_factor_required(user):
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    if not twofactor.has_authenticator(user):
        # An officer who has never set up his app does it now (enrolment on first login).
        return redirect(_with_next(reverse("accounts:otp_enrol"), next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify_code(user, form.cleaned_data["token"])
        actions.record_second_factor(user=user, request=request, device=device)
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "Anda masuk dengan kode pemulihan; kode itu tidak berlaku lagi. "
                        "Sisa kode pemulihan: %(count)d."
                    )
                    % {"count": device.token_set.count()},
                )
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        form.add_error("token", _wrong_code_message(user))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def _with_next(url: str, next_url: str) -> str:
    return url + ("?" + urlencode({"next": next_url}) if next_url else "")


def _qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an inline SVG image (CSP allows ``data:``)."""
    svg = io.BytesIO()
    segno.make(device.config_url, error="m").save(svg, kind="svg", scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode("ascii")


@never_cache
@login_required
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
@rate_limited("otp-enrol", limit=30, per_seconds=900)
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: show the secret, confirm it with a code, then show the
    one-time recovery codes once."""
    user = request.user
    assert isinstance(user, User)
    next_url = _next_from(request)
    if twofactor.has_authenticator(user):
        # Someone holding only the password must not replace the owner's authenticator.
        if not twofactor.is_verified(user):
            return redirect(_with_next(reverse("accounts:otp_verify"), next_url))
        messages.info(request, _("Verifikasi dua langkah sudah aktif untuk akun Anda."))
        return redirect("accounts:profile")
    device = actions.start_enrolment(actor=user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = actions.confirm_enrolment(actor=user, device=device, request=request)
            otp_login(request, device)
            return render(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": next_url or resolve_url(settings.LOGIN_REDIRECT_URL)},
            )
        actions.record_second_factor(user=user, request=request, device=None, enrolling=True)
        form.add_error("token", _wrong_code_message(user))
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "next": next_url,
            "secret": twofactor.base32_secret(device),
            "qr": _qr_data_uri(device),
            "required": twofactor.second_factor_required(user),
        },
    )


@never_cache
@login_required
@require_POST
def otp_recovery_codes(request: HttpRequest) -> HttpResponse:
    """A new set of recovery codes; the old ones stop working."""
    user = request.user
    assert isinstance(user, User)
    if not twofactor.has_authenticator(user):
        return redirect("accounts:profile")
    codes = actions.renew_recovery_codes(actor=user, request=request)
    return render(
        request,
        "accounts/otp_recovery_codes.html",
        {"codes": codes, "next": resolve_url("accounts:profile"), "renewed": True},
    )


@never_cache
@login_required
@sensitive_post_parameters("token")
@require_POST
@rate_limited("otp-disable", limit=10, per_seconds=900)
def otp_disable(request: HttpRequest) -> HttpResponse:
    """A requester switches two-factor login off, confirming with a current code.

    Officers cannot: the law's guardians of personal data must use it (issue #5)."""
    user = request.user
    assert isinstance(user, User)
    if twofactor.required_by_duties(user):
        messages.error(request, _("Petugas wajib memakai verifikasi dua langkah."))
        return redirect("accounts:profile")
    form = CodeForm(request.POST)
    device = twofactor.verify_code(user, form.cleaned_data["token"]) if form.is_valid() else None
    if device is None:
        actions.record_second_factor(user=user, request=request, device=None)
        messages.error(request, _wrong_code_message(user))
        return redirect("accounts:profile")
    actions.disable_two_factor(actor=user, request=request)
    messages.success(request, _("Verifikasi dua langkah sudah dinonaktifkan."))
    return redirect("accounts:profile")
