"""Forms of the objection pages. They validate input; ``actions`` changes state."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka import tabular
from terbuka.bodies.models import Body
from terbuka.remedies.actions import MAX_INSTRUCTION_WORKING_DAYS, ObjectionContent
from terbuka.remedies.clocks import ArisenGround
from terbuka.remedies.models import Channel, Ground, Response
from terbuka.requests.forms import IdentityForm, MultipleFileField
from terbuka.requests.models import FileKind
from terbuka.security.honeypot import HoneypotMixin


class _ObjectionFields(HoneypotMixin, forms.Form):
    """What every objection form asks (UU 14/2008 Pasal 36(1): purpose, case description;
    a proxy with the power of attorney; files), with a fresh idempotency token per render."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    case_description = forms.CharField(
        label=_("Kasus posisi"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("Uraikan apa yang terjadi dan apa yang Anda minta dari Atasan PPID."),
    )
    purpose = forms.CharField(
        label=_("Tujuan penggunaan informasi"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    proxy_name = forms.CharField(
        label=_("Nama kuasa (bila diajukan oleh kuasa)"), max_length=200, required=False
    )
    proxy_address = forms.CharField(
        label=_("Alamat kuasa"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    power_of_attorney = MultipleFileField(
        label=_("Surat kuasa"),
        kind=FileKind.POWER_OF_ATTORNEY,
        help_text=_("Wajib bila diajukan oleh kuasa. PDF atau gambar."),
    )
    attachments = MultipleFileField(
        label=_("Lampiran (tidak wajib)"), kind=FileKind.OBJECTION_ATTACHMENT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("token"):
            # A fresh token per render: the same page submitted twice makes one objection.
            self.initial["token"] = uuid.uuid4().hex

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"]
        if not token.isalnum():
            raise ValidationError(_("Formulir tidak sah. Muat ulang halaman."), code="token")
        return token

    def claimed_grounds(self) -> list[str]:
        raise NotImplementedError

    def content(self) -> ObjectionContent:
        data = self.cleaned_data
        return ObjectionContent(
            grounds=self.claimed_grounds(),
            case_description=data["case_description"],
            purpose=data.get("purpose", ""),
            proxy_name=data.get("proxy_name", ""),
            proxy_address=data.get("proxy_address", ""),
            attachments=data.get("attachments") or [],
            power_of_attorney=data.get("power_of_attorney") or [],
        )


class ObjectionForm(_ObjectionFields):
    """The objection form (UU 14/2008 Pasal 36(1): identity, request number, purpose,
    grounds, case description), offering only the grounds the request gave rise to."""

    grounds = forms.MultipleChoiceField(
        label=_("Alasan keberatan (UU 14/2008 Pasal 35 ayat 1)"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Boleh lebih dari satu."),
    )
    field_order = ["token", "grounds"]

    def __init__(self, *args: Any, grounds: Sequence[ArisenGround], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every ground that arose, also one already claimed: the action refuses that one
        # with its reason, after a replayed submission was recognised as such.
        self.fields["grounds"].choices = [  # type: ignore[attr-defined]
            (ground.code, ground.label) for ground in grounds
        ]
        self.initial.setdefault("grounds", [ground.code for ground in grounds if not ground.taken])

    def claimed_grounds(self) -> list[str]:
        return list(self.cleaned_data["grounds"])


class BerkalaObjectionForm(_ObjectionFields):
    """An objection without a request: berkala information the body does not provide
    (UU 14/2008 Pasal 35 ayat 1 huruf b, Pasal 9)."""

    information = forms.CharField(
        label=_("Informasi berkala yang tidak disediakan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_(
            "Sebutkan informasi yang wajib diumumkan secara berkala (UU 14/2008 Pasal 9) tetapi"
            " tidak tersedia atau tidak diperbarui, mis. laporan keuangan tahun lalu."
        ),
    )
    field_order = ["token", "information"]

    def claimed_grounds(self) -> list[str]:
        return [Ground.BERKALA_NOT_PROVIDED]


class RegisterBerkalaObjectionForm(IdentityForm, BerkalaObjectionForm):
    """A ground-b objection without a request received at the desk, by letter or e-mail:
    the officer records the objector's identity as given."""

    channel = forms.ChoiceField(
        label=_("Diterima melalui"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    received_at = forms.DateTimeField(
        label=_("Waktu diterima"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    field_order = ["token", "channel", "received_at", "information"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))


class RegisterObjectionForm(ObjectionForm):
    """An objection received at the desk, by letter or e-mail (registered by an officer)."""

    channel = forms.ChoiceField(
        label=_("Diterima melalui"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    received_at = forms.DateTimeField(
        label=_("Waktu diterima"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))


class DecisionForm(forms.Form):
    """The Atasan PPID's answer (Pasal 36(2)–(3))."""

    UPHOLD = "uphold"
    GRANT = "grant"
    decision = forms.ChoiceField(
        label=_("Tanggapan"),
        choices=[
            (UPHOLD, _("Menguatkan putusan PPID (keberatan ditolak)")),
            (GRANT, _("Menerima keberatan dan memerintahkan PPID")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Pertimbangan tertulis"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("Wajib, terutama bila putusan PPID dikuatkan (UU 14/2008 Pasal 36 ayat 3)."),
    )
    instruction = forms.CharField(
        label=_("Perintah kepada PPID (bila keberatan diterima)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_(
            "Mis. memberikan informasi yang diminta, menjawab permohonan, memperbaiki biaya."
        ),
    )
    instruction_days = forms.IntegerField(
        label=_("Jangka waktu pelaksanaan (hari kerja)"),
        min_value=1,
        max_value=MAX_INSTRUCTION_WORKING_DAYS,
        initial=10,
        required=False,
    )


class InstructionDoneForm(forms.Form):
    report = forms.CharField(
        label=_("Laporan pelaksanaan perintah"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Apa yang sudah dilakukan, mis. informasi sudah dikirim pada tanggal …"),
    )
    released = MultipleFileField(
        label=_("Informasi yang diberikan sesuai perintah (tidak wajib)"),
        kind=FileKind.RELEASED,
        help_text=_(
            "Berkas yang kini diberikan kepada pemohon; ia dapat mengunduhnya dari halaman"
            " permohonannya."
        ),
    )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Tanggapan Anda atas jawaban Atasan PPID"),
        choices=Response.choices,
        widget=forms.RadioSelect,
    )


class RegisterFilterForm(tabular.PeriodForm):
    """The objection register's filters (GET): one of the officer's PPID bodies and the
    period of receipt."""

    def __init__(self, *args: Any, body_ids: set[int], **kwargs: Any) -> None:
        bodies = Body.objects.filter(pk__in=body_ids).order_by("name")
        super().__init__(*args, bodies=bodies, **kwargs)
