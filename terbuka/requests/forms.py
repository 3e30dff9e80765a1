"""Forms of the request pages. They validate input; the ``actions`` package changes state."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.accounts.models import RequesterType, User
from terbuka.accounts.nik import validate_nik
from terbuka.bodies import tree
from terbuka.bodies.models import REGION_KINDS, TREE_MAX_DEPTH, Body, BodyKind
from terbuka.requests import files as request_files
from terbuka.requests.models import (
    Channel,
    Delivery,
    FileKind,
    HowToObtain,
    Outcome,
    RequestFile,
    Status,
)
from terbuka.security.honeypot import HoneypotMixin
from terbuka.widgets import PlainCheckbox, PlainInput, PlainSelect, PreparedChoices, QuickSelect
from terbuka.workdays import counting

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Fields the anonymous visitor typed, kept in the session while he logs in (never files).
DRAFT_MAX_LENGTH = 5000
DRAFT_FIELDS = ("body", "subject", "purpose", "how_to_obtain", "delivery", "publish_allowed")

IDENTITY_HELP: dict[str, StrPromise] = {
    RequesterType.INDIVIDUAL: _("Perorangan: unggah KTP atau paspor."),
    RequesterType.LEGAL_ENTITY: _("Badan hukum: unggah akta pendirian yang telah disahkan."),
    RequesterType.GROUP: _("Kelompok orang: unggah surat kuasa dan KTP para pemberi kuasa."),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by ``files.validate_upload``."""

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": request_files.accept_attribute(kind)})
        )
        kwargs.setdefault("required", False)
        self.kind = kind
        super().__init__(*args, **kwargs)

    @property
    def limits(self) -> str:
        """Shown before upload by partials/form_fields.html (in the active language)."""
        return request_files.describe_limits(self.kind)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not items:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned: list[UploadedFile] = []
        errors: list[ValidationError] = []
        for item in items:
            single = forms.FileField.clean(self, item, initial)
            try:
                request_files.validate_upload(single, self.kind)
            except ValidationError as error:
                errors.append(
                    ValidationError(
                        "%(name)s: %(error)s",
                        params={"name": single.name, "error": " ".join(error.messages)},
                    )
                )
            cleaned.append(single)
        if errors:
            raise ValidationError(errors)
        return cleaned


def body_label(body: Body) -> str:
    """A body's value in the picker (unique thanks to the code); typed or posted, the
    field accepts it, the exact name, the code or the slug."""
    return f"{body.name} ({body.code})"


# Regions in the picker: the province first, then regencies, then cities (Perki 1/2021
# names the PPID of each), then bodies that belong to none.
REGION_ORDER: dict[str, int] = {BodyKind.PROVINCE: 0, BodyKind.REGENCY: 1, BodyKind.CITY: 2}


def grouped_body_choices(queryset: QuerySet[Body]) -> list[tuple[str, Any]]:
    """The picker's options grouped by region (``<optgroup>``), each with its full name:
    "Dinas Kesehatan" of the province and "Dinas Kesehatan Kabupaten Barito Utara" no
    longer sit side by side with nothing telling them apart (issue 13). Two queries,
    whatever the depth of the tree."""
    everyone = {body.pk: body for body in Body.objects.only("name", "kind", "parent_id")}

    def region_of(body: Body) -> Body | None:
        node: Body | None = body
        for _step in range(TREE_MAX_DEPTH):
            if node is None or node.kind in REGION_KINDS:
                return node
            node = everyone.get(node.parent_id) if node.parent_id else None
        return None

    # Per region: (not the region itself, full name, value, text), sorted as listed.
    groups: dict[int | None, list[tuple[bool, str, str, str]]] = {}
    for body in queryset.only("name", "code", "kind", "parent_id", "short_name"):
        region = region_of(body)
        name = body.name
        if region is not None and region.pk != body.pk and region.name not in name:
            name = f"{name} — {region.name}"
        own = region is not None and region.pk == body.pk
        groups.setdefault(region.pk if region else None, []).append(
            (not own, name, body_label(body), f"{name} ({body.code})")
        )

    def order(key: int | None) -> tuple[int, str]:
        if key is None:
            return (9, "")
        return (REGION_ORDER.get(everyone[key].kind, 9), everyone[key].name)

    choices: list[tuple[str, Any]] = [("", _("— Pilih badan publik —"))]
    for key in sorted(groups, key=order):
        # The region's own government first, then its bodies by name.
        options = [(value, text) for _own, _name, value, text in sorted(groups[key])]
        label = everyone[key].name if key is not None else _("Badan publik lain")
        choices.append((str(label), options))
    return choices


class BodySelect(forms.Select):
    """A ``<select>`` with one group per region; ``js/body-filter.js`` adds a search box
    above it that matches names and abbreviations (without JavaScript: the plain list)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "data-body-filter": "",
                "data-filter-label": _("Cari badan publik (nama atau singkatan, mis. DINKES)"),
                "data-filter-count": _("{count} badan publik cocok"),
                **(attrs or {}),
            }
        )


class BodyChoiceField(forms.CharField):
    """The body picker: a grouped list of the directory (``BodySelect``). Accepts the
    listed value, the exact name, the code or the slug (a kept draft, a link)."""

    def __init__(self, *args: Any, queryset: QuerySet[Body], **kwargs: Any) -> None:
        self.queryset = queryset
        kwargs.setdefault("widget", BodySelect())
        super().__init__(*args, **kwargs)

    def load_choices(self) -> None:
        """The options, from the database at the time of the form (not of the import)."""
        assert isinstance(self.widget, forms.Select)
        self.widget.choices = grouped_body_choices(self.queryset)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Body):
            return body_label(value)
        return value

    def clean(self, value: Any) -> Body | None:
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        name, code = text, ""
        if text.endswith(")") and " (" in text:
            name, _sep, rest = text.rpartition(" (")
            code = rest[:-1]
        if code:
            match = self.queryset.filter(code__iexact=code, name__iexact=name).first()
            if match is not None:
                return match
        candidates = list(
            self.queryset.filter(
                Q(name__iexact=text) | Q(code__iexact=text) | Q(slug__iexact=text)
            )[:2]
        )
        if len(candidates) == 1:
            return candidates[0]
        raise ValidationError(
            _("Pilih badan publik dari daftar (ketik sebagian namanya)."), code="invalid_body"
        )


def active_bodies() -> QuerySet[Body]:
    return Body.objects.active().order_by("name")


class RequestForm(HoneypotMixin, forms.Form):
    """The online request form (UU 14/2008 Pasal 22(2); Perki 1/2021 form fields), with a
    honeypot field for bots (issue 5)."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    body = BodyChoiceField(
        label=_("Badan publik yang dituju"),
        queryset=active_bodies(),
        help_text=_(
            "Dikelompokkan menurut provinsi, kabupaten dan kota. Pilih badan publik yang"
            " memegang informasinya."
        ),
    )
    subject = forms.CharField(
        label=_("Rincian informasi yang dibutuhkan"),
        # suggest.js shows matching DIP entries and published requests while typing.
        widget=forms.Textarea(
            attrs={"rows": 5, "data-suggest-url": reverse_lazy("search:suggest")}
        ),
        max_length=5000,
        help_text=_(
            "Tuliskan sejelas mungkin informasi apa yang Anda minta, dan untuk kurun waktu kapan."
        ),
    )
    purpose = forms.CharField(
        label=_("Tujuan penggunaan informasi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Boleh dikosongkan (UU 14/2008 Pasal 4 ayat 3)."),
    )
    how_to_obtain = forms.ChoiceField(
        label=_("Cara memperoleh informasi"),
        choices=HowToObtain.choices,
        widget=forms.RadioSelect,
    )
    delivery = forms.ChoiceField(
        label=_("Cara mendapatkan salinan informasi"),
        choices=[("", _("— tidak perlu salinan —")), *Delivery.choices],
        required=False,
    )
    attachments = MultipleFileField(
        label=_("Lampiran (tidak wajib)"),
        kind=FileKind.ATTACHMENT,
        help_text=_("PDF, gambar atau dokumen kantor pendukung permohonan Anda."),
    )
    identity_documents = MultipleFileField(
        label=_("Dokumen identitas"),
        kind=FileKind.IDENTITY,
        help_text=IDENTITY_HELP[RequesterType.INDIVIDUAL],
    )
    publish_allowed = forms.BooleanField(
        label=_(
            "Permohonan ini (tanpa identitas saya) boleh diumumkan di log permohonan publik"
            " setelah dijawab."
        ),
        required=False,
        initial=False,
    )

    def __init__(self, *args: Any, requester_type: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("token"):
            # A fresh token per render: the same page submitted twice makes one request.
            self.initial["token"] = uuid.uuid4().hex
        if requester_type in IDENTITY_HELP:
            self.fields["identity_documents"].help_text = IDENTITY_HELP[requester_type]
        body_field = self.fields["body"]
        assert isinstance(body_field, BodyChoiceField)
        body_field.queryset = active_bodies()
        body_field.load_choices()

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"]
        if not token.isalnum():
            raise ValidationError(_("Formulir tidak sah. Muat ulang halaman."), code="token")
        return token

    def draft(self) -> dict[str, Any]:
        """The typed text fields, for keeping in the session while the visitor logs in."""
        data = self.data
        return {name: str(data.get(name, ""))[:DRAFT_MAX_LENGTH] for name in DRAFT_FIELDS}


class IdentityForm(forms.Form):
    """The requester's identity as recorded by an officer, or completed by the requester."""

    requester_type = forms.ChoiceField(
        label=_("Jenis pemohon"), choices=RequesterType.choices, initial=RequesterType.INDIVIDUAL
    )
    name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    nik = forms.CharField(
        label=_("NIK"),
        max_length=32,
        required=False,
        help_text=_("16 angka pada KTP; wajib untuk pemohon perorangan."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    legal_entity_decree = forms.CharField(
        label=_("Nomor SK pengesahan badan hukum"),
        max_length=200,
        required=False,
        help_text=_("Wajib untuk badan hukum."),
    )
    address = forms.CharField(
        label=_("Alamat"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
    phone = forms.CharField(label=_("Telepon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    acting_for = forms.CharField(
        label=_("Bertindak atas nama (jika dengan kuasa)"), max_length=200, required=False
    )

    def clean_nik(self) -> str:
        nik = (self.cleaned_data.get("nik") or "").strip()
        return validate_nik(nik) if nik else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("requester_type")
        if kind == RequesterType.INDIVIDUAL and not cleaned.get("nik") and "nik" not in self.errors:
            self.add_error("nik", _("Isi NIK untuk pemohon perorangan."))
        if kind == RequesterType.LEGAL_ENTITY and not cleaned.get("legal_entity_decree"):
            self.add_error("legal_entity_decree", _("Isi nomor SK untuk badan hukum."))
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", _("Isi nomor telepon atau alamat e-mail."))
        return cleaned

    def identity_kwargs(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name) or ""
            for name in (
                "requester_type",
                "name",
                "nik",
                "legal_entity_decree",
                "address",
                "phone",
                "email",
                "acting_for",
            )
        }


class CompleteIdentityForm(IdentityForm):
    identity_documents = MultipleFileField(
        label=_("Dokumen identitas"),
        kind=FileKind.IDENTITY,
        help_text=_(
            "KTP atau paspor (perorangan); akta pendirian (badan hukum); surat kuasa dan KTP"
            " pemberi kuasa (kelompok)."
        ),
    )


class RegisterForm(IdentityForm):
    """Registration by an officer of a request received at the desk, by letter, e-mail or
    phone, with the real time of receipt (Pasal 22(4)–(6))."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    body = forms.ModelChoiceField(label=_("Badan publik yang dituju"), queryset=Body.objects.none())
    channel = forms.ChoiceField(
        label=_("Saluran"),
        choices=[
            (value, label)
            for value, label in Channel.choices
            if value not in (Channel.ONLINE, Channel.REFERRAL)
        ],
    )
    received_at = forms.DateTimeField(
        label=_("Waktu diterima"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("Waktu sebenarnya permohonan diterima; tenggat dihitung dari sini."),
    )
    subject = forms.CharField(
        label=_("Rincian informasi yang dibutuhkan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    purpose = forms.CharField(
        label=_("Tujuan penggunaan informasi"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    how_to_obtain = forms.ChoiceField(
        label=_("Cara memperoleh informasi"), choices=HowToObtain.choices
    )
    delivery = forms.ChoiceField(
        label=_("Cara mendapatkan salinan"),
        choices=[("", _("— tidak perlu salinan —")), *Delivery.choices],
        required=False,
    )
    publish_allowed = forms.BooleanField(
        label=_("Pemohon mengizinkan permohonan (tanpa identitas) diumumkan"), required=False
    )
    attachments = MultipleFileField(
        label=_("Lampiran / surat permohonan"), kind=FileKind.ATTACHMENT
    )
    identity_documents = MultipleFileField(label=_("Dokumen identitas"), kind=FileKind.IDENTITY)

    field_order = [
        "body",
        "channel",
        "received_at",
        "requester_type",
        "name",
        "nik",
        "legal_entity_decree",
        "address",
        "phone",
        "email",
        "acting_for",
        "subject",
        "purpose",
        "how_to_obtain",
        "delivery",
        "publish_allowed",
        "attachments",
        "identity_documents",
    ]

    def __init__(self, *args: Any, bodies: Sequence[Body] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("token"):
            self.initial["token"] = uuid.uuid4().hex
        self.fields["body"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            pk__in=[body.pk for body in bodies]
        ).order_by("name")

    def clean_received_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["received_at"]
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError(_("Waktu diterima tidak boleh di masa depan."), code="future")
        return value

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"]
        if not token.isalnum():
            raise ValidationError(_("Formulir tidak sah. Muat ulang halaman."), code="token")
        return token


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Pesan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Catatan internal (tidak terlihat oleh pemohon)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class IdentityIncompleteForm(forms.Form):
    message = forms.CharField(
        label=_("Apa yang perlu dilengkapi pemohon"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan (tidak wajib)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("Saya yakin ingin mencabut permohonan ini."),
        error_messages={"required": _("Centang konfirmasi untuk mencabut permohonan.")},
    )


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Petugas penanggung jawab"), queryset=User.objects.none()
    )

    def __init__(self, *args: Any, officers: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers  # type: ignore[attr-defined]


class ForwardForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("PPID Pelaksana yang dituju"),
        queryset=Body.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    instruction = forms.CharField(
        label=_("Instruksi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    internal_due_date = forms.DateField(
        label=_("Batas waktu internal"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, units: Iterable[Body] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            pk__in=[unit.pk for unit in units]
        ).order_by("name")


class DraftForm(forms.Form):
    draft_text = forms.CharField(
        label=_("Draf jawaban"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
    documents = MultipleFileField(label=_("Dokumen jawaban"), kind=FileKind.DRAFT)


class NoticeForm(forms.Form):
    """The written notice (Pasal 22(7)); the fields each outcome needs are checked again by
    ``actions.send_notice``."""

    outcome = forms.ChoiceField(
        label=_("Keputusan"), choices=[("", _("— pilih —")), *Outcome.choices], required=False
    )
    material = forms.CharField(
        label=_("Materi informasi yang diberikan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    withheld = forms.CharField(
        label=_("Bagian yang dihitamkan/dikecualikan dan alasannya (dikabulkan sebagian)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    exemption_ground = forms.ChoiceField(
        label=_("Dasar pengecualian, Pasal 17 (ditolak)"),
        choices=[("", _("— pilih —")), *law.ground_choices()],
        required=False,
    )
    consequence_test = forms.CharField(
        label=_("Uji konsekuensi, Pasal 19 (ditolak)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    holding_body = forms.ModelChoiceField(
        label=_(
            "Badan publik yang menguasai informasi (tidak dikuasai; kosongkan bila tidak diketahui)"
        ),
        queryset=Body.objects.none(),
        required=False,
    )
    holding_body_name = forms.CharField(
        label=_("atau nama badan publik di luar platform"), max_length=200, required=False
    )
    available_on = forms.DateField(
        label=_("Tanggal informasi tersedia (belum didokumentasikan, atau melihat di kantor)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )
    place = forms.CharField(
        label=_("Tempat melihat informasi (melihat di kantor)"), max_length=200, required=False
    )
    form = forms.ChoiceField(
        label=_("Bentuk informasi"),
        choices=[("", "—"), *HowToObtain.choices],
        required=False,
    )
    delivery = forms.ChoiceField(
        label=_("Cara penyampaian"), choices=[("", "—"), *Delivery.choices], required=False
    )
    pages = forms.IntegerField(label=_("Jumlah halaman salinan"), min_value=0, initial=0)
    fee_per_page = forms.IntegerField(label=_("Biaya per halaman (Rp)"), min_value=0, initial=0)
    delivery_cost = forms.IntegerField(label=_("Biaya pengiriman (Rp)"), min_value=0, initial=0)
    payment_instructions = forms.CharField(
        label=_("Cara pembayaran"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    letter_text = forms.CharField(
        label=_("Isi surat"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    # The fields each outcome states (Pasal 22(7)); ``outcome`` comes first, alone. The
    # page shows only the chosen outcome's fields (issue 13), and a field of another
    # outcome is saved empty, so a ground of a refusal never lingers on a grant after the
    # officer changed his mind.
    OUTCOME_FIELDS: dict[str, tuple[str, ...]] = {
        "material": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        "withheld": (Outcome.GRANTED_IN_PART,),
        "exemption_ground": (Outcome.REFUSED_EXEMPT,),
        "consequence_test": (Outcome.REFUSED_EXEMPT,),
        "holding_body": (Outcome.NOT_HELD,),
        "holding_body_name": (Outcome.NOT_HELD,),
        "available_on": (Outcome.GRANTED, Outcome.GRANTED_IN_PART, Outcome.NOT_YET_DOCUMENTED),
        "place": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        "form": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        "delivery": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        "pages": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        "fee_per_page": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        "delivery_cost": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        "payment_instructions": (Outcome.GRANTED, Outcome.GRANTED_IN_PART),
        # Every notice's letter, shown once an outcome is chosen.
        "letter_text": tuple(Outcome),
    }

    def __init__(
        self,
        *args: Any,
        holding_bodies: QuerySet[Body] | None = None,
        shown_outcome: str = "",
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["holding_body"].queryset = (  # type: ignore[attr-defined]
            holding_bodies if holding_bodies is not None else Body.objects.active()
        )
        # Each outcome's field carries the outcomes it belongs to on its wrapper
        # (partials/form_fields.html); static/js/notice.js shows them as the choice changes,
        # and without JavaScript the page shows those of ``shown_outcome`` only.
        for name, outcomes in self.OUTCOME_FIELDS.items():
            self.fields[name].wrapper_attrs = {  # type: ignore[attr-defined]
                "data-outcomes": " ".join(outcomes),
                "hidden": shown_outcome not in outcomes,
            }
        self.fields["outcome"].widget.attrs["data-notice-outcome"] = "true"

    def notice_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["available_on"] = data.get("available_on") or None
        outcome = data.get("outcome") or ""
        if outcome:
            for name, outcomes in self.OUTCOME_FIELDS.items():
                if outcome not in outcomes and name in data:
                    data[name] = None
        return data


class SendNoticeForm(forms.Form):
    released_files = forms.ModelMultipleChoiceField(
        label=_("Dokumen yang diberikan kepada pemohon"),
        queryset=RequestFile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.BooleanField(
        label=_(
            "Saya sudah memeriksa pemberitahuan ini. Setelah dikirim, pemberitahuan tidak dapat"
            " diubah."
        ),
        error_messages={"required": _("Centang konfirmasi sebelum mengirim pemberitahuan.")},
    )

    def __init__(self, *args: Any, candidates: QuerySet[RequestFile] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["released_files"].queryset = candidates  # type: ignore[attr-defined]
        self.fields["released_files"].label_from_instance = (  # type: ignore[attr-defined]
            lambda obj: f"{obj.original_name} ({obj.get_kind_display()})"
        )


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label=_("Tambahan hari kerja"),
        min_value=1,
        max_value=law.NOTICE_EXTENSION_MAX_WORKING_DAYS,
        help_text=format_lazy(
            _("Paling lama {days} hari kerja, hanya sekali (UU 14/2008 Pasal 22 ayat 8)."),
            days=law.NOTICE_EXTENSION_MAX_WORKING_DAYS,
        ),
    )
    reason = forms.CharField(
        label=_("Alasan tertulis"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("Ralat pemberitahuan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class InboxFilterForm(forms.Form):
    DEADLINE_CHOICES = [
        ("", _("Semua")),
        (counting.OVERDUE, _("Lewat tenggat")),
        (
            counting.SOON,
            format_lazy(_("Tenggat ≤ {days} hari kerja"), days=counting.DUE_SOON_WORKING_DAYS),
        ),
        (counting.ON_TIME, _("Masih dalam waktu")),
    ]
    q = forms.CharField(
        label=_("Cari nomor, isi permohonan atau nama pemohon"),
        max_length=200,
        required=False,
        widget=PlainInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua yang terbuka")), ("all", _("Semua status")), *Status.choices],
        required=False,
        widget=PlainSelect,
    )
    deadline = forms.ChoiceField(
        label=_("Tenggat"), choices=DEADLINE_CHOICES, required=False, widget=PlainSelect
    )
    channel = forms.ChoiceField(
        label=_("Saluran"),
        choices=[("", _("Semua")), *Channel.choices],
        required=False,
        widget=PlainSelect,
    )
    body = forms.ModelChoiceField(
        label=_("Badan publik"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("Semua"),
    )
    mine = forms.BooleanField(
        label=_("Hanya yang ditugaskan kepada saya"), required=False, widget=PlainCheckbox
    )

    def __init__(self, *args: Any, bodies: Sequence[Body] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The officer's bodies are what a chosen body is checked against. The page writes
        # the options itself (``views.officer._body_options``), so the condition is only
        # built when a body was chosen: for a hub's PPID Utama its 500 values cost more
        # than the rest of the form (issue 14).
        if self.is_bound and self.data.get(self.add_prefix("body")):
            self.fields["body"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
                pk__in=[body.pk for body in bodies]
            ).order_by("name")


class LogFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), max_length=200, required=False, widget=PlainInput)
    body = forms.ModelChoiceField(
        label=_("Badan publik"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("Semua"),
        to_field_name="slug",
        widget=QuickSelect,  # hundreds of bodies (issue 14)
    )
    outcome = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("", _("Semua")), *Outcome.choices],
        required=False,
        widget=PlainSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ModelChoiceField)
        body.queryset = Body.objects.active().order_by("name")  # validates the chosen one
        # The options from this process's tree of bodies (``bodies.tree``): building 500
        # model objects per page cost more than the rest of the log (issue 14).
        current = tree.snapshot()
        body.widget.choices = PreparedChoices(
            [("", body.empty_label)],
            current.memo("log_body_choices", lambda: [(b.slug, b.name) for b in current.active]),
        )
