"""Admin: requests are read-only here (every change goes through ``actions``, so it is
checked, logged on the timeline and notified the same way everywhere). The requester's
NIK, address, phone and e-mail are not shown at all: administrators manage the platform,
they do not handle requests (bodies.permissions). Service settings are editable per body.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from terbuka.requests.models import Event, InfoRequest, ServiceSettings

PERSONAL_FIELDS = (
    "requester_nik",
    "requester_address",
    "requester_phone",
    "requester_email",
    "requester_legal_entity_decree",
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(ReadOnlyInline):
    model = Event
    fields = ("at", "kind", "actor", "old_status", "new_status", "note", "is_internal")
    readonly_fields = fields


@admin.register(InfoRequest)
class InfoRequestAdmin(admin.ModelAdmin):
    list_display = ["number", "body", "status", "channel", "received_at", "due_date"]
    list_filter = ["status", "channel", "ppid_body"]
    search_fields = ["number", "subject"]
    date_hierarchy = "received_at"
    list_select_related = ["body"]
    exclude = PERSONAL_FIELDS
    inlines = [EventInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [
            field.name
            for field in InfoRequest._meta.fields
            if field.name not in PERSONAL_FIELDS and field.name != "id"
        ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Viewing only: Django shows a read-only page when view permission is granted.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ServiceSettings)
class ServiceSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "body",
        "number_format",
        "number_code",
        "fee_per_page",
        "identity_restarts_clock",
        "identity_days",
    ]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    search_fields = ["body__name", "number_code"]
