from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "terbuka.workdays"
    verbose_name = _("Kalender hari kerja")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from terbuka.workdays import calendar
        from terbuka.workdays.models import CalendarDay, CalendarSettings

        # Writes outside the calendar actions (tests, the shell) forget this process's
        # cached calendars; the actions also change the stored version for every process.
        for model in (CalendarDay, CalendarSettings):
            post_save.connect(calendar.clear_cache, sender=model, dispatch_uid=f"cal-{model}")
            post_delete.connect(calendar.clear_cache, sender=model, dispatch_uid=f"cal-d-{model}")
