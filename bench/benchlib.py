"""What every benchmark under bench/ shares: a timestamped log line, the throwaway database
(a fresh SQLite file, or a PostgreSQL database dropped and created again — only one whose
name says "bench"), a nearest-rank percentile and the peak memory of the process.

The scripts run as ``python bench/NAME.py``, so this module is importable as ``benchlib``.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PROTECTED_DB_NAMES = {"terbuka", "postgres", "template0", "template1"}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q`` quantile (0–1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def prepare_database(db: str, pg_url: str, sqlite_path: Path) -> str:
    """A fresh, empty bench database; returns its DATABASE_URL."""
    if db == "sqlite":
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(sqlite_path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{sqlite_path}"
    name = urlparse(pg_url).path.lstrip("/")
    if name in PROTECTED_DB_NAMES or "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the bench database name must contain 'bench'.")
    import psycopg

    admin_url = pg_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return pg_url
