"""Forms of the dispute pages. They validate input; ``actions`` changes state."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.disputes.actions import ExternalCase, Petition
from terbuka.disputes.models import Dispute, HearingKind, Outcome, Stage


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _text(label: Any, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PetitionForm(forms.Form):
    """A dispute from an objection or a request of the platform."""

    petitioner_name = forms.CharField(label=_("Nama pemohon sengketa"), max_length=200)
    commission = forms.CharField(
        label=_("Komisi Informasi yang berwenang"),
        max_length=200,
        help_text=_("Perki 1/2013 Pasal 6. Terisi menurut badan publik; ubah bila berbeda."),
    )
    filed_on = _date(_("Tanggal permohonan sengketa diajukan ke Komisi Informasi"))
    subject = _text(_("Pokok sengketa"), required=False)
    registration_number = forms.CharField(
        label=_("Nomor registrasi sengketa (bila sudah ada)"),
        max_length=100,
        required=False,
        help_text=_("Sesuai akta registrasi, mis. 002/I/KI-Kepri-PS/2014."),
    )
    registered_on = _date(_("Tanggal registrasi (bila sudah ada)"), required=False)

    def petition(self) -> Petition:
        data = self.cleaned_data
        return Petition(
            petitioner_name=data["petitioner_name"],
            commission=data["commission"],
            filed_on=data["filed_on"],
            subject=data.get("subject") or "",
            registration_number=data.get("registration_number") or "",
            registered_on=data.get("registered_on"),
        )


class ExternalForm(PetitionForm):
    """A dispute whose request and objection came in outside the platform."""

    ppid_body = forms.ModelChoiceField(label=_("Badan publik (PPID)"), queryset=Body.objects.none())
    request_number = forms.CharField(
        label=_("Nomor permohonan informasi"), max_length=100, required=False
    )
    request_date = _date(_("Tanggal permohonan informasi"), required=False)
    objection_number = forms.CharField(label=_("Nomor keberatan"), max_length=100, required=False)
    objection_date = _date(_("Tanggal keberatan"), required=False)

    field_order = [
        "ppid_body",
        "request_number",
        "request_date",
        "objection_number",
        "objection_date",
    ]

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ppid_body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Body.objects.filter(pk__in=[body.pk for body in bodies]).order_by("name")
        if len(bodies) == 1:
            field.initial = bodies[0].pk

    def external(self) -> ExternalCase:
        data = self.cleaned_data
        return ExternalCase(
            request_number=data.get("request_number") or "",
            request_date=data.get("request_date"),
            objection_number=data.get("objection_number") or "",
            objection_date=data.get("objection_date"),
        )


class RegisterForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Nomor registrasi sengketa"),
        max_length=100,
        help_text=_("Sesuai akta registrasi, mis. 002/I/KI-Kepri-PS/2014."),
    )
    registered_on = _date(_("Tanggal registrasi"))


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Pindah ke tahap"), widget=forms.RadioSelect)
    note = _text(_("Catatan"), required=False, rows=2)

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (stage, Stage(stage).label)
            for stage in (Stage.PRELIMINARY, Stage.ADJUDICATION)
            if dispute.can_move_to(stage)
        ]
        self.fields["stage"].choices = choices  # type: ignore[attr-defined]


class HearingForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Waktu sidang"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    kind = forms.ChoiceField(label=_("Jenis sidang"), choices=HearingKind.choices)
    place = forms.CharField(label=_("Tempat"), max_length=300, required=False)


class HearingResultForm(forms.Form):
    hearing = forms.ChoiceField(label=_("Sidang"))
    result = _text(_("Hasil sidang"))

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hearings = {str(hearing.public_id): hearing for hearing in dispute.hearings.all()}
        self.fields["hearing"].choices = [  # type: ignore[attr-defined]
            (key, str(hearing)) for key, hearing in self.hearings.items()
        ]


class MediationForm(forms.Form):
    first_session_on = _date(_("Tanggal sidang mediasi pertama"))


class ExtendMediationForm(forms.Form):
    reason = _text(_("Alasan perpanjangan (tertulis)"))


class DecisionForm(forms.Form):
    decided_on = _date(_("Tanggal putusan"))
    outcome = forms.ChoiceField(
        label=_("Amar putusan"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    orders = _text(_("Yang diperintahkan putusan kepada badan publik"), required=False, rows=4)
    orders_release = forms.BooleanField(
        label=_("Putusan memerintahkan badan publik memberikan informasi"), required=False
    )
    received_on = _date(
        _("Tanggal salinan putusan diterima badan publik"),
        help_text=format_lazy(
            _("Jangka waktu {days} hari kerja untuk gugatan dihitung dari tanggal ini."),
            days=law.DECISION_CHALLENGE_WORKING_DAYS,
        ),
    )

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if dispute.stage != Stage.MEDIATION:
            # An agreement ends a mediation only (the action refuses it otherwise too).
            self.fields["outcome"].choices = [  # type: ignore[attr-defined]
                choice for choice in Outcome.choices if choice[0] != Outcome.AGREEMENT
            ]


class CourtForm(forms.Form):
    YES, NO = "yes", "no"
    challenged = forms.ChoiceField(
        label=_("Gugatan ke pengadilan"),
        choices=[(YES, _("Diajukan gugatan")), (NO, _("Tidak ada gugatan sampai batas waktunya"))],
        widget=forms.RadioSelect,
    )
    on = _date(_("Tanggal gugatan diajukan"), required=False)
    note = _text(_("Catatan (pengadilan, nomor perkara)"), required=False, rows=2)


class ReleaseForm(forms.Form):
    released_on = _date(_("Tanggal informasi diberikan"))
    description = _text(_("Informasi yang diberikan"))


class NoteForm(forms.Form):
    note = _text(_("Catatan"), required=False, rows=2)
