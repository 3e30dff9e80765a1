"""Re-encrypt every personal field and encrypted file with the newest key.

Put a new key first in ``TERBUKA_ENCRYPTION_KEYS`` (older keys stay listed so they still
decrypt), restart the app processes, then run ``manage.py rotate_keys``. It works in small
batches, each its own transaction, and skips what is already under the newest key, so it
runs beside the live application and can be interrupted and run again. When it reports
nothing left, the old keys can be removed from the list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection, models, transaction

from terbuka import crypto
from terbuka.fields import EncryptedTextField

BATCH = 200


@dataclass
class RotationReport:
    fields_rotated: int = 0
    fields_current: int = 0
    files_rotated: int = 0
    files_current: int = 0
    files_missing: list[str] = field(default_factory=list)


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    for model in apps.get_models():
        found = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if found:
            yield model, found


def encrypted_file_models() -> Iterator[tuple[type[models.Model], models.FileField]]:
    """Models that keep files encrypted mark each row with an ``is_encrypted`` flag."""
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if "is_encrypted" in names and len(file_fields) == 1:
            yield model, file_fields[0]


def _rotate_fields(
    model: type[models.Model], fields: list[EncryptedTextField], report: RotationReport
) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    last = None
    while True:
        with transaction.atomic():
            # Raw SQL: the field's own converter would decrypt; here we need the tokens.
            where = f"WHERE {pk} > %s " if last is not None else ""
            sql = f"SELECT {pk}, {columns} FROM {table} {where}ORDER BY {pk} LIMIT {BATCH}"  # noqa: S608
            with connection.cursor() as cursor:
                cursor.execute(sql, [last] if last is not None else [])
                rows = cursor.fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                updates = {}
                for fld, token in zip(fields, row[1:], strict=True):
                    if not token:
                        continue
                    if crypto.is_current(token.encode("ascii")):
                        report.fields_current += 1
                        continue
                    updates[fld.column] = crypto.rotate(token)
                    report.fields_rotated += 1
                if updates:
                    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in updates)
                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                            [*updates.values(), last],
                        )


def _rotate_files(
    model: type[models.Model], file_field: models.FileField, report: RotationReport
) -> None:
    queryset = model._default_manager.filter(is_encrypted=True).order_by("pk")
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).values_list("pk", flat=True)[:BATCH])
        if not batch:
            return
        for pk in batch:
            last_pk = pk
            _rotate_one_file(model, file_field, pk, report)


def _rotate_one_file(
    model: type[models.Model], file_field: models.FileField, pk: int, report: RotationReport
) -> None:
    storage = file_field.storage
    with transaction.atomic():
        row = model._default_manager.select_for_update().get(pk=pk)
        stored = getattr(row, file_field.attname)
        name = stored.name
        if not storage.exists(name):
            report.files_missing.append(name)
            return
        with storage.open(name, "rb") as handle:
            token = handle.read()
        if crypto.is_current(token):
            report.files_current += 1
            return
        # Write the re-encrypted copy under a new name and switch the row to it; the old
        # file is removed only after the commit, so an interruption never loses a file.
        new_name = storage.save(name, ContentFile(crypto.rotate_bytes(token)))
        setattr(row, file_field.attname, new_name)
        row.save(update_fields=[file_field.attname])
        transaction.on_commit(lambda: storage.delete(name))
        report.files_rotated += 1


def rotate_all() -> RotationReport:
    report = RotationReport()
    for model, fields in encrypted_fields():
        _rotate_fields(model, fields, report)
    for model, file_field in encrypted_file_models():
        _rotate_files(model, file_field, report)
    return report
