"""Catalog URLs, mounted at the site root (terbuka/urls.py), so paths are written in full.

``badan-publik/<slug>/dip/`` does not clash with the bodies app's ``badan-publik/<slug>/``:
that route ends at the slug. The open-data and import URLs come from the opendata
helper's two modules (see notes/dip-contract.md).
"""

from __future__ import annotations

import importlib

from django.urls import URLPattern, URLResolver, path

from terbuka.catalog import views

app_name = "catalog"
urlpatterns: list[URLPattern | URLResolver] = [
    path("dip/", views.dip, name="dip"),
    path("dip/kategori/<str:category>/", views.category, name="category"),
    path("dip/informasi/<uuid:public_id>/", views.entry, name="entry"),
    path("dip/dokumen/<uuid:public_id>/", views.document_download, name="document_download"),
    path(
        "dip/dokumen/<uuid:public_id>/v<int:number>/",
        views.document_download,
        name="document_version_download",
    ),
    path("dip/dikecualikan/", views.exemptions, name="exemptions"),
    path("dip/dikecualikan/<uuid:public_id>/", views.exemption, name="exemption"),
    path("badan-publik/<slug:slug>/dip/", views.body_dip, name="body_dip"),
    # Officers.
    path("dip/petugas/", views.dashboard, name="dashboard"),
    path("dip/petugas/entri-baru/", views.entry_create, name="entry_create"),
    path("dip/petugas/entri/<uuid:public_id>/ubah/", views.entry_edit, name="entry_edit"),
    path("dip/petugas/entri/<uuid:public_id>/mutakhir/", views.mark_updated, name="mark_updated"),
    path("dip/petugas/entri/<uuid:public_id>/dokumen/", views.document_add, name="document_add"),
    path("dip/petugas/dokumen/<uuid:public_id>/versi/", views.version_add, name="version_add"),
    path(
        "dip/petugas/dokumen/<uuid:public_id>/v<int:number>/ekstrak-ulang/",
        views.retry_extraction,
        name="retry_extraction",
    ),
    path("dip/petugas/dikecualikan-baru/", views.exemption_create, name="exemption_create"),
    path(
        "dip/petugas/dikecualikan/<uuid:public_id>/ubah/",
        views.exemption_edit,
        name="exemption_edit",
    ),
]


def _optional_patterns(module_name: str) -> list[URLPattern | URLResolver]:
    """The opendata helper's url list; absent only while that module is being written."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return []
        raise
    return list(module.urlpatterns)


urlpatterns += _optional_patterns("terbuka.catalog.views_opendata")
urlpatterns += _optional_patterns("terbuka.catalog.views_import")
