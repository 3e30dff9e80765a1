from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedactionConfig(AppConfig):
    name = "terbuka.redaction"
    label = "redaction"
    verbose_name = _("Penghitaman dokumen")

    def ready(self) -> None:
        # The written notice lists what was blacked out in the files it releases
        # (Pasal 22(7)e); requests cannot import this app, so it asks through a hook.
        from terbuka.redaction.notice import summary_lines
        from terbuka.requests.letters import on_redaction_summary

        on_redaction_summary(summary_lines)
