"""System check ``search.W001``: the search index holds stems of another stemmer than
this code's (after an upgrade that changed stemming), so searches miss words until
``manage.py rebuild_search_index --if-stale`` runs. A database check: ``manage.py check
--database default`` and ``migrate`` run it."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning
from django.db import DatabaseError
from django.utils.translation import gettext as _

from terbuka.search import index, stemming


def stale_index(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    if not databases or "default" not in databases:
        return []
    try:
        stale = index.is_stale()
        version = index.stamped_version()
    except DatabaseError:  # not migrated yet: nothing indexed with a stemmer to compare
        return []
    if not stale:
        return []
    return [
        Warning(
            _("Indeks pencarian dibangun dengan stemmer %(old)s, kode ini memakai %(new)s.")
            % {"old": version or "?", "new": stemming.STEMMER_VERSION},
            hint=_("Jalankan: manage.py rebuild_search_index --if-stale"),
            id="search.W001",
        )
    ]
