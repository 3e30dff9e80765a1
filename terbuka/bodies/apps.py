from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_stamp_triggers(using: str = "default", **_ignored: Any) -> None:
    """After every ``migrate`` and ``flush``: a migration that rebuilds the bodies table
    on SQLite drops its triggers, and a flush empties the stamp."""
    from terbuka.bodies.models import TreeStamp
    from terbuka.bodies.tree import install_stamp_triggers

    db = connections[using]
    if TreeStamp._meta.db_table in db.introspection.table_names():
        install_stamp_triggers(db)


class BodiesConfig(AppConfig):
    name = "terbuka.bodies"
    verbose_name = _("Badan publik")

    def ready(self) -> None:
        from terbuka.accounts import duties
        from terbuka.bodies import permissions

        duties.register(check=permissions.has_official_duties, roles=permissions.roles_of)
        post_migrate.connect(
            _install_stamp_triggers, sender=self, dispatch_uid="terbuka.bodies.stamp_triggers"
        )
