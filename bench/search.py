"""Search benchmark (issue 4 "Performance"): a script, not a test.

Builds a synthetic DIP corpus (bench/corpus.py) in a separate bench database, first at
the baseline size (100,000 entries), then grown to the full size (1,000,000), and at each
size measures for a fixed set of queries the p50/p95 latency of

* the search page (``/cari/?q=…``) through Django's test client, and
* the raw full-text SQL alone (the very SQL ``terbuka.search.query`` runs, from
  ``query.candidates_sql``), timed on a cursor,

in the same run, with the ratio page/raw; plus load and index build times, database size,
peak memory, and what stemming the entries costs a reindex (``measure_stemming``: every
entry's title and text through ``stemming.stem_text``, as ``index.store`` does, with
stems per second, the first time a word is seen and cached). It prints a table, a
Markdown table for the README and the command that reproduces it, and writes JSON to
bench/results/ (git-ignored).

    .venv/bin/python bench/search.py --db both                # 100k then 1M, both databases
    .venv/bin/python bench/search.py --db sqlite --quick      # 2k then 20k, a smoke run

PostgreSQL: ``--pg-url`` (default $BENCH_DATABASE_URL or
postgres://postgres@127.0.0.1:54329/terbuka_bench_search); the database is dropped and
recreated, so it must be a bench database, never the development one.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import log, peak_rss_mb, percentile, prepare_database  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:54329/terbuka_bench_search"

COLUMNS = (
    "kind, object_id, body_id, category, year, form, title, url, text, "
    "stemmed_title, stemmed_text, published_on, updated_at"
)


# --- Database set-up (runs before Django is configured) ---------------------------------


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # Like the tests: serve static files by name, no manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ALLOWED_HOSTS = ["testserver"]


# --- Loading ------------------------------------------------------------------------------


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", "bodies", verbosity=0)
    call_command("migrate", "search", verbosity=0)
    # The public-page cache's table (made by the catalog's migrations, not run here): the
    # search page reads the cache before it renders.
    call_command("createcachetable", verbosity=0)


def load_bodies() -> list[Any]:
    from bench import corpus
    from terbuka.bodies.models import Body

    bodies = corpus.build_bodies()
    Body.objects.bulk_create(
        [
            Body(
                id=b.id,
                name=b.name,
                slug=b.slug,
                code=b.code,
                parent_id=b.parent_id,
                kind=b.kind,
                has_own_ppid=b.kind != "agency",
            )
            for b in bodies
        ]
    )
    return bodies


def load_documents(vocabulary: Any, bodies: list[Any], start: int, stop: int) -> float:
    """Insert rows ``start``..``stop`` into search_searchdocument; returns seconds."""
    from django.db import connection, transaction

    from bench import corpus

    started = time.perf_counter()
    rows = corpus.documents(vocabulary, bodies, start=start, stop=stop)
    with transaction.atomic():
        raw = connection.connection
        if connection.vendor == "sqlite":
            placeholders = ", ".join(["?"] * 13)
            sql = f"INSERT INTO search_searchdocument ({COLUMNS}) VALUES ({placeholders})"
            batch: list[tuple[object, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 20_000:
                    raw.executemany(sql, batch)
                    batch.clear()
            if batch:
                raw.executemany(sql, batch)
        else:
            copy_sql = f"COPY search_searchdocument ({COLUMNS}) FROM STDIN"
            with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
    return time.perf_counter() - started


def build_index(first_new_id_exclusive: int) -> float:
    """Build the full-text index over the rows just loaded; returns seconds.

    SQLite: feed the FTS5 table (what ``index.upsert`` does row by row) and optimise it.
    PostgreSQL: the vectors were generated during COPY; (re)create the GIN index.
    """
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The facet tokens exactly as the migration that introduced them builds them.
            migration = importlib.import_module("terbuka.search.migrations.0003_fts_filter_tokens")
            cursor.execute(
                "INSERT INTO search_fts (rowid, title, text, facets)"
                f" SELECT id, stemmed_title, stemmed_text, {migration.FACETS_SQL}"
                " FROM search_searchdocument WHERE id > %s",
                [first_new_id_exclusive],
            )
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        else:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS search_document_vector_gin"
                " ON search_searchdocument USING gin (search_vector)"
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
    return time.perf_counter() - started


def drop_pg_index() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_document_vector_gin")


def database_size_mb() -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return Path(connection.settings_dict["NAME"]).stat().st_size / 1e6
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0]) / 1e6


def max_id() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM search_searchdocument")
        return int(cursor.fetchone()[0])


# --- Measuring ----------------------------------------------------------------------------


def measure_stemming(vocabulary: Any, bodies: list[Any], start: int, stop: int) -> dict[str, float]:
    """Stem entries ``start``..``stop`` as a reindex does; the corpus loader stores
    stems computed once per vocabulary word, so this is the part of a reindex it skips.

    ``words_per_second`` counts every word stemmed (most from the per-word cache);
    ``cold_words_per_second`` is the rate for words seen for the first time (the
    dictionary lookup), measured on the vocabulary with the cache emptied.
    """
    from bench import corpus
    from terbuka.search import stemming

    distinct = list(dict.fromkeys(t for w in vocabulary.surfaces for t in stemming.normalise(w)))
    stemming.stem_word.cache_clear()
    stemming.stem_word("anggaran")  # reads the dictionary (once per process)
    stemming.stem_word.cache_clear()
    started = time.perf_counter()
    for token in distinct:
        stemming.stem_word(token)
    cold_seconds = time.perf_counter() - started
    words = 0
    started = time.perf_counter()
    for row in corpus.documents(vocabulary, bodies, start=start, stop=stop):
        title, text = row[6], row[8]
        stemming.stem_text(title)
        stemming.stem_text(text)
        words += len(title.split()) + len(text.split())
    seconds = time.perf_counter() - started
    return {
        "entries": stop - start,
        "seconds": seconds,
        "words": words,
        "words_per_second": words / seconds,
        "distinct_words": len(distinct),
        "cold_words_per_second": len(distinct) / cold_seconds,
    }


def query_cases(bodies: list[Any]) -> list[dict[str, Any]]:
    from bench import corpus

    body = bodies[len(bodies) // 2]
    cases = []
    for label, q in [
        ("single word", corpus.SINGLE_WORD),
        ("two words", corpus.TWO_WORDS),
        ("rare word", corpus.RARE_WORD),
        ("common word", corpus.COMMON_WORD),
    ]:
        cases.append({"label": label, "q": q, "filter": "—", "params": {}, "page": {}})
        cases.append(
            {
                "label": label,
                "q": q,
                "filter": "body",
                "params": {"body_id": body.id},
                "page": {"badan": body.slug},
            }
        )
        cases.append(
            {
                "label": label,
                "q": q,
                "filter": "category",
                "params": {"category": "setiap_saat"},
                "page": {"kategori": "setiap_saat"},
            }
        )
    return cases


def measure(cases: list[dict[str, Any]], repeat: int) -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    from terbuka.search import query
    from terbuka.search.backends import Filters

    client = Client()
    results = []
    for case in cases:
        stems = query.search_stems(case["q"])
        params = case["params"]
        filters = Filters(
            kinds=("dip", "request"),
            body_id=params.get("body_id"),
            category=params.get("category"),
        )
        sql, sql_params = query.candidates_sql(stems, filters)
        page_params = {"q": case["q"], **case["page"]}
        raw_times: list[float] = []
        page_times: list[float] = []
        hits = 0
        for round_number in range(repeat + 2):  # two warm-up rounds
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, sql_params)
                hits = len(cursor.fetchall())
            raw = time.perf_counter() - started
            started = time.perf_counter()
            response = client.get("/cari/", page_params)
            page = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            if round_number >= 2:
                raw_times.append(raw * 1000)
                page_times.append(page * 1000)
        results.append(
            {
                "query": case["label"],
                "q": case["q"],
                "filter": case["filter"],
                "candidates": hits,
                "raw_p50": percentile(raw_times, 0.5),
                "raw_p95": percentile(raw_times, 0.95),
                "page_p50": percentile(page_times, 0.5),
                "page_p95": percentile(page_times, 0.95),
                "raw_all": raw_times,
                "page_all": page_times,
            }
        )
        row = results[-1]
        log(
            f"  {case['label']:<12} {case['filter']:<9} {hits:>5} hits  raw p95 "
            f"{row['raw_p95']:8.2f} ms  page p95 {row['page_p95']:8.2f} ms"
        )
    return results


def explain(q: str, bodies: list[Any]) -> str:
    from django.db import connection

    from terbuka.search import query
    from terbuka.search.backends import Filters

    sql, params = query.candidates_sql(query.search_stems(q), Filters(kinds=("dip", "request")))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def summarise(rows: list[dict[str, Any]]) -> dict[str, float]:
    raw = [t for row in rows for t in row["raw_all"]]
    page = [t for row in rows for t in row["page_all"]]
    return {
        "raw_p50": percentile(raw, 0.5),
        "raw_p95": percentile(raw, 0.95),
        "page_p50": percentile(page, 0.5),
        "page_p95": percentile(page, 0.95),
    }


def run_one(db: str, args: argparse.Namespace) -> dict[str, Any]:
    """Child process: one database, baseline then full size."""
    url = prepare_database(db, args.pg_url, ROOT / "var" / "bench" / f"search-{args.size}.sqlite3")
    setup_django(url)
    from bench import corpus

    log(f"{db}: migrating a fresh bench database")
    migrate()
    bodies = load_bodies()
    vocabulary = corpus.build_vocabulary()
    report: dict[str, Any] = {"db": db, "sizes": []}
    loaded = 0
    for size in [args.baseline, args.size]:
        log(f"{db}: loading entries {loaded:,}–{size:,}")
        drop_pg_index()
        before = max_id()
        before_size = loaded
        load_seconds = load_documents(vocabulary, bodies, loaded, size)
        log(f"{db}: loaded in {load_seconds:.1f} s; building the full-text index")
        index_seconds = build_index(before)
        loaded = size
        log(f"{db}: index built in {index_seconds:.1f} s; stemming the new entries")
        stemmed = measure_stemming(vocabulary, bodies, before_size, size)
        log(
            f"{db}: stemmed {stemmed['entries']:,} entries in {stemmed['seconds']:.1f} s"
            f" ({stemmed['words_per_second']:,.0f} words/s; first sight"
            f" {stemmed['cold_words_per_second']:,.0f} words/s); measuring {args.repeat} rounds"
        )
        rows = measure(query_cases(bodies), args.repeat)
        plans = {
            "rare": explain(corpus.RARE_WORD, bodies),
            "common": explain(corpus.COMMON_WORD, bodies),
        }
        report["sizes"].append(
            {
                "size": size,
                "load_seconds": load_seconds,
                "index_seconds": index_seconds,
                "stemming": stemmed,
                "database_mb": database_size_mb(),
                "peak_rss_mb": peak_rss_mb(),
                "overall": summarise(rows),
                "queries": [
                    {k: v for k, v in row.items() if k not in ("raw_all", "page_all")}
                    for row in rows
                ],
                "plans": plans,
            }
        )
    return report


# --- Reporting ----------------------------------------------------------------------------


def print_report(reports: list[dict[str, Any]], command: str) -> str:
    lines = []
    markdown = [
        "| DB | entries | query | filter | raw p50 | raw p95 | page p50 | page p95 | page/raw p95 |",
        "|---|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        for block in report["sizes"]:
            lines.append(
                f"\n== {report['db']} · {block['size']:,} entries · load {block['load_seconds']:.1f} s"
                f" · index build {block['index_seconds']:.1f} s · database {block['database_mb']:,.0f} MB"
                f" · peak RSS {block['peak_rss_mb']:,.0f} MB"
            )
            lines.append(
                f"{'query':<12} {'filter':<9} {'hits':>5} {'raw p50':>9} {'raw p95':>9}"
                f" {'page p50':>9} {'page p95':>9} {'ratio':>6}"
            )
            for row in block["queries"]:
                ratio = row["page_p95"] / row["raw_p95"] if row["raw_p95"] else float("inf")
                lines.append(
                    f"{row['query']:<12} {row['filter']:<9} {row['candidates']:>5}"
                    f" {row['raw_p50']:9.2f} {row['raw_p95']:9.2f}"
                    f" {row['page_p50']:9.2f} {row['page_p95']:9.2f} {ratio:6.1f}"
                )
                markdown.append(
                    f"| {report['db']} | {block['size']:,} | {row['query']} | {row['filter']} |"
                    f" {row['raw_p50']:.2f} | {row['raw_p95']:.2f} | {row['page_p50']:.2f} |"
                    f" {row['page_p95']:.2f} | {ratio:.1f}× |"
                )
            overall = block["overall"]
            ratio = overall["page_p95"] / overall["raw_p95"]
            lines.append(
                f"{'ALL (pooled)':<22} {'':>5} {overall['raw_p50']:9.2f} {overall['raw_p95']:9.2f}"
                f" {overall['page_p50']:9.2f} {overall['page_p95']:9.2f} {ratio:6.1f}"
            )
            markdown.append(
                f"| {report['db']} | {block['size']:,} | **all queries pooled** | |"
                f" {overall['raw_p50']:.2f} | {overall['raw_p95']:.2f} |"
                f" {overall['page_p50']:.2f} | {overall['page_p95']:.2f} | **{ratio:.1f}×** |"
            )
        if len(report["sizes"]) == 2:
            small, large = (block["overall"] for block in report["sizes"])
            lines.append(
                f"{report['db']}: {report['sizes'][1]['size']:,} vs {report['sizes'][0]['size']:,}:"
                f" raw p95 ×{large['raw_p95'] / small['raw_p95']:.2f},"
                f" page p95 ×{large['page_p95'] / small['page_p95']:.2f}"
            )
        for size_block in report["sizes"][-1:]:
            for name, plan in size_block["plans"].items():
                lines.append(f"\n{report['db']} query plan, {name} word:\n{plan}")
    text = "\n".join(lines)
    print(text)
    print("\nMarkdown for the README (latencies in ms):\n")
    print("\n".join(markdown))
    build = [
        "",
        "| DB | entries | load (s) | index build (s) | database (MB) | peak RSS of the bench (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        for block in report["sizes"]:
            build.append(
                f"| {report['db']} | {block['size']:,} | {block['load_seconds']:.1f} |"
                f" {block['index_seconds']:.1f} | {block['database_mb']:,.0f} |"
                f" {block['peak_rss_mb']:,.0f} |"
            )
    print("\n".join(build))
    stemming = [
        "",
        "| DB | entries stemmed | words | stemming (s) | words/s (cached) | words/s (first sight) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        for block in report["sizes"]:
            stem = block["stemming"]
            stemming.append(
                f"| {report['db']} | {stem['entries']:,} | {stem['words']:,} |"
                f" {stem['seconds']:.1f} | {stem['words_per_second']:,.0f} |"
                f" {stem['cold_words_per_second']:,.0f} |"
            )
    print("\n".join(stemming))
    build += stemming
    print(f"\nReproduce with:\n  {command}")
    return text + "\n" + "\n".join(markdown + build)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="20,000 entries, baseline 2,000")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG_URL))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.size, args.baseline = 20_000, 2_000
    if args.child:
        report = run_one(args.db, args)
        Path(args.out).write_text(json.dumps(report))
        return

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    reports = []
    # One process per database: Django is configured once per process.
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        out = RESULTS / f"search-{db}-{args.size}-{stamp}.json"
        child = [sys.executable, __file__, "--child", "--db", db, "--out", str(out)]
        child += ["--size", str(args.size), "--baseline", str(args.baseline)]
        child += ["--repeat", str(args.repeat), "--pg-url", args.pg_url]
        subprocess.run(child, check=True, cwd=ROOT)  # noqa: S603 (our own script)
        reports.append(json.loads(out.read_text()))
    command = " ".join(
        shlex.quote(part) for part in [".venv/bin/python", "bench/search.py", *sys.argv[1:]]
    )
    text = print_report(reports, command)
    (RESULTS / f"search-{args.db}-{args.size}-{stamp}.txt").write_text(text + f"\n{command}\n")


if __name__ == "__main__":
    main()
