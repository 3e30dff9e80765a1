"""Admin for users (officers are created here, with their roles) and requester profiles.

Requester profiles hold personal data (UU 14/2008 Pasal 17 huruf h; UU 27/2022): the list
never shows NIK, address or phone, the NIK is only ever shown masked, and opening a
profile is recorded in the audit trail (UU 27/2022 Pasal 31).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UsernameField
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from terbuka.accounts import actions
from terbuka.accounts.models import RequesterProfile, User
from terbuka.audit.log import record
from terbuka.bodies.admin import RoleAuditMixin, RoleInline


class OfficerCreationForm(AdminUserCreationForm):
    email = forms.EmailField(label=_("Alamat e-mail"), max_length=254)

    class Meta:
        model = User
        fields = ("username", "email", "first_name", "last_name")
        field_classes = {"username": UsernameField}

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Alamat e-mail ini sudah terdaftar."), code="unique")
        return email

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        # The administrator vouches for an officer's address.
        user.email_verified = True
        if commit:
            user.save()
        return user


@admin.register(User)
class UserAdmin(RoleAuditMixin, DjangoUserAdmin):
    add_form = OfficerCreationForm
    inlines = [RoleInline]
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "email_verified",
        "is_staff",
        "is_active",
        "role_list",
    ]
    list_filter = ["email_verified", "is_staff", "is_superuser", "is_active", "roles__kind"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Data pribadi"), {"fields": ["first_name", "last_name", "email", "email_verified"]}),
        (
            _("Hak akses"),
            {
                "fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"],
                "description": _(
                    "Administrator platform adalah superuser. Peran PPID diberikan di bawah."
                ),
            },
        ),
        (_("Tanggal penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "email",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("roles__body")

    @admin.display(description=_("peran"))
    def role_list(self, obj: User) -> str:
        return "; ".join(f"{role.get_kind_display()} {role.body}" for role in obj.roles.all())

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        for role in obj.roles.select_related("body", "user"):
            actions.revoke_role(actor=request.user, role=role)  # type: ignore[arg-type]
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            self.delete_model(request, user)


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
