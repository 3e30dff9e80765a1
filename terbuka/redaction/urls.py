"""Mounted at /hitamkan/. Files are addressed by their random UUID only (PITFALLS.md 12)."""

from django.urls import path

from terbuka.redaction import views

app_name = "redaction"
urlpatterns = [
    path("berkas/<uuid:file_public_id>/", views.redact, name="redact"),
    path("berkas/<uuid:file_public_id>/halaman/<int:page>.png", views.page_image, name="page"),
]
