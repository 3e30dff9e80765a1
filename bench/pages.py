"""List-page benchmark (issue 14): a script, not a test.

Loads a hub of ``--bodies`` public bodies (default 500) with ``--entries`` published DIP
entries (bulk insert; default 10,000), ``--requests`` answered published requests for the
public log and ``--open`` open requests, into a separate bench database, then measures
through Django's test client, anonymous, with the page cache off:

* each list page, feed and public API list at its first and its last page (p50/p95), next
  to the p95 of the raw SQL the view ran (the same statements re-executed on a cursor),
  and ``/healthz`` measured the same way as the floor: what the middleware and a response
  cost around the smallest query;
* the query plan of every list query (EXPLAIN / EXPLAIN QUERY PLAN), flagged when it scans
  or sorts a large table instead of reading an index in order;
* requests per CPU-second of this one process (a worker) for the home page,
  ``/badan-publik/``, ``/dip/``, ``/permohonan/`` and ``/cari/?q=…``, uncached and served
  from the page cache, with p50/p99.

Several sizes in one run (``--entries 10000,1000000``) print each page's p95 against the
first size. Each size is loaded and measured in a child process of its own.

    .venv/bin/python bench/pages.py --entries 10000                 # SQLite, a quick run
    .venv/bin/python bench/pages.py --entries 10000,1000000 --requests 100000 --open 100000
    .venv/bin/python bench/pages.py --db postgres --pg-url postgres://USER@HOST:PORT/terbuka_bench_pages

The PostgreSQL database is dropped and recreated: its name must contain "bench". The
officer inbox is not measured here (its views are another branch's work, issue 14).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import log, percentile, prepare_database  # noqa: E402

BATCH = 5_000
# The search index holds the first this many entries at every size (indexing a million
# entries takes an hour on this machine; bench/search.py measures search at scale).
SEARCH_INDEX_MAX = 10_000


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("TERBUKA_KEY_DIR", str(ROOT / "var" / "bench" / "keys"))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def load(entries: int, bodies_count: int, answered: int, open_count: int) -> float:
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from terbuka.bodies.models import Body, BodyKind
    from terbuka.catalog.models import Category, Entry, Exemption, ExemptionState

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    province = Body.objects.create(
        name="Provinsi Bench",
        slug="provinsi-bench",
        code="PB",
        kind=BodyKind.PROVINCE,
        has_own_ppid=True,
    )
    regencies = Body.objects.bulk_create(
        Body(
            name=f"Kabupaten Bench {n}",
            slug=f"kabupaten-bench-{n}",
            code=f"KB{n}",
            kind=BodyKind.REGENCY,
            parent=province,
            has_own_ppid=True,
        )
        for n in range(max(1, bodies_count // 20))
    )
    agencies = Body.objects.bulk_create(
        Body(
            name=f"Dinas Bench {n}",
            slug=f"dinas-bench-{n}",
            code=f"DB{n}",
            kind=BodyKind.AGENCY,
            parent=regencies[n % len(regencies)] if n % 3 else province,
        )
        for n in range(bodies_count - 1 - len(regencies))
    )
    bodies = [province, *regencies, *agencies]
    categories = list(Category.values)
    for start in range(0, entries, BATCH):
        with transaction.atomic():
            Entry.objects.bulk_create(
                Entry(
                    body=bodies[n % len(bodies)],
                    category=categories[n % len(categories)],
                    number=str(n % 997),  # many ties: the id breaks them
                    title=f"Informasi bench nomor {n} anggaran kesehatan",
                    summary=f"Ringkasan informasi bench nomor {n} untuk uji kinerja daftar.",
                    holder="Sekretariat",
                    responsible="Kepala Subbagian Umum",
                    created_when="2025",
                    retention="5 tahun",
                    tags="bench",
                    published_on=dt.date(2020 + n % 6, 1 + n % 12, 1),
                )
                for n in range(start, min(start + BATCH, entries))
            )
    Exemption.objects.bulk_create(
        Exemption(
            body=bodies[n % len(bodies)],
            title=f"Berkas bench {n}",
            ground="a.1",
            harm="Menghambat penyelidikan.",
            public_interest="Terlindungi.",
            deciding_ppid="PPID Utama",
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2030 + n % 5, 1, 1),
            decided_place="Palangka Raya",
            decided_on=dt.date(2025, 1, 1),
            approved_by="Sekda",
            approved_on=dt.date(2025, 1, 2),
            state=ExemptionState.ACTIVE,
        )
        for n in range(min(2_000, max(100, entries // 100)))
    )
    _load_requests(bodies, answered, open_count, timezone.now())
    _index_entries(SEARCH_INDEX_MAX)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _index_entries(limit: int) -> None:
    import itertools

    from django.db import transaction

    from terbuka.search import index, registry

    source = next(source for source in registry.sources() if source.kind == "dip")
    with transaction.atomic():
        for document in itertools.islice(source.public_documents(), limit):
            index.store(source.kind, document)


def _load_requests(bodies: list[Any], answered: int, open_count: int, now: Any) -> None:
    import datetime as dt

    from django.db import transaction

    from terbuka.requests.models import Channel, InfoRequest, Status

    def make(n: int, status: str) -> Any:
        body = bodies[n % len(bodies)]
        received = now - dt.timedelta(hours=n % 20_000)
        return InfoRequest(
            body=body,
            ppid_body=body.ppid_body or bodies[0],
            number=f"BENCH/{n}",
            requester_name="Pemohon Bench",
            subject=f"Salinan data bench {n} anggaran",
            publish_allowed=True,
            channel=Channel.values[0],
            received_at=received,
            status=status,
            due_date=(received + dt.timedelta(days=14)).date(),
            answered_at=received + dt.timedelta(days=3) if status == Status.ANSWERED else None,
        )

    total = answered + open_count
    for start in range(0, total, BATCH):
        with transaction.atomic():
            InfoRequest.objects.bulk_create(
                make(n, Status.ANSWERED if n < answered else Status.RECEIVED)
                for n in range(start, min(start + BATCH, total))
            )


def _last_link(client: Any, url: str) -> str:
    """The URL of the list's last page: its ``akhir`` link, or the feed's deepest cursor."""
    return url + ("&" if "?" in url else "?") + "akhir=1"


def _deep_cursor_url(url: str, per_page: int) -> str:
    """The feed and API DIP list at their last page: a cursor just before the end."""
    from terbuka.catalog import opendata

    ordered = opendata.feed_entries()
    last = ordered.order_by("-updated_at", "-pk")[per_page : per_page + 1]
    row = list(last)
    if not row:
        return url
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}cursor={opendata.encode_cursor(row[0])}"


def _deep_log_cursor(url: str, per_page: int) -> str:
    from terbuka import cursors
    from terbuka.requests import queries

    rows = list(queries.public_log().order_by("answered_at", "pk")[per_page : per_page + 1])
    if not rows:
        return url
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}cursor={cursors.encode(rows[0].answered_at, rows[0].pk)}"


def lists() -> list[tuple[str, str]]:
    from terbuka.bodies.models import Body

    body = Body.objects.filter(slug="dinas-bench-7").first() or Body.objects.first()
    assert body is not None
    pages = [
        # Not a list: the floor of any page here. The whole middleware stack and one
        # response around the smallest query the site runs (issue 14, "<= 2x its raw SQL").
        ("floor: /healthz", "/healthz"),
        ("/dip/", "/dip/"),
        (f"/badan-publik/{body.slug}/dip/", f"/badan-publik/{body.slug}/dip/"),
        ("category first", "/dip/kategori/berkala/"),
        ("category last", _last_link(None, "/dip/kategori/berkala/")),
        ("category+body last", _last_link(None, f"/dip/kategori/berkala/?badan={body.slug}")),
        ("exempt first", "/dip/dikecualikan/"),
        ("exempt last", _last_link(None, "/dip/dikecualikan/")),
        ("dip.json first", "/dip.json?per_page=100"),
        ("dip.json last", _deep_cursor_url("/dip.json?per_page=100", 100)),
        ("dip.csv first", "/dip.csv?per_page=100"),
        ("API dip first", "/api/v1/dip/?per_page=100"),
        ("API dip last", _deep_cursor_url("/api/v1/dip/?per_page=100", 100)),
        ("log first", "/permohonan/"),
        ("log last", _last_link(None, "/permohonan/")),
        ("API log first", "/api/v1/requests/?per_page=50"),
        ("API log last", _deep_log_cursor("/api/v1/requests/?per_page=50", 50)),
    ]
    return pages


def _plan(sql: str, params: Any) -> list[str]:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    return [str(row[-1]) for row in rows]


BIG_TABLES = ("catalog_entry", "requests_inforequest", "catalog_exemption")


def _bad(plan: list[str]) -> list[str]:
    """Lines that scan or sort a large table: a full scan without an index, a sort."""
    flagged = []
    for line in plan:
        text = line.strip()
        big = any(table in text for table in BIG_TABLES)
        if big and (
            ("SCAN " in text and " USING " not in text)  # SQLite full scan
            or "Seq Scan" in text
        ):
            flagged.append(text)
        if "TEMP B-TREE FOR ORDER BY" in text or text.startswith("Sort") or "-> Sort" in text:
            flagged.append(text)
    return flagged


def measure_lists(repeat: int) -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = []
    for label, url in lists():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        # The reads the view ran (cursor declarations and savepoints are not re-run alone).
        statements = [
            (query["sql"], None)
            for query in captured.captured_queries
            if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
        ]
        page_ms = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            page_ms.append((time.perf_counter() - started) * 1000)
        raw_ms = []
        with connection.cursor() as cursor:
            for _ in range(repeat):
                started = time.perf_counter()
                for sql, _params in statements:
                    cursor.execute(sql)
                    cursor.fetchall()
                raw_ms.append((time.perf_counter() - started) * 1000)
        plans = {}
        for sql, _params in statements:
            if sql.lstrip().upper().startswith("SELECT") and any(t in sql for t in BIG_TABLES):
                plans[sql[:160]] = _plan(sql, None)
        results.append(
            {
                "label": label,
                "url": url,
                "queries": len(statements),
                "p50": statistics.median(page_ms),
                "p95": percentile(page_ms, 0.95),
                "raw_p95": percentile(raw_ms, 0.95),
                "plans": plans,
                "bad": sorted({line for plan in plans.values() for line in _bad(plan)}),
            }
        )
        log(f"{label}: p95 {results[-1]['p95']:.1f} ms, raw {results[-1]['raw_p95']:.2f} ms")
    return results


def throughput(requests_each: int) -> list[dict[str, Any]]:
    from django.conf import settings
    from django.test import Client

    client = Client()
    pages = ["/", "/badan-publik/", "/dip/", "/permohonan/", "/cari/?q=anggaran+kesehatan"]
    results = []
    for cached in (False, True):
        settings.PAGE_CACHE = cached
        for url in pages:
            for _ in range(5):  # warm: the per-process caches, and the stored page
                assert client.get(url).status_code == 200, url
            gc.collect()
            wall = []
            cpu_started = time.process_time()
            for _ in range(requests_each):
                started = time.perf_counter()
                client.get(url)
                wall.append((time.perf_counter() - started) * 1000)
            cpu = time.process_time() - cpu_started
            results.append(
                {
                    "url": url,
                    "cached": cached,
                    "per_cpu_second": requests_each / cpu if cpu else 0.0,
                    "p50": statistics.median(wall),
                    "p99": percentile(wall, 0.99),
                }
            )
            log(
                f"{'cached' if cached else 'uncached'} {url}: {results[-1]['per_cpu_second']:.0f}/CPU-s"
            )
    settings.PAGE_CACHE = False
    return results


def child(args: argparse.Namespace, size: int) -> None:
    url = prepare_database(args.db, args.pg_url, ROOT / "var" / "bench" / f"pages-{size}.sqlite3")
    setup_django(url)
    from django.conf import settings

    settings.PAGE_CACHE = False
    log(
        f"loading {size:,} entries, {args.requests:,} answered and {args.open:,} open requests, "
        f"{args.bodies} bodies into {args.db}"
    )
    seconds = load(size, args.bodies, args.requests, args.open)
    log(f"loaded in {seconds:.0f} s")
    gc.freeze()  # as a preloaded gunicorn worker does after start-up (PITFALLS 16)
    result = {
        "size": size,
        "lists": measure_lists(args.repeat),
        "throughput": throughput(args.throughput),
        "search_indexed": min(size, SEARCH_INDEX_MAX),
    }
    print(json.dumps(result))


def report(db: str, runs: list[dict[str, Any]], command: str) -> None:
    base = runs[0]
    base_p95 = {row["label"]: row["p95"] for row in base["lists"]}
    print(f"\n## Lists on {db} (anonymous, page cache off)\n")
    print(
        "| entries | page | queries | p50 ms | p95 ms | raw SQL p95 ms | page/raw | p95 vs "
        f"{base['size']:,} |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for run in runs:
        for row in run["lists"]:
            ratio = row["p95"] / row["raw_p95"] if row["raw_p95"] else 0.0
            growth = row["p95"] / base_p95[row["label"]] if base_p95.get(row["label"]) else 0.0
            print(
                f"| {run['size']:,} | {row['label']} | {row['queries']} | {row['p50']:.1f} | "
                f"{row['p95']:.1f} | {row['raw_p95']:.2f} | {ratio:.1f}x | {growth:.2f}x |"
            )
    print(f"\n## Query plans on {db} (largest size)\n")
    for row in runs[-1]["lists"]:
        print(f"### {row['label']} ({row['url']})")
        for sql, plan in row["plans"].items():
            print(f"    {sql} …")
            for line in plan:
                print(f"        {line}")
        print(f"  flagged: {row['bad'] or 'none'}")
    print(f"\n## Requests per CPU-second, one process, {db}\n")
    print("| entries | page | cache | per CPU-s | p50 ms | p99 ms | p99/p50 |")
    print("|---|---|---|---|---|---|---|")
    for run in runs:
        for row in run["throughput"]:
            print(
                f"| {run['size']:,} | {row['url']} | {'on' if row['cached'] else 'off'} | "
                f"{row['per_cpu_second']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} | "
                f"{row['p99'] / row['p50']:.1f} |"
            )
    print(
        f"\n(/cari/ searches an index of the first {SEARCH_INDEX_MAX:,} entries at every size; "
        "bench/search.py measures search at scale)"
    )
    print(f"\nReproduce: {command}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:54346/terbuka_bench_pages"
        ),
    )
    parser.add_argument("--entries", default="10000", help="sizes, comma-separated")
    parser.add_argument("--bodies", type=int, default=500)
    parser.add_argument("--requests", type=int, default=2_000, help="answered, published")
    parser.add_argument("--open", type=int, default=0, help="open requests (not listed publicly)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--throughput", type=int, default=200, help="requests per page")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args, args.child)
        return
    runs = []
    for size in (int(value) for value in args.entries.split(",")):
        command = [sys.executable, __file__, *sys.argv[1:], "--child", str(size)]
        # This script itself, with the arguments it was given: no outside input.
        output = subprocess.run(  # noqa: S603
            command, check=True, capture_output=False, stdout=subprocess.PIPE, text=True
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    report(args.db, runs, "python bench/pages.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
