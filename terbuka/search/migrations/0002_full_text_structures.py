"""The full-text structures beside ``search_searchdocument``, one kind per database.

PostgreSQL: a stored generated ``tsvector`` over the Python-stemmed title (weight A) and
text (weight B) with the ``simple`` configuration, and a GIN index on it.
SQLite: an FTS5 table fed by ``terbuka.search.index`` with the same stems; the filter
columns are UNINDEXED columns inside it, so a filtered search never joins outside FTS5
(PITFALLS.md 3).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, stemmed_title), 'A')
        || setweight(to_tsvector('simple'::regconfig, stemmed_text), 'B')
    ) STORED
    """,
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text,
        kind UNINDEXED, body_id UNINDEXED, category UNINDEXED, year UNINDEXED, form UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
