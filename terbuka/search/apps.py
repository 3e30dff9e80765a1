from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "terbuka.search"
    verbose_name = _("Pencarian")

    def ready(self) -> None:
        from terbuka.search.checks import stale_index

        checks.register(stale_index, checks.Tags.database)
