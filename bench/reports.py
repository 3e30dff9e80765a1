"""Reports benchmark (issue 10 "Performance"): a script, not a test.

Builds ``--requests`` requests (default 1,000,000) over 500 bodies (a province with its
own PPID, 99 agencies, 20 regencies with 19 agencies each) and 5 years (2021–2025), with
their events (a receipt event each; the notice or the withdrawal), by raw ``executemany``
in a throwaway database (SQLite under /tmp, or PostgreSQL via ``--pg-url``), then
measures in the same run, each against the raw SQL aggregate behind it:

* the statistics of one body-year (``reports.statistics.compute``);
* the province roll-up for a year (``coordination.hub.build``);
* the coordination dashboard page (``/koordinasi/``), with its query count, also after
  doubling the bodies (it must not grow);
* the register's first page (``/laporan/register/``);
* the annual-report PDF of the province (500 bodies in its roll-up): time and peak memory.

It prints p50/p95 per measure, the ratio to the raw query's p95 (target ≤ 2), and the
command that reproduces the run.

    .venv/bin/python bench/reports.py --requests 20000           # a quick run, SQLite
    .venv/bin/python bench/reports.py --db pg --pg-url postgres://postgres@127.0.0.1:54345/terbuka_bench_reports

The PostgreSQL database is dropped and created again: its name must contain "bench".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shlex
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchlib import log, peak_rss_mb, percentile, prepare_database  # noqa: E402

YEARS = (2021, 2022, 2023, 2024, 2025)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ALLOWED_HOSTS = ["testserver"]
    # The bench logs in without a second factor (as the tests' client does).
    settings.TERBUKA_REQUIRE_OFFICER_2FA = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- Loading -------------------------------------------------------------------------------


def load_bodies(prefix: str = "", parent: int | None = None, regencies: int = 20) -> list[Any]:
    """A province (or, with ``parent``, a second one below it) of 500 bodies."""
    from terbuka.bodies.models import Body

    def make(name: str, kind: str, parent_id: int | None, own: bool) -> Body:
        code = uuid.uuid4().hex[:12].upper()
        return Body.objects.create(
            name=name,
            code=code,
            slug=code.lower(),
            kind=kind,
            parent_id=parent_id,
            has_own_ppid=own,
        )

    province = make(f"{prefix}Provinsi Bench", "province", parent, True)
    bodies = [province]
    bodies += [make(f"{prefix}Dinas {n:03d}", "agency", province.pk, False) for n in range(99)]
    for r in range(regencies):
        regency = make(f"{prefix}Kabupaten {r:02d}", "regency", province.pk, True)
        bodies.append(regency)
        bodies += [
            make(f"{prefix}Dinas Kab {r:02d}-{n:02d}", "agency", regency.pk, False)
            for n in range(19)
        ]
    return bodies


def load_requests(bodies: list[Any], count: int) -> float:
    """``count`` requests and their events by ``executemany``: 90% answered (1–20 working
    days later, as calendar days here), 5% withdrawn, 5% still open."""
    from django.db import connection, transaction

    from terbuka.bodies.models import Body
    from terbuka.requests import queries
    from terbuka.requests.models import InfoRequest

    started = time.perf_counter()
    rng = random.Random(10)
    ppid = {b.pk: (b.pk if b.has_own_ppid else b.parent_id) for b in bodies}
    ids = [b.pk for b in bodies]
    # Identity columns are encrypted at rest: one ciphertext, the same for every row.
    fields = {f.name: f for f in InfoRequest._meta.concrete_fields}
    secret = {
        name: fields[name].get_db_prep_value("-", connection)
        for name in ("requester_nik", "requester_address", "requester_phone", "requester_email")
    }
    # The stored timing of each answered request, counted as the notice action counts it
    # (``queries.apply_timing``): the same counter on its PPID body's calendar.
    calendars = queries.calendars_from_values(
        Body.objects.values_list(*queries.CALENDAR_BODY_FIELDS), set(ppid.values())
    )
    pg = connection.vendor == "postgresql"
    columns = (
        "public_id, number, requester_type, requester_name, requester_nik,"
        " requester_legal_entity_decree, requester_address, requester_phone, requester_email,"
        " acting_for, subject, purpose, how_to_obtain, delivery, publish_allowed, channel,"
        " received_at, status, due_date, due_explanation, extension_reason, reopened_instruction,"
        " answered_at, working_days_taken, answered_late, working_days_late,"
        " withdrawn_at, created_at, updated_at, body_id, ppid_body_id"
    )
    marks = ", ".join(["%s"] * 31)
    request_sql = f"INSERT INTO requests_inforequest ({columns}) VALUES ({marks})"
    event_sql = (
        "INSERT INTO requests_event (at, kind, old_status, new_status, note, is_internal, data,"
        " info_request_id) VALUES (%s, %s, '', '', '', %s, %s, %s)"
    )
    utc = dt.UTC
    batch = 20_000
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM requests_inforequest")
        next_id = cursor.fetchone()[0] + 1
        done = 0
        while done < count:
            size = min(batch, count - done)
            rows, events = [], []
            for _n in range(size):
                body = rng.choice(ids)
                year = rng.choice(YEARS)
                received = dt.datetime(year, 1, 1, 2, tzinfo=utc) + dt.timedelta(
                    minutes=rng.randrange(365 * 24 * 60)
                )
                due = (received + dt.timedelta(days=14)).date()
                roll = rng.random()
                answered = withdrawn = None
                status = "in_progress"
                if roll < 0.90:
                    answered = received + dt.timedelta(days=rng.randint(1, 24))
                    status = "answered"
                elif roll < 0.95:
                    withdrawn = received + dt.timedelta(days=2)
                    status = "withdrawn"
                timing = queries.timing_at(
                    received_at=received, answered_at=answered, due_date=due,
                    calendar=calendars[ppid[body]],
                )  # fmt: skip
                public_id = str(uuid.uuid4()) if pg else uuid.uuid4().hex
                rows.append(
                    (
                        public_id, f"{next_id}/BENCH", "individual", "Pemohon", secret["requester_nik"],
                        "", secret["requester_address"], secret["requester_phone"],
                        secret["requester_email"], "", "Data", "Tujuan", "softcopy", "email",
                        False, rng.choice(("online", "online", "walk_in", "email", "letter")),
                        received, status, due, "[]", "", "", answered, timing.working_days_taken,
                        timing.late, timing.working_days_late, withdrawn, received, received,
                        body, ppid[body],
                    )
                )  # fmt: skip
                events.append((received, "submitted", False, "{}", next_id))
                if answered is not None:
                    outcome = rng.choice(("granted", "granted", "granted_in_part", "not_held"))
                    events.append(
                        (answered, "notice_sent", False, f'{{"outcome": "{outcome}"}}', next_id)
                    )
                elif withdrawn is not None:
                    events.append((withdrawn, "withdrawn", False, "{}", next_id))
                next_id += 1
            with transaction.atomic():
                cursor.executemany(request_sql, rows)
                cursor.executemany(event_sql, events)
            done += size
            if done % 200_000 == 0 or done == count:
                log(f"  {done:,} requests")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


# --- Measuring -------------------------------------------------------------------------------


def page(client: Any, url: str) -> Any:
    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return get


def timed(call: Any, repeat: int) -> dict[str, float]:
    call()  # warm-up: caches, the calendars' first read
    samples = []
    for _n in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50": percentile(samples, 0.5), "p95": percentile(samples, 0.95)}


def replay(call: Any) -> Any:
    """The floor of ``call``: the SELECT statements it sends to the database, captured once
    and then run raw (each result fetched, nothing built from it). The ratio of ``call`` to
    this is what Python adds to the SQL the page or report runs."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        call()
    statements = [
        item["sql"]
        for item in captured.captured_queries
        if item["sql"].lstrip().startswith("SELECT")
    ]

    def run() -> None:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    run.statements = statements  # type: ignore[attr-defined]
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--db", choices=("sqlite", "pg"), default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:54345/terbuka_bench_reports"
        ),
    )
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    command = "python bench/reports.py " + shlex.join(sys.argv[1:])
    sqlite_path = Path("/tmp/terbuka-bench-reports.sqlite3")  # noqa: S108 - a throwaway file
    setup_django(prepare_database(args.db, args.pg_url, sqlite_path))

    from django.db import connection, reset_queries, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from terbuka.accounts.models import User
    from terbuka.bodies.models import Role
    from terbuka.coordination import hub
    from terbuka.reports import annual, periods, statistics
    from terbuka.reports.models import AnnualReport

    log(f"loading 500 bodies and {args.requests:,} requests ({args.db})")
    with transaction.atomic():
        bodies = load_bodies()
    log("bodies loaded")
    province = bodies[0]
    load_seconds = load_requests(bodies, args.requests)
    log(f"loaded in {load_seconds:.0f} s")
    user = User.objects.create_user(username="bench")
    Role.objects.create(user=user, body=province, kind="utama")
    client = Client()
    client.force_login(user)
    unit = bodies[1]
    year = 2025
    cases = {
        "statistics, one body-year": lambda: statistics.compute(unit, periods.year(year)),
        "province roll-up, a year": lambda: hub.build(province, year),
        "dashboard page": page(client, f"/koordinasi/?tahun={year}"),
        "register, first page": page(client, f"/laporan/register/?badan={province.slug}"),
    }
    results = []
    for name, call in cases.items():
        log(f"measuring {name}")
        measured = timed(call, args.repeat)
        query = replay(call)
        baseline = timed(query, args.repeat)
        results.append((name, measured, baseline, len(query.statements)))

    # The connection keeps at most 9,000 logged queries: a full log cuts a capture short.
    reset_queries()
    with CaptureQueriesContext(connection) as before:
        first = client.get(f"/koordinasi/?tahun={year}")
    assert first.status_code == 200, first.status_code
    load_bodies(prefix="B2 ", parent=province.pk)  # 500 more bodies below the province
    client.get(f"/koordinasi/?tahun={year}")  # the new calendars' first read
    reset_queries()
    with CaptureQueriesContext(connection) as after:
        client.get(f"/koordinasi/?tahun={year}")

    log("the annual-report PDF of the province (its roll-up of every body below it)")
    report = AnnualReport.objects.create(body=province, year=year)
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    pdf = annual.pdf_bytes(annual.content(report))
    pdf_seconds = time.perf_counter() - started
    pdf_peak = peak_rss_mb()

    print()
    print(f"Reports benchmark: {args.requests:,} requests, 500 bodies, 5 years, {args.db}")
    print(f"Load (executemany): {load_seconds:.1f} s")
    print("| Measure | p50 ms | p95 ms | raw SQL p95 ms (SELECTs) | ratio |")
    print("|---|---|---|---|---|")
    for name, measured, baseline, statements in results:
        ratio = measured["p95"] / baseline["p95"] if baseline["p95"] else float("inf")
        print(
            f"| {name} | {measured['p50']:.1f} | {measured['p95']:.1f} |"
            f" {baseline['p95']:.1f} ({statements}) | {ratio:.2f} |"
        )
    print(
        f"Dashboard queries: {len(before.captured_queries)} with 500 bodies,"
        f" {len(after.captured_queries)} with 1,000"
    )
    print(
        f"Annual-report PDF (province, 1,000 bodies in the roll-up): {pdf_seconds:.1f} s,"
        f" {len(pdf) / 1024:.0f} KiB, peak RSS {pdf_peak:.0f} MB (before: {rss_before:.0f} MB)"
    )
    print(f"Reproduce: {command}")


if __name__ == "__main__":
    main()
