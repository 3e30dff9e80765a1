from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemediesConfig(AppConfig):
    name = "terbuka.remedies"
    label = "remedies"
    verbose_name = _("Keberatan")

    def ready(self) -> None:
        # A calendar change recomputes the answer dates of undecided objections, like the
        # due dates of open requests (DOMAIN.md "Working days").
        from terbuka.remedies.clocks import recompute_open_objections
        from terbuka.workdays.hooks import on_calendar_change

        on_calendar_change(recompute_open_objections)
