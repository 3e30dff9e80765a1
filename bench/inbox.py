"""Inbox benchmark (issue 14 "The inbox"): a script, not a test.

Loads N open requests (default 100,000) addressed to the units of a hub of B bodies
(default 500) under one PPID Utama, a tenth of them forwarded (disposisi) to a second
unit, into a separate bench database. Then measures through Django's test client, logged in
as the hub's PPID Utama (who sees every request) and as one unit's PPID Pelaksana (who sees
his unit's), the p50/p95 of the officer inbox ``/permohonan/petugas/`` at its first page
and at its last page (reached by the keyset cursor, as the "Berikutnya" link does), next to
the p95 of the raw SQL that fetches the same page's rows. Goals: the last page costs what
the first does, and the page at most 2x its raw SQL. The query plans of the page queries
are printed (no sequential scan of the requests, no sort of every visible request).

    .venv/bin/python bench/inbox.py                       # SQLite, 100,000 requests
    .venv/bin/python bench/inbox.py --db postgres --pg-url postgres://USER@HOST:PORT/terbuka_bench_inbox
    .venv/bin/python bench/inbox.py --size 10000 --repeat 20   # a smoke run
    .venv/bin/python bench/inbox.py --size 10000 --cpu 200     # and the CPU per request

With ``--cpu N`` each page is also requested N times more in three runs, and the CPU time
of this process per request (``time.process_time``: Django, not the database server on
PostgreSQL) is printed, the least of the three runs.

The PostgreSQL database is dropped and recreated: its name must contain "bench".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import log, percentile, prepare_database  # noqa: E402

INBOX = "/permohonan/petugas/"


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The bench's key directory, never the demo's keys.
    os.environ.setdefault("TERBUKA_KEY_DIR", str(ROOT / "var" / "bench" / "keys"))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.TERBUKA_REQUIRE_OFFICER_2FA = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def load(size: int, bodies_count: int) -> tuple[Any, Any, float]:
    """The hub, its officers and ``size`` open requests; (utama, pelaksana, seconds)."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from terbuka.accounts.models import User
    from terbuka.bodies.models import Body, BodyKind, Role, RoleKind
    from terbuka.requests.models import Disposition, InfoRequest, Status, Visibility

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    hub = Body.objects.create(
        name="Provinsi Bench",
        slug="provinsi-bench",
        code="PB",
        kind=BodyKind.PROVINCE,
        has_own_ppid=True,
    )
    units = Body.objects.bulk_create(
        Body(
            name=f"Dinas Bench {n:03d}",
            slug=f"dinas-bench-{n}",
            code=f"DB{n}",
            kind=BodyKind.AGENCY,
            parent=hub,
        )
        for n in range(bodies_count - 1)
    )
    utama = User.objects.create_user("utama.bench", "utama@bench.test", "x")
    pelaksana = User.objects.create_user("pelaksana.bench", "pelaksana@bench.test", "x")
    Role.objects.create(user=utama, body=hub, kind=RoleKind.UTAMA)
    Role.objects.create(user=pelaksana, body=units[0], kind=RoleKind.PELAKSANA)
    now = timezone.now()
    statuses = [Status.RECEIVED, Status.IN_PROGRESS]
    batch = 2_000
    for start in range(0, size, batch):
        with transaction.atomic():
            made = InfoRequest.objects.bulk_create(
                InfoRequest(
                    body=units[n % len(units)],
                    ppid_body=hub,
                    number=f"{n + 1:06d}/PPID-PB/XII/2026",
                    number_year=2026,
                    number_seq=n + 1,
                    requester_type="individual",
                    requester_name=f"Pemohon Bench {n}",
                    requester_nik="6271014101900001",
                    requester_address="Jl. Bench No. 1",
                    requester_phone="081200000000",
                    requester_email=f"pemohon{n}@bench.test",
                    subject=f"Data bench nomor {n} untuk uji kinerja kotak masuk",
                    how_to_obtain="softcopy",
                    channel="online",
                    received_at=now - dt.timedelta(minutes=n),
                    status=statuses[n % 2],
                    due_date=(now - dt.timedelta(days=30 - n % 60)).date(),
                )
                for n in range(start, min(start + batch, size))
            )
            rows = []
            forwarded = []
            for offset, info_request in enumerate(made):
                n = start + offset
                rows.append(Visibility(info_request=info_request, body=hub, handles=True))
                rows.append(
                    Visibility(info_request=info_request, body=units[n % len(units)], works=True)
                )
                if n % 10 == 0:
                    unit = units[(n + 7) % len(units)]
                    forwarded.append(
                        Disposition(
                            info_request=info_request,
                            unit=unit,
                            instruction="Siapkan.",
                            internal_due_date=info_request.due_date,
                            forwarded_by=utama,
                        )
                    )
                    if unit != units[n % len(units)]:
                        rows.append(Visibility(info_request=info_request, body=unit, works=True))
            Visibility.objects.bulk_create(rows)
            Disposition.objects.bulk_create(forwarded)
    with connection.cursor() as cursor:
        # Planner statistics, as a live database has them (autovacuum, or ANALYZE).
        cursor.execute("ANALYZE")
    return utama, pelaksana, time.perf_counter() - started


def timed(fn: Any, repeat: int) -> list[float]:
    fn()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def plan(sql: str, params: Any) -> list[str]:
    from django.db import connection

    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return [" ".join(str(part) for part in row) for row in cursor.fetchall()]


def cpu_ms(fn: Any, calls: int) -> float:
    """The least CPU time of this process per call (ms) of three runs of ``calls``."""
    fn()  # warm
    runs = []
    for _ in range(3):
        started = time.process_time()
        for _ in range(calls):
            fn()
        runs.append((time.process_time() - started) * 1000 / calls)
    return min(runs)


def measure(user: Any, repeat: int, cpu_calls: int = 0) -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    from terbuka.requests import access, queries
    from terbuka.requests.views.officer import INBOX_PAGE_SIZE

    client = Client()
    client.force_login(user)
    listed = queries.inbox_order(access.officer_requests(user).needing_work())
    total = listed.count()
    last_start = max(total - INBOX_PAGE_SIZE, 0)
    before_last = listed[last_start - 1] if last_start else None
    cursor = queries.inbox_cursor(before_last) if before_last is not None else ""

    def page(cursor: str) -> Any:
        url = INBOX + (f"?setelah={cursor}" if cursor else "")

        def call() -> None:
            response = client.get(url)
            assert response.status_code == 200, response.content[:300]

        return call

    def raw(after: Any) -> tuple[Any, str, Any]:
        rows = listed
        if after is not None:
            rows = queries.inbox_after(listed, after.due_date, after.received_at, after.pk)
        sql, params = rows[: INBOX_PAGE_SIZE + 1].query.sql_with_params()

        def call() -> None:
            with connection.cursor() as db_cursor:
                db_cursor.execute(sql, params)
                db_cursor.fetchall()

        return call, sql, params

    results = []
    for label, cursor_value, after in (("first", "", None), ("last", cursor, before_last)):
        raw_call, sql, params = raw(after)
        page_ms = timed(page(cursor_value), repeat)
        raw_ms = timed(raw_call, repeat)
        results.append(
            {
                "page": label,
                "visible": total,
                "page_p50": statistics.median(page_ms),
                "page_p95": percentile(page_ms, 0.95),
                "raw_p95": percentile(raw_ms, 0.95),
                "cpu": cpu_ms(page(cursor_value), cpu_calls) if cpu_calls else None,
                "plan": plan(sql, params),
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:54347/terbuka_bench_inbox"
        ),
    )
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--bodies", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--cpu", type=int, default=0, help="calls per CPU-time run (0: none)")
    args = parser.parse_args()

    url = prepare_database(
        args.db, args.pg_url, ROOT / "var" / "bench" / f"inbox-{args.size}.sqlite3"
    )
    setup_django(url)
    log(f"loading {args.size:,} open requests in {args.bodies} bodies into {args.db}")
    utama, pelaksana, seconds = load(args.size, args.bodies)
    log(f"loaded in {seconds:.1f} s; measuring {args.repeat} calls each")
    table = []
    for who, user in (("PPID Utama", utama), ("PPID Pelaksana", pelaksana)):
        for row in measure(user, args.repeat, args.cpu):
            table.append((who, row))
            print(f"\nQuery plan, {who}, {row['page']} page:")
            for line in row["plan"]:
                print("   ", line)
    command = " ".join(["bench/inbox.py", *sys.argv[1:]])
    print(f"\nReproduce: .venv/bin/python {command}")
    print(
        "\n| DB | requests | officer | sees | page | p50 (ms) | p95 (ms) | raw SQL p95 (ms)"
        " | page/raw p95 |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for who, row in table:
        print(
            f"| {args.db} | {args.size:,} | {who} | {row['visible']:,} | {row['page']}"
            f" | {row['page_p50']:.1f} | {row['page_p95']:.1f} | {row['raw_p95']:.2f}"
            f" | {row['page_p95'] / row['raw_p95']:.1f}x |"
        )
    if args.cpu:
        print("\n| DB | requests | officer | page | CPU per request (ms) |")
        print("|---|---|---|---|---|")
        for who, row in table:
            print(f"| {args.db} | {args.size:,} | {who} | {row['page']} | {row['cpu']:.2f} |")


if __name__ == "__main__":
    main()
