"""SQLite: filters as indexed tokens inside the FTS5 table instead of UNINDEXED columns.

An UNINDEXED column is read from each matching row's stored values, so a common word
with a body filter scanned every match; tokens are intersected inside the FTS5 index
(see terbuka/search/backends/sqlite.py). PostgreSQL is unchanged.
"""

from django.db import migrations

FACETS_SQL = (
    "'kind' || kind || ' body' || body_id"
    " || CASE WHEN category != '' THEN ' cat' || replace(category, '_', '') ELSE '' END"
    " || CASE WHEN year IS NOT NULL THEN ' year' || year ELSE '' END"
    " || CASE WHEN form != '' THEN ' form' || form ELSE '' END"
)

FORWARD = [
    "DROP TABLE IF EXISTS search_fts",
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text, facets, tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    "INSERT INTO search_fts (rowid, title, text, facets)"
    f" SELECT id, stemmed_title, stemmed_text, {FACETS_SQL} FROM search_searchdocument",
]
BACKWARD = [
    "DROP TABLE IF EXISTS search_fts",
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text,
        kind UNINDEXED, body_id UNINDEXED, category UNINDEXED, year UNINDEXED, form UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    "INSERT INTO search_fts (rowid, title, text, kind, body_id, category, year, form)"
    " SELECT id, stemmed_title, stemmed_text, kind, body_id, category, year, form"
    " FROM search_searchdocument",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_structures")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
