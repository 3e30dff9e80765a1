from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedactionConfig(AppConfig):
    name = "terbuka.redaction"
    label = "redaction"
    verbose_name = _("Penghitaman dokumen")
