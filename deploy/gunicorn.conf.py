"""gunicorn settings for Terbuka (``gunicorn -c deploy/gunicorn.conf.py terbuka.wsgi``).

Preloaded, with the garbage collector frozen after the preload (issue 14, PITFALLS 16): the
app's modules, settings, URL map, templates' engine, translations and stemming dictionary
are loaded once in the master; ``gc.freeze()`` moves every object alive then into the
permanent generation, so a worker's full collections no longer walk them (they were the
~70 ms pauses at a feed's p95), and forked workers share those pages with the master
instead of copying them when the collector would touch their reference counts.

Every value can be changed by the environment (the systemd unit's EnvironmentFile).
"""

from __future__ import annotations

import gc
import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: 2 per core plus one; each serves one request at a time.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
preload_app = True
# A letter or a 500-row PDF export takes seconds; nginx waits 70 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# nginx logs the requests (without query strings); gunicorn logs only errors.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Written in /tmp by default (tmpfs on Debian with systemd's PrivateTmp).
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None

# No collection while the app is being loaded: everything loaded is kept anyway.
gc.disable()


def when_ready(server: Any) -> None:
    """After the preload, before the first fork: freeze what the app loaded."""
    gc.freeze()
    server.log.info("gc frozen after preload: %d objects", gc.get_freeze_count())


def post_fork(server: Any, worker: Any) -> None:
    # Each worker collects again, over what its requests create only.
    gc.enable()
