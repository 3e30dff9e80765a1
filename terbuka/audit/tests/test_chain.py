"""The audit trail is a hash chain that shows the first altered, inserted or deleted row."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from terbuka.audit import chain, log
from terbuka.audit.models import AppendOnlyError, AuditRecord

pytestmark = pytest.mark.django_db


def _write(n: int, actor: Any = None) -> list[AuditRecord]:
    return [
        log.record(actor=actor, action="test.action", summary=f"row {i}", detail={"i": i})
        for i in range(n)
    ]


def _bypass_triggers(sql: str, params: list[Any]) -> None:
    """What an attacker with database access could do (the application cannot)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_auditrecord_no_update")
        else:
            cursor.execute("ALTER TABLE audit_auditrecord DISABLE TRIGGER USER")
        cursor.execute(sql, params)


def _verify_command() -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_it_reports_an_intact_chain(world: Any) -> None:
    before = AuditRecord.objects.count()  # the world's roles were given through the action
    _write(5, actor=world.admin)
    output, error = _verify_command()
    assert error is None
    assert f"{before + 5} rows" in output


def test_it_finds_an_altered_row() -> None:
    rows = _write(6)
    _bypass_triggers(
        "UPDATE audit_auditrecord SET summary = %s WHERE seq = %s",
        ["nothing happened", rows[3].seq],
    )
    _output, error = _verify_command()
    assert error is not None
    assert error.returncode == 1
    assert f"#{rows[3].seq}" in str(error)
    assert "altered" in str(error)


def test_it_finds_a_deleted_row() -> None:
    rows = _write(6)
    _bypass_triggers("DELETE FROM audit_auditrecord WHERE seq = %s", [rows[2].seq])
    report = chain.verify()
    assert report.problem is not None
    assert report.problem.seq == rows[3].seq
    assert report.checked == 2


def test_it_finds_an_inserted_row() -> None:
    rows = _write(4)
    # Shift the later rows to make room, then insert a forged row with a fitting seq.
    _bypass_triggers("UPDATE audit_auditrecord SET seq = seq + 100 WHERE seq > %s", [rows[1].seq])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditrecord (seq, at, actor_label, action, object_type, object_id,"
            " summary, detail, prev_hash, row_hash) VALUES (%s, %s, '', 'forged', '', '', '',"
            " '{}', %s, %s)",
            [rows[1].seq + 1, rows[1].at, rows[1].row_hash, "f" * 64],
        )
    report = chain.verify()
    assert report.problem is not None
    assert report.problem.seq == rows[1].seq + 1


def test_the_application_cannot_change_or_delete_records() -> None:
    (row,) = _write(1)
    row.summary = "changed"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.filter(pk=row.pk).update(summary="changed")
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.filter(pk=row.pk).delete()
    # SQL that goes around the ORM hits the database trigger.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET summary = 'changed' WHERE id = %s", [row.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [row.pk])
    assert chain.verify().ok


def test_it_takes_the_client_address_from_the_proxy_only_behind_one(settings: Any, rf: Any) -> None:
    # The client sent "198.51.100.7"; the proxy at 10.0.0.1 appended what it saw.
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.7")
    settings.BEHIND_PROXY = False
    assert log.record(actor=None, action="a", request=request).ip_address == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert log.record(actor=None, action="a", request=request).ip_address == "203.0.113.7"
    assert chain.verify().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain() -> None:
    import threading

    from django.db import connections

    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                log.record(actor=None, action="concurrent", detail={"writer": n, "i": i})
        except BaseException as error:  # reported below, the thread must not die silently
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = chain.verify()
    assert report.ok, report.problem
    assert report.checked == 60
