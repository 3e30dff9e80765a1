"""Mounted at /sengketa/. Disputes are addressed by random UUIDs only (PITFALLS.md 12)."""

from django.urls import path

from terbuka.disputes import views

app_name = "disputes"
urlpatterns = [
    path("petugas/", views.inbox, name="inbox"),
    path("petugas/catat/", views.record_external, name="record_external"),
    path(
        "petugas/catat/keberatan/<uuid:public_id>/",
        views.record_from_objection,
        name="record_from_objection",
    ),
    path(
        "petugas/catat/permohonan/<uuid:public_id>/",
        views.record_from_request,
        name="record_from_request",
    ),
    path("petugas/<uuid:public_id>/", views.detail, name="detail"),
    path("petugas/<uuid:public_id>/<slug:step>/", views.step, name="step"),
]
