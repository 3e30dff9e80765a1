"""Administrators edit the calendar here; every save and delete goes through the actions,
so the admin writes the same audit records and recomputes the same deadlines as any other
caller."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from terbuka.workdays import actions
from terbuka.workdays.forms import CalendarDayAdminForm
from terbuka.workdays.models import CalendarDay, CalendarSettings


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    form = CalendarDayAdminForm
    list_display = [
        "date",
        "weekday",
        "name",
        "kind",
        "scope",
        "is_day_off",
        "is_active",
        "source",
    ]
    list_filter = ["kind", "is_active", "is_day_off", "source", "body"]
    date_hierarchy = "date"
    search_fields = ["name", "body__name", "body__slug"]
    list_select_related = ["body"]
    actions = ["restore_days"]

    @admin.display(description=_("hari"))
    def weekday(self, obj: CalendarDay) -> str:
        return date_format(obj.date, "l")

    @admin.display(description=_("berlaku untuk"), ordering="body__name")
    def scope(self, obj: CalendarDay) -> str:
        return obj.body.name if obj.body is not None else gettext("Nasional")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        history = ["source", "is_active", "created_at", "updated_at"]
        if obj is not None and not obj.is_active:
            # A removed day is history: restore it with the list action, then edit it.
            return ["date", "name", "kind", "body", "is_day_off", *history]
        return history if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        data = form.cleaned_data
        fields = {
            "date": data["date"],
            "name": data["name"],
            "kind": data["kind"],
            "body": data.get("body"),
            "is_day_off": data["is_day_off"],
        }
        if change:
            saved = actions.change_day(actor=request.user, day=obj, **fields)
        else:
            saved = actions.add_day(actor=request.user, **fields)
        # The admin logs and links the object it passed in: give it the stored row's state.
        obj.pk = saved.pk
        obj.source = saved.source
        obj.is_active = saved.is_active
        obj.created_at = saved.created_at
        obj.updated_at = saved.updated_at

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._remove(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        for day in queryset:
            self._remove(request, day)

    def _remove(self, request: HttpRequest, day: CalendarDay) -> None:
        try:
            actions.remove_day(actor=request.user, day=day)
        except ValidationError as error:
            self.message_user(request, f"{day}: {' '.join(error.messages)}", messages.WARNING)

    @admin.action(description=_("Kembalikan hari yang dipilih ke kalender"))
    def restore_days(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        restored = 0
        for day in queryset:
            try:
                actions.restore_day(actor=request.user, day=day)
            except ValidationError as error:
                self.message_user(request, f"{day}: {' '.join(error.messages)}", messages.WARNING)
            else:
                restored += 1
        if restored:
            self.message_user(
                request,
                gettext("%(count)s hari dikembalikan ke kalender.") % {"count": restored},
                messages.SUCCESS,
            )


@admin.register(CalendarSettings)
class CalendarSettingsAdmin(admin.ModelAdmin):
    """A single row (id 1): the list page goes straight to it."""

    fields = ["cuti_bersama_is_day_off", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        settings = CalendarSettings.load()
        return HttpResponseRedirect(
            reverse("admin:workdays_calendarsettings_change", args=[settings.pk])
        )

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        saved = actions.set_cuti_bersama_rule(
            actor=request.user, is_day_off=form.cleaned_data["cuti_bersama_is_day_off"]
        )
        obj.pk = saved.pk
        obj.updated_at = saved.updated_at
