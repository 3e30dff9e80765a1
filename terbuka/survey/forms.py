"""The survey form: the nine elements of PermenPANRB 14/2017, each a group of four choices
(a fieldset with its legend), and an optional comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.security.honeypot import HoneypotMixin

SCALE = [
    (1, _("1 — Tidak baik")),
    (2, _("2 — Kurang baik")),
    (3, _("3 — Baik")),
    (4, _("4 — Sangat baik")),
]


class AnswerForm(HoneypotMixin, forms.Form):
    comment = forms.CharField(
        label=_("Saran dan masukan (tidak wajib)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Jangan tuliskan data pribadi. Saran hanya dibaca petugas badan publik."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in law.SKM_ELEMENTS:
            self.fields[code] = forms.TypedChoiceField(
                label=str(label),  # built per form: in the language of the request
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih nilai untuk unsur ini.")},
            )
        # The elements first, the comment last.
        self.order_fields([code for code, _label in law.SKM_ELEMENTS] + ["comment"])

    def scores(self) -> dict[str, int]:
        return {code: self.cleaned_data[code] for code, _label in law.SKM_ELEMENTS}
