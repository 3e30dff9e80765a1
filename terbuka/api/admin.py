"""Partner tokens in the admin: issue (the secret is shown once, in the confirmation
message), see when each was last used, revoke. A token's scope is never edited: a partner
whose needs change gets a new token and the old one is revoked, so the audit trail says
which scope each call had."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.api import actions
from terbuka.api.models import ApiToken

FLAGS = ("can_submit_requests", "can_read_status", "can_push_dip")


class IssueForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "user", "bodies", *FLAGS, "expires_at"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            actions.validate_request(
                name=data.get("name", ""),
                user=data["user"],
                bodies=list(data.get("bodies") or []),
                expires_at=data["expires_at"],
                **{flag: bool(data.get(flag)) for flag in FLAGS},
            )
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["can_submit_requests", "can_read_status", "can_push_dip"]
    search_fields = ["name", "prefix"]
    filter_horizontal = ["bodies"]
    actions = ["revoke"]
    form = IssueForm

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is None:
            return ()
        return [
            "name",
            "user",
            "bodies",
            *FLAGS,
            "expires_at",
            "prefix",
            "created_at",
            "revoked_at",
            "last_used_at",
        ]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        data = form.cleaned_data
        token, secret = actions.issue_token(
            actor=request.user,
            name=data["name"],
            user=data["user"],
            bodies=list(data["bodies"]),
            expires_at=data["expires_at"],
            **{flag: bool(data.get(flag)) for flag in FLAGS},
        )
        obj.pk = token.pk
        obj.prefix = token.prefix
        messages.warning(
            request,
            _(
                "Token API untuk %(name)s: %(secret)s — salin sekarang, token ini tidak akan "
                "ditampilkan lagi."
            )
            % {"name": token.name, "secret": secret},
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The action set the bodies when it issued the token; a token's scope never changes.
        return

    @admin.action(description=gettext_lazy("Cabut token terpilih"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            actions.revoke_token(actor=request.user, token=token)
        messages.success(request, _("Token dicabut."))
