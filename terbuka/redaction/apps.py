from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedactionConfig(AppConfig):
    name = "terbuka.redaction"
    label = "redaction"
    verbose_name = _("Penghitaman dokumen")

    def ready(self) -> None:
        # The written notice lists what was blacked out in the files it releases
        # (Pasal 22(7)e), and never releases the original of a blacked-out file;
        # requests cannot import this app, so it asks through its hooks.
        from terbuka.redaction.notice import refuse_originals, summary_lines
        from terbuka.requests import hooks

        hooks.on_redaction_summary(summary_lines)
        hooks.on_release_check(refuse_originals)
