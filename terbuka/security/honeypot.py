"""A honeypot field for public forms: people never see it, simple bots fill it in.

Add ``HoneypotMixin`` to a form; the field is hidden with CSS (class ``hp-field``, not
``type=hidden``, which bots skip) and labelled so a screen reader user knows to leave it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_NAME = "situs_web"


class HoneypotMixin(forms.Form):
    situs_web = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}
        ),
    )

    def clean_situs_web(self) -> Any:
        value = self.cleaned_data.get(HONEYPOT_NAME, "")
        if value:
            raise forms.ValidationError(
                _("Formulir tidak dapat diproses. Kosongkan kolom yang diminta untuk dikosongkan.")
            )
        return value
