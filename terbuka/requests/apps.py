from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "terbuka.requests"
    label = "requests"
    verbose_name = _("Permohonan informasi")

    def ready(self) -> None:
        # A calendar change recomputes the due dates of open requests (DOMAIN.md
        # "Working days"), inside the calendar action's transaction.
        from terbuka.requests.deadlines import recompute_open_deadlines
        from terbuka.workdays.hooks import on_calendar_change

        on_calendar_change(recompute_open_deadlines)

        # The public request log is found by search (the search app knows no requests).
        from terbuka.requests.indexing import SOURCE
        from terbuka.search.registry import register_source

        register_source(SOURCE)
