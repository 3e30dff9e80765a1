"""Forms of the accounts pages. They validate; the actions in ``actions.py`` change state."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UsernameField,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from terbuka.accounts.limits import RESET_MAILS_PER_ACCOUNT, account_within_limit
from terbuka.accounts.models import RequesterProfile, RequesterType, User
from terbuka.accounts.nik import validate_nik
from terbuka.security.honeypot import HoneypotMixin

DUPLICATE_EMAIL = _("Alamat e-mail ini sudah terdaftar. Silakan masuk atau atur ulang kata sandi.")
DUPLICATE_USERNAME = _("Nama pengguna ini sudah dipakai. Pilih nama lain.")
PASSWORD_HELP = _(
    "Paling sedikit 8 karakter, tidak seluruhnya angka, tidak mudah ditebak dan tidak mirip "
    "nama pengguna atau e-mail Anda."
)
UNVERIFIED_EMAIL = _(
    "E-mail Anda belum diverifikasi. Buka tautan verifikasi yang kami kirim ke alamat e-mail "
    "Anda, atau minta kami mengirimkannya lagi."
)


class RegistrationForm(HoneypotMixin, BaseUserCreationForm):
    """Self-registration of a requester (pemohon), UU 14/2008 Pasal 1 angka 12.

    A public form: it carries the honeypot field and its view is rate-limited (issue #5).
    """

    email = forms.EmailField(
        label=_("Alamat e-mail"),
        max_length=254,
        help_text=_("Kami mengirim tautan verifikasi ke alamat ini."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    requester_type = forms.ChoiceField(
        label=_("Jenis pemohon"),
        choices=RequesterType.choices,
        initial=RequesterType.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=200,
        help_text=_("Untuk badan hukum atau kelompok: nama badan hukum atau kelompok."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}
        labels = {"username": _("Nama pengguna")}
        help_texts = {"username": _("Huruf, angka dan @ . + - _ saja; paling banyak 150.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("Kata sandi")
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].label = _("Ulangi kata sandi")
        self.fields["password2"].help_text = _("Ketik kata sandi yang sama sekali lagi.")
        self.order_fields(
            ["username", "email", "password1", "password2", "requester_type", "full_name"]
        )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(DUPLICATE_USERNAME, code="unique")
        return username

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(DUPLICATE_EMAIL, code="unique")
        return email

    def clean_full_name(self) -> str:
        full_name: str = self.cleaned_data["full_name"].strip()
        if not full_name:
            raise ValidationError(_("Isi nama lengkap."), code="required")
        return full_name


class LoginForm(AuthenticationForm):
    """Log in with the username or the e-mail address (``backends.UsernameOrEmailBackend``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna atau e-mail")
        self.fields["password"].label = _("Kata sandi")
        self.error_messages = {
            **self.error_messages,
            "invalid_login": _(
                "Nama pengguna/e-mail atau kata sandi salah. Perhatikan huruf besar dan kecil."
            ),
            "inactive": _("Akun ini dinonaktifkan. Hubungi pengelola PPID."),
        }
        self.unverified_user: User | None = None

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if user.must_verify_email:
            self.unverified_user = user
            raise ValidationError(UNVERIFIED_EMAIL, code="unverified")


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("Alamat e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Alamat e-mail")

    def get_users(self, email: str) -> Iterator[Any]:
        """Only accounts that have not had too many reset mails lately: the form answers
        the same either way, so this neither floods a mailbox nor tells anything."""
        for user in super().get_users(email):
            if account_within_limit("password-reset-mail", user.pk, RESET_MAILS_PER_ACCOUNT):
                yield user


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi sekarang")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Kata sandi sekarang salah. Silakan coba lagi."),
        }


class CodeForm(forms.Form):
    """The second step of login: a 6-digit code from the authenticator app, or one of
    the one-time recovery codes."""

    token = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_("6 angka dari aplikasi autentikator, atau salah satu kode pemulihan Anda."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"]
        return "".join(token.split()).lower()


class AuthenticatorCodeForm(CodeForm):
    """A code from the authenticator app only (enrolment and switching it off)."""

    token = forms.CharField(
        label=_("Kode 6 angka dari aplikasi"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )

    def clean_token(self) -> str:
        token = super().clean_token()
        if not (token.isdigit() and len(token) == 6):
            raise ValidationError(_("Kode terdiri dari 6 angka."), code="format")
        return token


class ProfileForm(forms.Form):
    """The requester's identity (Perki 1/2021 form fields; UU 14/2008 Pasal 22(2)).

    The stored NIK is never put back into the form: the field stays empty and an empty
    field keeps the stored NIK.
    """

    requester_type = forms.ChoiceField(
        label=_("Jenis pemohon"), choices=RequesterType.choices, widget=forms.RadioSelect
    )
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label=_("NIK (untuk perorangan)"),
        required=False,
        max_length=32,
        help_text=_("16 angka, tertulis di KTP Anda."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    legal_entity_decree = forms.CharField(
        label=_("Nomor SK pengesahan badan hukum (untuk badan hukum)"),
        required=False,
        max_length=200,
    )
    address = forms.CharField(
        label=_("Alamat"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    phone = forms.CharField(
        label=_("Nomor telepon"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, profile: RequesterProfile | None = None, **kwargs: Any) -> None:
        self.profile = profile
        super().__init__(*args, **kwargs)
        if profile is not None and profile.nik:
            self.fields["nik"].help_text = _(
                "NIK tersimpan: %(masked)s. Kosongkan jika tidak berubah."
            ) % {"masked": profile.masked_nik}

    def clean_full_name(self) -> str:
        full_name: str = self.cleaned_data["full_name"].strip()
        if not full_name:
            raise ValidationError(_("Isi nama lengkap."), code="required")
        return full_name

    def clean_nik(self) -> str:
        nik: str = self.cleaned_data["nik"].strip()
        if not nik or self.data.get(self.add_prefix("requester_type")) != RequesterType.INDIVIDUAL:
            return ""
        return validate_nik(nik)

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-() ")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 6):
            raise ValidationError(
                _("Nomor telepon hanya boleh berisi angka, spasi, +, - dan tanda kurung."),
                code="phone",
            )
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("requester_type")
        if (
            kind == RequesterType.LEGAL_ENTITY
            and "legal_entity_decree" in cleaned
            and not cleaned["legal_entity_decree"].strip()
        ):
            self.add_error(
                "legal_entity_decree",
                _("Badan hukum wajib mengisi nomor SK pengesahan badan hukum."),
            )
        return cleaned
