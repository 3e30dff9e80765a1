"""Admin for the DIP and DIK. Changes made here go through the same actions as the
officers' pages, so they are checked, audited and re-indexed alike."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from terbuka.catalog import actions
from terbuka.catalog.models import Document, DocumentVersion, Entry, Exemption


class DocumentInline(admin.TabularInline):
    model = Document
    fields = ["title", "link"]
    extra = 0
    show_change_link = True


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "category", "published_on", "next_update_due", "is_published"]
    list_filter = ["category", "is_published"]
    search_fields = ["title", "number", "body__name"]
    list_select_related = ["body"]
    autocomplete_fields = ["body", "unit"]
    readonly_fields = ["public_id", "created_by", "created_at", "updated_at"]
    fields = ["body", *actions.ENTRY_FIELDS, *readonly_fields]
    inlines = [DocumentInline]

    def save_model(self, request: HttpRequest, obj: Entry, form: Any, change: bool) -> None:
        fields = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name in actions.ENTRY_FIELDS
        }
        if change:
            actions.update_entry(actor=None, entry=obj, **fields)
        else:
            saved = actions.create_entry(actor=None, body=form.cleaned_data["body"], **fields)
            obj.pk = saved.pk


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = [
        "number",
        "original_name",
        "content_type",
        "size",
        "extraction_status",
        "extraction_error",
        "used_ocr",
    ]
    readonly_fields = [
        "number",
        "original_name",
        "content_type",
        "size",
        "extraction_status",
        "extraction_error",
        "used_ocr",
    ]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "entry"]
    search_fields = ["title", "entry__title"]
    readonly_fields = ["public_id", "entry"]
    inlines = [VersionInline]


class ExemptionAdminForm(forms.ModelForm):
    class Meta:
        model = Exemption
        fields = ["body", *actions.EXEMPTION_FIELDS]

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        try:
            actions.validate_exemption(self.instance)
        except ValidationError as error:
            self._update_errors(error)  # type: ignore[attr-defined]


@admin.register(Exemption)
class ExemptionAdmin(admin.ModelAdmin):
    form = ExemptionAdminForm
    list_display = ["title", "body", "ground", "period_end", "state"]
    list_filter = ["state"]
    search_fields = ["title", "body__name"]
    list_select_related = ["body"]
    autocomplete_fields = ["body", "unit"]
    readonly_fields = ["public_id", "warned_at", "ended_notice_at", "created_by"]

    def save_model(self, request: HttpRequest, obj: Exemption, form: Any, change: bool) -> None:
        fields = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name in actions.EXEMPTION_FIELDS
        }
        if change:
            actions.update_exemption(actor=None, exemption=obj, **fields)
        else:
            saved = actions.create_exemption(actor=None, body=form.cleaned_data["body"], **fields)
            obj.pk = saved.pk
