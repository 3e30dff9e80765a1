"""Forms of the privacy pages. They validate input; ``actions.py`` changes state."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from terbuka.bodies.models import Body
from terbuka.privacy import actions
from terbuka.privacy.models import Breach, BreachStatus, SubjectRequestKind

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Hak yang ingin Anda gunakan"),
        choices=SubjectRequestKind.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Penjelasan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Jangan tuliskan NIK atau data pribadi lain di sini; petugas sudah dapat melihat"
            " data yang tersimpan."
        ),
    )
    close_account = forms.BooleanField(
        label=_("Tutup juga akun saya (hanya untuk permintaan penghapusan)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == SubjectRequestKind.OTHER and not data.get("details", "").strip():
            self.add_error("details", _("Jelaskan hak yang Anda minta."))
        return data


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pemohon"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RefuseForm(forms.Form):
    reasons = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("mis. kewajiban hukum menyimpan data (UU 27/2022 Pasal 15)."),
    )


class DoneForm(forms.Form):
    note = forms.CharField(
        label=_("Apa yang telah dilakukan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BreachForm(forms.ModelForm):
    discovered_at = forms.DateTimeField(label=_("Waktu diketahui"), widget=DATETIME_WIDGET)
    occurred_at = forms.DateTimeField(
        label=_("Waktu terjadi (perkiraan)"), required=False, widget=DATETIME_WIDGET
    )
    subjects_notified_at = forms.DateTimeField(
        label=_("Subjek data diberi tahu secara tertulis pada"),
        required=False,
        widget=DATETIME_WIDGET,
    )
    authority_notified_at = forms.DateTimeField(
        label=_("Lembaga pelindungan data pribadi diberi tahu pada"),
        required=False,
        widget=DATETIME_WIDGET,
    )
    status = forms.ChoiceField(label=_("Status"), choices=BreachStatus.choices)

    class Meta:
        model = Breach
        fields = ["discovered_at", *actions.BREACH_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "data_categories": forms.Textarea(attrs={"rows": 2}),
            "people_affected_description": forms.Textarea(attrs={"rows": 2}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, bodies: QuerySet[Body] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if bodies is None:
            # Editing: the deadline runs from discovery, so it is fixed once recorded.
            del self.fields["discovered_at"]
        else:
            self.fields["body"] = forms.ModelChoiceField(
                label=_("Badan publik"), queryset=bodies, empty_label=None
            )
            self.order_fields(["body"])
