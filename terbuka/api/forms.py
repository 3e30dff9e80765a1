"""The requester's form for a new personal token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.api.actions import PERSONAL_VALIDITY_DAYS

VALIDITY_LABELS = {
    30: _("30 hari"),
    90: _("90 hari"),
    365: _("365 hari (satu tahun)"),
}


class PersonalTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=80,
        help_text=_("Untuk mengenalinya nanti, misalnya “Aplikasi ponsel” atau “Skrip saya”."),
        error_messages={"required": _("Beri nama token ini, misalnya “Aplikasi ponsel”.")},
    )
    days = forms.TypedChoiceField(
        label=_("Masa berlaku"),
        coerce=int,
        choices=[(days, VALIDITY_LABELS[days]) for days in PERSONAL_VALIDITY_DAYS],
        initial=90,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih masa berlaku 30, 90 atau 365 hari."),
            "invalid_choice": _("Pilih masa berlaku 30, 90 atau 365 hari."),
        },
    )
