"""The files of ``deploy/`` agree with the application they serve (issue 15).

The nginx configuration itself runs in the smoke journey (``deploy/smoke/run`` in
``.ci/run``); these tests catch a drift between it, the settings and the README early.
"""

from __future__ import annotations

import gc
import re
import runpy
from pathlib import Path
from typing import Any

from terbuka.catalog import documents, importing
from terbuka.requests import files

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = (DEPLOY / "nginx" / "terbuka.conf").read_text()
ENV = (DEPLOY / "terbuka.env.example").read_text()


def _env(name: str) -> str:
    found = re.search(rf"^{name}=(.*)$", ENV, flags=re.M)
    assert found, name
    return found.group(1)


def test_nginx_takes_the_largest_file_any_form_accepts() -> None:
    found = re.search(r"client_max_body_size (\d+)m;", NGINX)
    assert found
    largest = max(
        *(kind.max_size for kind in documents.KINDS.values()),
        *(rule.max_size for rule in files.RULES.values()),
        importing.MAX_UPLOAD_BYTES,
    )
    # Room for several files and the form's own fields beside the largest one.
    assert int(found.group(1)) * 1024 * 1024 >= 2 * largest


def test_nginx_serves_x_accel_downloads_only_from_an_internal_location() -> None:
    prefix = _env("TERBUKA_X_ACCEL_REDIRECT_PREFIX")
    block = re.search(rf"location {re.escape(prefix)} \{{(.*?)\}}", NGINX, flags=re.S)
    assert block, f"no location {prefix} in deploy/nginx/terbuka.conf"
    assert re.search(r"^\s*internal;", block.group(1), flags=re.M)
    media = _env("MEDIA_ROOT").rstrip("/") + "/"
    assert f"alias {media};" in block.group(1)


def test_nginx_appends_the_client_address_the_app_takes() -> None:
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in NGINX
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in NGINX
    assert _env("BEHIND_PROXY") == "true"
    assert _env("TRUSTED_PROXIES") == "1"
    # Requests are logged without their query strings.
    assert "$request_uri" not in NGINX.split("log_format", 1)[1].split(";", 1)[0]


def test_gunicorn_preloads_and_freezes_the_collector_before_forking() -> None:
    config: dict[str, Any] = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    try:
        assert config["preload_app"] is True
        assert not gc.isenabled()  # nothing collected while the app loads

        class Log:
            def info(self, *args: Any) -> None:
                pass

        class Server:
            log = Log()

        config["when_ready"](Server())
        assert gc.get_freeze_count() > 0
        config["post_fork"](Server(), None)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_every_scheduled_command_of_the_readme_runs_in_a_job_group() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Scheduled jobs", 1)[1].split("\n### ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| ")]
    listed = {name for line in table for name in re.findall(r"`manage\.py (\w+)", line)}
    script = (DEPLOY / "jobs" / "run").read_text()
    scheduled = set(re.findall(r"^\s+run (\w+)", script, flags=re.M))
    assert listed
    assert listed <= scheduled, listed - scheduled
    commands = {path.stem for path in ROOT.glob("terbuka/*/management/commands/*.py")}
    assert scheduled <= commands, scheduled - commands


def test_every_timer_starts_a_job_group_that_exists() -> None:
    script = (DEPLOY / "jobs" / "run").read_text()
    groups = set(re.findall(r"^([a-z-]+)\)", script, flags=re.M))
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        unit = re.search(r"^Unit=terbuka-jobs@([a-z-]+)\.service$", timer.read_text(), flags=re.M)
        assert unit, timer.name
        assert unit.group(1) in groups, timer.name
        assert timer.name == f"terbuka-{unit.group(1)}.timer"
