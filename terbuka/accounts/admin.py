"""Admin for requester profiles (users and their roles: ``terbuka.bodies.admin``).

Requester profiles hold personal data (UU 14/2008 Pasal 17 huruf h; UU 27/2022): the list
never shows NIK, address or phone, the NIK is only ever shown masked, and opening a
profile is recorded in the audit trail (UU 27/2022 Pasal 31).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from terbuka.accounts.models import RequesterProfile
from terbuka.audit.log import record


@admin.register(RequesterProfile)
class RequesterProfileAdmin(admin.ModelAdmin):
    """Read-only: a requester keeps his own identity up to date on his profile page."""

    list_display = ["full_name", "user", "requester_type", "complete", "updated_at"]
    list_filter = ["requester_type"]
    search_fields = ["full_name", "user__username"]
    list_select_related = ["user"]
    fields = (
        "user",
        "requester_type",
        "full_name",
        "masked_nik",
        "legal_entity_decree",
        "address",
        "phone",
        "updated_at",
    )
    readonly_fields = fields

    @admin.display(description=_("NIK"))
    def masked_nik(self, obj: RequesterProfile) -> str:
        return obj.masked_nik or "—"

    @admin.display(description=_("identitas lengkap"), boolean=True)
    def complete(self, obj: RequesterProfile) -> bool:
        return obj.is_complete

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: RequesterProfile) -> None:
        record(actor=request.user, action="profile.deleted", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RequesterProfile]) -> None:
        for profile in queryset:
            self.delete_model(request, profile)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200 and self.has_view_permission(request):
            record(
                actor=request.user,
                action="profile.viewed",
                obj=self.get_object(request, object_id),
                summary=str(_("Dibuka di admin")),
            )
        return response
