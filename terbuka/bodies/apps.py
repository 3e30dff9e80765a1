from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "terbuka.bodies"
    verbose_name = _("Badan publik")

    def ready(self) -> None:
        from terbuka.accounts import duties
        from terbuka.bodies import permissions

        duties.register(check=permissions.has_official_duties, roles=permissions.roles_of)
