"""The form of an officer's decision on a held document."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ConfirmForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan dokumen ini boleh diterbitkan apa adanya"),
        help_text=_(
            "Misalnya: nomor yang ditemukan bukan data pribadi, atau pemiliknya telah"
            " menyetujui. Alasan ini dicatat dalam jejak audit."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
