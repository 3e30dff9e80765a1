"""PostgreSQL: the filters as facet lexemes (weight D) inside the stored tsvector, the same
tokens SQLite keeps in its FTS5 ``facets`` column (migration 0003), so a filtered search
is one GIN lookup instead of a bitmap of every row holding the word AND-ed with a btree
(see terbuka/search/backends/postgres.py). SQLite is unchanged.
"""

from django.db import migrations

FACETS_SQL = (
    "'kind' || kind || ' body' || body_id::text"
    " || CASE WHEN category <> '' THEN ' cat' || replace(category, '_', '') ELSE '' END"
    " || CASE WHEN year IS NOT NULL THEN ' year' || year::text ELSE '' END"
    " || CASE WHEN form <> '' THEN ' form' || form ELSE '' END"
)


def vector(with_facets):
    parts = [
        "setweight(to_tsvector('simple'::regconfig, stemmed_title), 'A')",
        "setweight(to_tsvector('simple'::regconfig, stemmed_text), 'B')",
    ]
    if with_facets:
        parts.append(f"setweight(to_tsvector('simple'::regconfig, {FACETS_SQL}), 'D')")
    return [
        "DROP INDEX IF EXISTS search_document_vector_gin",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
        "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector"
        f" GENERATED ALWAYS AS ({' || '.join(parts)}) STORED",
        "CREATE INDEX search_document_vector_gin ON search_searchdocument"
        " USING gin (search_vector)",
    ]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts_filter_tokens")]

    operations = [migrations.RunPython(run(vector(True)), run(vector(False)))]
