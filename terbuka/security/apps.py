from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "terbuka.security"
    verbose_name = _("Keamanan")
