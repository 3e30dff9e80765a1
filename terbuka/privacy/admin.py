"""Admin: each body's retention period (its archive schedule) is set here. The other
records are read-only in the admin: they change only through the DPO's pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from terbuka.privacy.models import (
    DEFAULT_RETENTION_MONTHS,
    Anonymisation,
    Breach,
    DataSubjectRequest,
    RetentionPolicy,
)


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ["body", "months", "updated_at"]
    search_fields = ["body__name"]
    autocomplete_fields = ["body"]
    fields = ["body", "months", "note"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["months"].help_text = _(
            "Dihitung sejak permohonan selesai (dijawab atau dicabut). Badan publik tanpa"
            " pengaturan memakai %(default)s bulan. Setelah itu `apply_retention`"
            " menganonimkan data pribadi pemohon dan menghapus dokumen identitas."
        ) % {"default": DEFAULT_RETENTION_MONTHS}
        return form


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyAdmin):
    list_display = ["info_request", "reason", "at"]
    list_filter = ["reason"]


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(ReadOnlyAdmin):
    # No requester names in the list: the DPO's pages show them, and record who looked.
    list_display = ["kind", "body", "status", "received_at", "due_at"]
    list_filter = ["kind", "status"]
    fields = ["kind", "body", "status", "received_at", "due_at", "handled_at"]


@admin.register(Breach)
class BreachAdmin(ReadOnlyAdmin):
    list_display = ["body", "discovered_at", "notify_deadline", "status"]
    list_filter = ["status"]
