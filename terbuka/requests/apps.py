from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "terbuka.requests"
    label = "requests"
    verbose_name = _("Permohonan informasi")

    def ready(self) -> None:
        # A calendar change recomputes the due dates of open requests (DOMAIN.md
        # "Working days"), inside the calendar action's transaction.
        # So does the stored timing of the answered requests it counts for.
        from terbuka.requests.deadlines import recompute_open_deadlines
        from terbuka.requests.queries import recompute_answered_timing
        from terbuka.workdays.hooks import on_calendar_change

        on_calendar_change(recompute_open_deadlines)
        on_calendar_change(recompute_answered_timing)

        # The public request log is found by search (the search app knows no requests).
        from terbuka.requests.indexing import SOURCE
        from terbuka.search.registry import register_source

        register_source(SOURCE)
