"""Admin for public bodies, officer roles and users (officers are created here, with their
roles): the platform administrator's tools.

Every role change, wherever in the admin it is made, goes through
``bodies.actions.save_role``/``revoke_role`` so that it leaves an audit record.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UsernameField
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from terbuka import pagecache, uploads
from terbuka.accounts.models import User
from terbuka.audit.log import record
from terbuka.bodies import actions
from terbuka.bodies.models import Body, Role


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["user", "body"]
    fields = ["user", "body", "kind", "position", "nip"]
    verbose_name = _("peran petugas")
    verbose_name_plural = _("peran petugas")


class RoleAuditMixin:
    """Saves the roles of an inline formset through the audited actions."""

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is not Role:
            super().save_formset(request, form, formset, change)  # type: ignore[misc]
            return
        roles = formset.save(commit=False)
        for role in formset.deleted_objects:
            actions.revoke_role(actor=request.user, role=role)
        for role in roles:
            actions.save_role(actor=request.user, role=role)
        formset.save_m2m()


# A logo is small: a letterhead carries it inlined in every letter.
LOGO_MAX_BYTES = 512 * 1024


class BodyAdminForm(ModelForm):
    """The body form; its logo passes the one upload check (``uploads.sniff``) and is kept
    re-encoded without metadata, as every image Terbuka keeps."""

    website = forms.URLField(label=_("situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Body
        # The admin's fieldsets add the others; these are the ones this form checks.
        fields = ["website", "logo"]

    def clean_logo(self) -> object:
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "content_type"):
            return logo  # unchanged or cleared
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Logo paling besar 512 KB."))
        data = logo.read()
        kind = uploads.sniff(data)
        if kind not in (uploads.PNG, uploads.JPEG):
            raise forms.ValidationError(_("Logo harus berkas PNG atau JPEG."))
        try:
            clean = uploads.strip_image_metadata(data, kind)
        except uploads.UnreadableImage:
            raise forms.ValidationError(_("Gambar logo tidak dapat dibaca.")) from None
        extension = "png" if kind == uploads.PNG else "jpg"
        return ContentFile(clean, name=f"logo.{extension}")


@admin.register(Body)
class BodyAdmin(RoleAuditMixin, admin.ModelAdmin):
    form = BodyAdminForm
    list_display = ["name", "code", "kind", "parent", "has_own_ppid", "is_active"]
    list_filter = [
        "kind",
        ("parent", admin.RelatedOnlyFieldListFilter),
        "has_own_ppid",
        "is_active",
    ]
    search_fields = ["name", "short_name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [RoleInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            _("Identitas"),
            {"fields": ["name", "short_name", "code", "slug", "kind", "parent", "is_active"]},
        ),
        (
            _("PPID"),
            {
                "fields": ["has_own_ppid"],
                "description": _(
                    "Badan tanpa PPID Utama sendiri dilayani sebagai unit PPID Pelaksana "
                    "oleh PPID Utama terdekat di atasnya."
                ),
            },
        ),
        (_("Kontak"), {"fields": ["address", "phone", "email", "website", "logo"]}),
        (
            _("Jam layanan"),
            {
                "fields": [
                    "service_days",
                    "opens_at",
                    "closes_at",
                    "timezone",
                    "after_hours_next_day",
                ]
            },
        ),
        (_("Maklumat dan SOP"), {"fields": ["maklumat", "sop"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Body, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record(
            actor=request.user,
            action="body.changed" if change else "body.created",
            obj=obj,
            summary=obj.name,
            detail={"fields": sorted(form.changed_data)},
        )
        pagecache.bump()  # its name, contacts and whether it is listed at all

    def delete_model(self, request: HttpRequest, obj: Body) -> None:
        record(actor=request.user, action="body.deleted", obj=obj, summary=obj.name)
        super().delete_model(request, obj)
        pagecache.bump()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Body]) -> None:
        for body in queryset:
            self.delete_model(request, body)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "body", "position", "created_at"]
    list_filter = ["kind", ("body", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "body__name"]
    autocomplete_fields = ["user", "body"]
    list_select_related = ["user", "body"]
    fields = ["user", "body", "kind", "position", "nip"]

    def save_model(self, request: HttpRequest, obj: Role, form: ModelForm, change: bool) -> None:
        actions.save_role(actor=request.user, role=obj)

    def delete_model(self, request: HttpRequest, obj: Role) -> None:
        actions.revoke_role(actor=request.user, role=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Role]) -> None:
        for role in queryset.select_related("user", "body"):
            actions.revoke_role(actor=request.user, role=role)


__all__ = ["BodyAdmin", "RoleAdmin", "RoleAuditMixin", "RoleInline"]


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
            actions.revoke_role(actor=request.user, role=role)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            self.delete_model(request, user)
