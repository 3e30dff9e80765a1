"""The table of the public-page cache (``CACHES["pages"]``, terbuka/pagecache.py).

``createcachetable`` is not a migration operation; running it here puts the table on the
path every installation already takes (``make demo``, upgrades, the test database), so no
one has to remember a second command. It creates only the tables that are missing.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(
        f"DROP TABLE IF EXISTS {schema_editor.quote_name('terbuka_page_cache')}"
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_list_and_feed_order_indexes")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
