"""Mounted at /hitamkan/. Files are addressed by random UUIDs only (PITFALLS.md 12)."""

from django.urls import path

from terbuka.redaction import views

app_name = "redaction"
urlpatterns = [
    # A request's draft file.
    path("berkas/<uuid:file_public_id>/", views.redact, name="redact"),
    path("berkas/<uuid:file_public_id>/halaman/<int:page>.png", views.page_image, name="page"),
    # The latest version of a DIP document.
    path("dip/<uuid:public_id>/v<int:number>/", views.redact_version, name="redact_version"),
    path(
        "dip/<uuid:public_id>/v<int:number>/halaman/<int:page>.png",
        views.version_page,
        name="version_page",
    ),
    path("asli/<uuid:public_id>/", views.original, name="original"),
]
