"""API benchmark (issue 15 "Performance"): a script, not a test.

Loads N published DIP entries (default 100,000) into a separate bench database and
measures, through Django's test client, the p50/p95 latency of the API's DIP list
``/api/v1/dip/?per_page=P`` at the first page and at the 1,000th page of its cursor, next to
the p95 of its raw SQL: every statement the API call itself runs (captured from one call
with ``connection.execute_wrapper``: the keyset query of the page's entries and the query
of their documents), executed and fetched on a database cursor. Goal: the API's p95 at
most 2x the raw p95, and the 1,000th page as fast as the first (keyset pagination on the
``(updated_at, id)`` index, no count; PITFALLS 15). One entry in three has an uploaded
document the personal-data shield let out, one in five a link.

    .venv/bin/python bench/api.py                       # SQLite, 100k entries
    .venv/bin/python bench/api.py --db postgres --pg-url postgres://USER@HOST:PORT/terbuka_bench_api
    .venv/bin/python bench/api.py --size 20000 --repeat 20   # a smoke run

The PostgreSQL database is dropped and recreated: its name must contain "bench".
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import log, percentile, prepare_database  # noqa: E402


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def load(size: int) -> float:
    from django.core.management import call_command
    from django.db import connection, transaction

    from terbuka.bodies.models import Body, BodyKind
    from terbuka.catalog.models import Category, Document, DocumentVersion, Entry
    from terbuka.shield.state import ShieldState

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    province = Body.objects.create(
        name="Provinsi Bench",
        slug="provinsi-bench",
        code="PB",
        kind=BodyKind.PROVINCE,
        has_own_ppid=True,
    )
    bodies = Body.objects.bulk_create(
        Body(
            name=f"Dinas Bench {n}",
            slug=f"dinas-bench-{n}",
            code=f"DB{n}",
            kind=BodyKind.AGENCY,
            parent=province,
        )
        for n in range(50)
    )
    categories = list(Category.values)
    batch = 5_000
    for start in range(0, size, batch):
        with transaction.atomic():
            Entry.objects.bulk_create(
                Entry(
                    body=bodies[n % len(bodies)],
                    category=categories[n % len(categories)],
                    number=str(n),
                    title=f"Informasi bench nomor {n}",
                    summary=f"Ringkasan informasi bench nomor {n} untuk uji kinerja API.",
                    holder="Sekretariat",
                    responsible="Kepala Subbagian Umum",
                    created_when="2025",
                    retention="5 tahun",
                    tags="bench, api",
                )
                for n in range(start, min(start + batch, size))
            )
    file_documents, link_documents = [], []
    for entry_id in Entry.objects.order_by("pk").values_list("pk", flat=True).iterator():
        if entry_id % 3 == 0:
            file_documents.append(Document(entry_id=entry_id, title=f"Dokumen {entry_id} (PDF)"))
        if entry_id % 5 == 0:
            link_documents.append(
                Document(
                    entry_id=entry_id,
                    title=f"Tautan {entry_id}",
                    link=f"https://jdih.example.id/{entry_id}",
                )
            )
    for start in range(0, len(file_documents), batch):
        with transaction.atomic():
            documents = Document.objects.bulk_create(file_documents[start : start + batch])
            DocumentVersion.objects.bulk_create(
                DocumentVersion(
                    document=document,
                    number=1,
                    file=f"dip/bench/{document.entry_id}.pdf",
                    original_name=f"{document.entry_id}.pdf",
                    content_type="application/pdf",
                    size=1024,
                    sha256="0" * 64,
                    shield_state=ShieldState.CLEAR,
                )
                for document in documents
            )
    Document.objects.bulk_create(link_documents, batch_size=batch)
    with connection.cursor() as cursor:
        # Planner statistics, as a live database has them (autovacuum, or ANALYZE after an
        # import); without them PostgreSQL picked a 250 ms plan for the far page.
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def timed(calls: list[Any], repeat: int) -> list[list[float]]:
    """Each call's milliseconds, the calls taken in turn (so that the machine's noise, on a
    shared machine, falls on all of them alike), after one warm-up round."""
    for call in calls:
        call()
    samples: list[list[float]] = [[] for _call in calls]
    for _ in range(repeat):
        for call, times in zip(calls, samples, strict=True):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
    return samples


def statements_of(call: Any) -> list[tuple[str, Any]]:
    """Every SQL statement (with its parameters) that one run of ``call`` executes."""
    from django.db import connection

    seen: list[tuple[str, Any]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return seen


def measure(per_page: int, repeat: int, page_number: int) -> list[dict[str, Any]]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from terbuka.catalog import opendata

    client = Client()
    ordered = opendata.feed_entries()
    total = ordered.count()
    skip = min((page_number - 1) * per_page, max(total - per_page, 0))
    last_seen = ordered[skip - 1] if skip else None
    cursor = opendata.encode_cursor(last_seen) if last_seen is not None else None

    def api(cursor: str | None) -> Any:
        url = f"/api/v1/dip/?per_page={per_page}" + (f"&cursor={cursor}" if cursor else "")

        def call() -> None:
            response = client.get(url)
            assert response.status_code == 200, response.content[:300]

        return call

    def raw(statements: list[tuple[str, Any]]) -> Any:
        def call() -> None:
            with connection.cursor() as db_cursor:
                for sql, params in statements:
                    db_cursor.execute(sql, params)
                    db_cursor.fetchall()

        return call

    results = []
    for label, api_call in (("page 1", api(None)), (f"page {page_number}", api(cursor))):
        # The raw floor: what the endpoint itself runs, uncached (with the page cache on,
        # a repeated call reads the cache table instead).
        settings.PAGE_CACHE = False
        statements = statements_of(api_call)
        log(f"{label}: the API call runs {len(statements)} statements:")
        for sql, _params in statements:
            log(f"  {sql[:150]}…")
        for cached in (False, True):
            settings.PAGE_CACHE = cached
            raw_ms, api_ms = timed([raw(statements), api_call], repeat)
            results.append(
                {
                    "page": label,
                    "cache": "on" if cached else "off",
                    "statements": len(statements),
                    "api_p50": statistics.median(api_ms),
                    "api_p95": percentile(api_ms, 0.95),
                    "raw_p50": statistics.median(raw_ms),
                    "raw_p95": percentile(raw_ms, 0.95),
                }
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:54329/terbuka_bench_api"
        ),
    )
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--page", type=int, default=1000, help="the far page to measure")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    url = prepare_database(
        args.db, args.pg_url, ROOT / "var" / "bench" / f"api-{args.size}.sqlite3"
    )
    setup_django(url)
    log(f"loading {args.size:,} entries into {args.db}")
    seconds = load(args.size)
    log(f"loaded in {seconds:.1f} s; measuring {args.repeat} calls each")
    gc.freeze()  # as a preloaded gunicorn worker does after start-up (PITFALLS 16)
    load_before = os.getloadavg()[0]
    rows = measure(args.per_page, args.repeat, args.page)
    # On a shared machine the p95 of a sub-millisecond query is the scheduler's: say how
    # busy the machine was.
    log(
        f"load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after,"
        f" on {os.cpu_count()} cores"
    )
    print(
        "\n| DB | entries | per_page | page | cache | API p50 (ms) | API p95 (ms)"
        " | raw statements | raw p50 (ms) | raw p95 (ms) | API/raw p50 | API/raw p95 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {args.db} | {args.size:,} | {args.per_page} | {row['page']} | {row['cache']}"
            f" | {row['api_p50']:.1f} | {row['api_p95']:.1f} | {row['statements']}"
            f" | {row['raw_p50']:.2f} | {row['raw_p95']:.2f}"
            f" | {row['api_p50'] / row['raw_p50']:.1f}x | {row['api_p95'] / row['raw_p95']:.1f}x |"
        )
    print(f"\nReproduce: .venv/bin/python bench/api.py {shlex.join(sys.argv[1:])}")


if __name__ == "__main__":
    main()
