from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "terbuka.catalog"
    verbose_name = _("Daftar Informasi Publik")

    def ready(self) -> None:
        # Published DIP entries are found by search (the search app knows no catalog).
        from terbuka.catalog.indexing import SOURCE
        from terbuka.search.registry import register_source

        register_source(SOURCE)
