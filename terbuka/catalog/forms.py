"""Officer forms. They validate input; the changes themselves happen in ``actions``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.catalog import actions, documents
from terbuka.catalog.models import Category, Entry, Exemption
from terbuka.widgets import PlainSelect, PreparedChoices, QuickSelect

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = list(actions.ENTRY_OFFICER_FIELDS)
        widgets = {
            "published_on": DATE_INPUT,
            "last_updated_on": DATE_INPUT,
            "next_update_due": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        units = [child.pk for child in Body.objects.filter(parent=body, is_active=True)]
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Body.objects.filter(pk__in=[body.pk, *units])
        self.fields["next_update_due"].help_text = _(
            "Untuk informasi berkala: kosongkan untuk %(months)s bulan sejak pembaruan terakhir;"
            " tanggal yang lebih lambat dari itu disesuaikan."
        ) % {"months": law.BERKALA_UPDATE_MONTHS}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("available_softcopy") and not cleaned.get("available_hardcopy"):
            raise ValidationError(_("Pilih paling sedikit satu bentuk: softcopy atau hardcopy."))
        return cleaned

    def _post_clean(self) -> None:
        # The action builds and validates the model (with the update rule applied).
        pass

    def action_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EntryWithDocumentForm(EntryForm):
    """Create an entry and, optionally, its first document in one step."""

    document_title = forms.CharField(label=_("Judul dokumen"), max_length=300, required=False)
    upload = forms.FileField(
        label=_("Berkas"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT (maks. 25 MB), JPEG atau PNG (maks. 10 MB)."),
        widget=forms.ClearableFileInput(attrs={"accept": documents.ACCEPT_ATTRIBUTE}),
    )
    link = forms.URLField(
        label=_("atau tautan"), required=False, max_length=500, assume_scheme="https"
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            documents.inspect(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("upload") and cleaned.get("link"):
            raise ValidationError(_("Unggah berkas atau isi tautan, tidak keduanya."))
        if (cleaned.get("upload") or cleaned.get("link")) and not cleaned.get("document_title"):
            cleaned["document_title"] = cleaned.get("title", "")
        return cleaned

    def action_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EntryForm.Meta.fields}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=300)
    upload = forms.FileField(
        label=_("Berkas"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT (maks. 25 MB), JPEG atau PNG (maks. 10 MB)."),
        widget=forms.ClearableFileInput(attrs={"accept": documents.ACCEPT_ATTRIBUTE}),
    )
    link = forms.URLField(
        label=_("atau tautan"), required=False, max_length=500, assume_scheme="https"
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            documents.inspect(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        neither_or_both = bool(cleaned.get("upload")) == bool(cleaned.get("link"))
        if neither_or_both and "upload" not in self.errors and "link" not in self.errors:
            raise ValidationError(_("Unggah satu berkas atau isi satu tautan."))
        return cleaned


class VersionForm(forms.Form):
    upload = forms.FileField(
        label=_("Berkas versi baru"),
        help_text=_("Versi lama tetap tersimpan dan dapat diunduh dari riwayat dokumen."),
        widget=forms.ClearableFileInput(attrs={"accept": documents.ACCEPT_ATTRIBUTE}),
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        documents.inspect(upload)
        return upload


class ExemptionForm(forms.ModelForm):
    class Meta:
        model = Exemption
        fields = list(actions.EXEMPTION_OFFICER_FIELDS)
        widgets = {
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
            "decided_on": DATE_INPUT,
            "approved_on": DATE_INPUT,
            "harm": forms.Textarea(attrs={"rows": 4}),
            "public_interest": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Body.objects.filter(pk__in=[body.pk]) | Body.objects.filter(
            parent=body, is_active=True
        )
        ground = self.fields["ground"]
        assert isinstance(ground, forms.ChoiceField)
        ground.choices = [("", "---------"), *law.ground_choices()]

    def _post_clean(self) -> None:
        pass

    def action_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DipFilterForm(forms.Form):
    """The public DIP's filters (issue 13). Every field is optional; a value that does not
    validate is ignored rather than refused, so a hand-edited link still shows a page."""

    badan = forms.ChoiceField(label=_("Badan publik"), required=False, widget=QuickSelect)
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        choices=[("", _("Semua kategori")), *Category.choices],
        widget=PlainSelect,
    )
    tahun = forms.IntegerField(
        label=_("Tahun diumumkan"), required=False, min_value=1945, max_value=2200
    )
    bentuk = forms.ChoiceField(
        label=_("Bentuk tersedia"),
        required=False,
        choices=[("", _("Semua bentuk")), ("softcopy", "softcopy"), ("hardcopy", "hardcopy")],
        widget=PlainSelect,
    )

    def __init__(self, *args: Any, body_choices: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        badan = self.fields["badan"]
        assert isinstance(badan, forms.ChoiceField)
        # A process's list as it is (``PreparedChoices``): not 500 choices normalised per page.
        badan.choices = PreparedChoices([("", _("Semua badan publik"))], body_choices)

    def values(self) -> dict[str, Any]:
        """The filters that validated, by name (empty ones left out)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: value
            for name in self.fields
            if name not in self.errors and (value := cleaned.get(name)) not in (None, "")
        }
