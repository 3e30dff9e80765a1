"""Make the audit table append-only at the database level.

PostgreSQL refuses UPDATE and DELETE on every row (TRUNCATE, which only an administrator
or the test runner's flush uses, is not a row operation). SQLite refuses UPDATE; it has no
way to tell the test runner's flush from an attack, so there a deleted row is caught by the
chain (a gap in ``seq`` and a broken previous-hash link) and the application is stopped by
the model and queryset guards.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_auditrecord_no_update BEFORE UPDATE ON audit_auditrecord
       BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditrecord_no_update;",
]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION audit_auditrecord_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_auditrecord_append_only BEFORE UPDATE OR DELETE
       ON audit_auditrecord FOR EACH ROW EXECUTE FUNCTION audit_auditrecord_append_only();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditrecord_append_only ON audit_auditrecord;",
    "DROP FUNCTION IF EXISTS audit_auditrecord_append_only();",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
