"""Objection settings per body in the admin; objections themselves change only through
``actions`` (the Atasan's and the PPID's pages)."""

from django.contrib import admin

from terbuka.remedies.models import ObjectionSettings


@admin.register(ObjectionSettings)
class ObjectionSettingsAdmin(admin.ModelAdmin[ObjectionSettings]):
    list_display = ["body", "number_format"]
    search_fields = ["body__name"]
    autocomplete_fields = ["body"]
