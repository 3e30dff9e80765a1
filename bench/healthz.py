"""``/healthz`` benchmark (issue 14: "/healthz <= 1 ms of CPU"): a script, not a test.

Migrates a throwaway database, then calls ``GET /healthz`` N times through Django's
request handler (the whole middleware stack, as gunicorn runs it) in this one process
and prints the CPU time per request (``time.process_time``: the process's own CPU,
whatever else the machine runs), the wall-clock p50/p99, and, as the floor, the CPU time
of the one query the view sends, run raw on a cursor the same number of times.

    .venv/bin/python bench/healthz.py
    .venv/bin/python bench/healthz.py --db pg --pg-url postgres://USER@HOST:PORT/terbuka_bench_healthz

The PostgreSQL database is dropped and recreated: its name must contain "bench".
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import log, percentile, prepare_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "pg"), default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:54345/terbuka_bench_healthz"
        ),
    )
    parser.add_argument("--requests", type=int, default=5000)
    args = parser.parse_args()
    command = "python bench/healthz.py " + shlex.join(sys.argv[1:])
    sqlite_path = Path("/tmp/terbuka-bench-healthz.sqlite3")  # noqa: S108 - a throwaway file
    os.environ["DATABASE_URL"] = prepare_database(args.db, args.pg_url, sqlite_path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    log(f"migrating a fresh {args.db} database")
    call_command("migrate", verbosity=0)
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        first = client.get("/healthz")
    assert first.status_code == 200, first.content
    statements = [item["sql"] for item in captured.captured_queries]
    for _n in range(200):  # warm-up
        client.get("/healthz")
    gc.collect()
    gc.freeze()  # as the gunicorn worker does after preloading (deploy/gunicorn.conf.py)

    walls = []
    cpu_started = time.process_time()
    for _n in range(args.requests):
        started = time.perf_counter()
        client.get("/healthz")
        walls.append((time.perf_counter() - started) * 1000)
    cpu_ms = (time.process_time() - cpu_started) / args.requests * 1000

    cpu_started = time.process_time()
    with connection.cursor() as cursor:
        for _n in range(args.requests):
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
    raw_ms = (time.process_time() - cpu_started) / args.requests * 1000

    print()
    print(f"/healthz, {args.requests:,} requests in one process, {args.db}")
    print("| measure | CPU ms per request | wall p50 ms | wall p99 ms |")
    print("|---|---:|---:|---:|")
    print(
        f"| /healthz | {cpu_ms:.3f} | {percentile(walls, 0.5):.3f} | {percentile(walls, 0.99):.3f} |"
    )
    print(f"| its {len(statements)} query, raw on a cursor | {raw_ms:.3f} | | |")
    print(f"Target: at most 1 ms of CPU per request. Reproduce: {command}")


if __name__ == "__main__":
    main()
