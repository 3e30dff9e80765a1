from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "terbuka.monev"
    label = "monev"
    verbose_name = _("Monev keterbukaan informasi publik")
