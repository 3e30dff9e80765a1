"""Catalog URLs, mounted at the site root (terbuka/urls.py), so paths are written in full.

``badan-publik/<slug>/dip/`` does not clash with the bodies app's ``badan-publik/<slug>/``:
that route ends at the slug.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from terbuka.catalog.views import feeds, imports, officer, opendata, public, shield

app_name = "catalog"
urlpatterns: list[URLPattern | URLResolver] = [
    path("dip/", public.dip, name="dip"),
    path("dip/kategori/<str:category>/", public.category, name="category"),
    path("dip/informasi/<uuid:public_id>/", public.entry, name="entry"),
    path("dip/dokumen/<uuid:public_id>/", public.document_download, name="document_download"),
    path(
        "dip/dokumen/<uuid:public_id>/v<int:number>/",
        public.document_download,
        name="document_version_download",
    ),
    path("dip/dikecualikan/", public.exemptions, name="exemptions"),
    path("dip/dikecualikan/<uuid:public_id>/", public.exemption, name="exemption"),
    path("badan-publik/<slug:slug>/dip/", public.body_dip, name="body_dip"),
    # Officers.
    path("dip/petugas/", officer.dashboard, name="dashboard"),
    path("dip/petugas/entri-baru/", officer.entry_create, name="entry_create"),
    path("dip/petugas/entri/<uuid:public_id>/ubah/", officer.entry_edit, name="entry_edit"),
    path("dip/petugas/entri/<uuid:public_id>/mutakhir/", officer.mark_updated, name="mark_updated"),
    path("dip/petugas/entri/<uuid:public_id>/dokumen/", officer.document_add, name="document_add"),
    path("dip/petugas/dokumen/<uuid:public_id>/versi/", officer.version_add, name="version_add"),
    path(
        "dip/petugas/dokumen/<uuid:public_id>/v<int:number>/ekstrak-ulang/",
        officer.retry_extraction,
        name="retry_extraction",
    ),
    path(
        "dip/petugas/versi/<uuid:public_id>/pemeriksaan/",
        shield.version_check,
        name="version_check",
    ),
    path("dip/petugas/dikecualikan-baru/", officer.exemption_create, name="exemption_create"),
    path(
        "dip/petugas/dikecualikan/<uuid:public_id>/ubah/",
        officer.exemption_edit,
        name="exemption_edit",
    ),
    path(
        "dip/petugas/dikecualikan/<uuid:public_id>/buka/",
        officer.exemption_open,
        name="exemption_open",
    ),
    # Open data: the feeds for harvesters and the DIP downloads.
    path("dip.json", opendata.dip_json, name="dip_json"),
    path("dip.csv", opendata.dip_csv, name="dip_csv"),
    path("badan-publik/<slug:slug>/dip.json", opendata.dip_json, name="body_dip_json"),
    path("badan-publik/<slug:slug>/dip.csv", opendata.dip_csv, name="body_dip_csv"),
    path("dip/unduh/", opendata.export, name="export"),
    path("badan-publik/<slug:slug>/dip/unduh/", opendata.export, name="export"),
    # The officers' bulk import.
    path("dip/impor/templat/", imports.import_template, name="import_template"),
    path("badan-publik/<slug:slug>/dip/impor/", imports.import_upload, name="import_upload"),
    path("dip/impor/<uuid:job_id>/", imports.import_preview, name="import_preview"),
    path("dip/impor/<uuid:job_id>/status/", imports.import_status, name="import_status"),
    # The feeds pulled into a body's DIP on a schedule.
    path("badan-publik/<slug:slug>/dip/feed/", feeds.feed_list, name="feed_list"),
]
