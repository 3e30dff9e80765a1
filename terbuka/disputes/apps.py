from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "terbuka.disputes"
    label = "disputes"
    verbose_name = _("Sengketa informasi")

    def ready(self) -> None:
        # A calendar change recomputes the dates of open disputes, like the due dates of
        # open requests and objections (DOMAIN.md "Working days").
        from terbuka.disputes.clocks import recompute_open_disputes
        from terbuka.workdays.hooks import on_calendar_change

        on_calendar_change(recompute_open_disputes)
