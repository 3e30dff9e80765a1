"""Smoke journey through real nginx in front of two gunicorn processes (issue 15).

Usage (from the checkout, with the project's Python):
    DATABASE_URL=postgres://… deploy/smoke/run [--measure N]

On loopback, without root: builds a fresh database on the given PostgreSQL server, seeds
the demo, starts Debian's nginx with a configuration derived from the shipped
``deploy/nginx/terbuka.conf`` (TLS and the port-80 server dropped, paths moved to a
temporary directory) in front of two gunicorn processes started with the shipped
``deploy/gunicorn.conf.py``, and walks through nginx:

1. pages, a static file (served by nginx from the collected static files);
2. a requester logs in and submits a request with a PDF attachment; downloads it through
   the permission-checked view, which hands the file to nginx by X-Accel-Redirect (the
   internal location itself answers 404 to a client, and a stranger gets 404);
3. one gunicorn is stopped: the journey still works through the other;
4. Schemathesis against the live API: every operation of its schema, no server error and
   every answer as the schema says;
5. a client forging ``X-Forwarded-For`` on every try is still locked out after five failed
   logins, and still rate-limited on a public form: the address recorded is the one nginx
   saw, never the forged one.

``--measure N`` afterwards sends N more requests and prints each gunicorn worker's RSS
(README "Sizing"). Exits non-zero on the first failure, with the servers' logs.
"""

from __future__ import annotations

import argparse
import html
import html.parser
import http.cookiejar
import io
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PASSWORD = "demo-terbuka"  # noqa: S105 - the demo's published password (README)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def say(text: str) -> None:
    print(f"[smoke] {text}", flush=True)


class SmokeFailure(AssertionError):
    pass


def check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# --- HTTP client: cookies, no automatic redirects, forms --------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Response:
    def __init__(self, status: int, headers: Any, body: bytes, url: str) -> None:
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    def __init__(self, base: str, forged_for: bool = False) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.forged_for = forged_for

    def request(
        self,
        method: str,
        path: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        url = path if path.startswith("http") else self.base + path
        all_headers = {"Accept-Language": "id", **(headers or {})}
        if self.forged_for:
            # A client choosing a new address on every try (PITFALLS 14).
            all_headers["X-Forwarded-For"] = f"203.0.113.{secrets.randbelow(250) + 1}"
        if method == "POST":
            all_headers["Referer"] = self.base + path
        req = urllib.request.Request(url, data=data, method=method, headers=all_headers)  # noqa: S310
        try:
            with self.opener.open(req, timeout=30) as reply:
                return Response(reply.status, reply.headers, reply.read(), url)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read(), url)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def follow(self, response: Response) -> Response:
        while response.status in (301, 302, 303):
            response = self.get(urllib.parse.urljoin(response.url, response.headers["Location"]))
        return response

    def post_form(
        self,
        path: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> Response:
        boundary = uuid.uuid4().hex
        out = io.BytesIO()
        for name, value in fields.items():
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            out.write(value.encode() + b"\r\n")
        for name, (filename, content, content_type) in (files or {}).items():
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            )
            out.write(content + b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST",
            path,
            data=out.getvalue(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


class FormParser(html.parser.HTMLParser):
    """The fields of the forms on a page: name → value a browser would send by default."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}, "options": {}})
        elif not self.forms:
            return
        fields, options = self.forms[-1]["fields"], self.forms[-1]["options"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in ("file", "submit"):
                fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            options.setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def form_on(page: Response, field: str) -> dict[str, Any]:
    """The form of the page that has the field ``field`` (not the search or language form)."""
    parser = FormParser()
    parser.feed(page.text)
    for form in parser.forms:
        if field in form["fields"] or field in form["options"]:
            return dict(form)
    raise SmokeFailure(f"no form with a field {field!r} on {page.url} ({page.status})")


# --- The servers ------------------------------------------------------------------------


def nginx_config(work: Path, port: int, app_ports: list[int], static: Path, media: Path) -> str:
    """The shipped site configuration, moved onto loopback without TLS and root."""
    site = (ROOT / "deploy/nginx/terbuka.conf").read_text()
    # Drop the port-80 redirect server and everything TLS.
    site = re.sub(r"server \{\n    listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)
    site = re.sub(r"\n\s*(listen|ssl_[a-z_]+) [^\n]*;", "", site)
    site = site.replace(
        "server_name ppid.example.go.id;", f"listen 127.0.0.1:{port};\n    server_name localhost;"
    )
    site = site.replace("/var/lib/terbuka/static/", f"{static}/").replace(
        "/var/lib/terbuka/media/", f"{media}/"
    )
    site = site.replace("/var/log/nginx/", f"{work}/")
    servers = "\n".join(
        f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in app_ports
    )
    site = re.sub(r"    server 127\.0\.0\.1:8000 [^\n]*\n", servers + "\n", site)
    check("ssl" not in site.replace("ssl_", ""), "TLS left in the smoke configuration")
    temp = "\n".join(
        f"    {kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{temp}
{site}
}}
"""


def wait_for(url: str, process: subprocess.Popen[bytes], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeFailure(f"{what} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SmokeFailure(f"{what} did not answer within {seconds:.0f} s")


def manage(env: dict[str, str], *args: str) -> str:
    begin = time.monotonic()
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if args[0] != "shell":
        say(f"manage.py {args[0]}: {time.monotonic() - begin:.0f} s")
    return result.stdout


def fresh_database(base_url: str) -> tuple[str, str]:
    """A new database on the server of ``base_url``; returns its URL and its name."""
    import psycopg

    parsed = urllib.parse.urlsplit(base_url)
    name = f"terbuka_smoke_{os.getpid()}"
    admin_url = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parsed._replace(path=f"/{name}")), name


def drop_database(base_url: str, name: str) -> None:
    import psycopg

    parsed = urllib.parse.urlsplit(base_url)
    admin_url = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- The journey ------------------------------------------------------------------------


def pages_and_static(client: Client) -> None:
    home = client.get("/")
    check(home.status == 200, f"home page: {home.status}")
    for path in ("/healthz", "/dip/", "/permohonan/", "/badan-publik/", "/api/v1/bodies/"):
        page = client.get(path)
        check(page.status == 200, f"{path}: {page.status}")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    check(stylesheet, "no stylesheet linked from the home page")
    assert stylesheet is not None
    css = client.get(stylesheet.group(1))
    check(
        css.status == 200 and b"{" in css.body, f"static file {stylesheet.group(1)}: {css.status}"
    )
    # nginx, not the app (WhiteNoise), sent it: its `expires` and `add_header` lines.
    cache_control = ", ".join(css.headers.get_all("Cache-Control") or [])
    check("immutable" in cache_control, f"static file not served by nginx ({cache_control})")
    check(css.headers.get("Expires"), "static file without nginx's Expires header")


def log_in(client: Client, username: str) -> None:
    page = client.get("/akun/masuk/")
    check(page.status == 200, f"login page: {page.status}")
    form = form_on(page, "username")
    fields = {**form["fields"], "username": username, "password": PASSWORD}
    done = client.post_form("/akun/masuk/", fields)
    check(done.status == 302, f"login of {username}: {done.status}")


def submit_with_attachment(client: Client) -> str:
    """Submit a request with a PDF; return the path of the request's page."""
    page = client.get("/permohonan/baru/")
    check(page.status == 200, f"request form: {page.status}")
    form = form_on(page, "subject")
    fields = dict(form["fields"])
    options = form["options"]
    # The body is picked from a <select> grouped by region (the first option is the
    # empty "— Pilih badan publik —").
    bodies = [value for value in options.get("body", []) if value]
    check(bodies, "no list of bodies on the request form")
    fields["body"] = bodies[0]
    fields["subject"] = "Data jumlah puskesmas per kecamatan tahun 2025 (uji asap)"
    fields["purpose"] = "Uji asap penerapan"
    fields["how_to_obtain"] = options["how_to_obtain"][0]
    fields.pop("publish_allowed", None)
    done = client.post_form(
        "/permohonan/baru/", fields, files={"attachments": ("lampiran.pdf", PDF, "application/pdf")}
    )
    if done.status != 302:
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', done.text, flags=re.S)
        raise SmokeFailure(f"request not submitted ({done.status}): {errors[:5]}")
    # The answer is the receipt (tanda terima); the request's own page lists its files.
    receipt = urllib.parse.urlsplit(done.headers["Location"]).path
    detail = re.match(r"/permohonan/[0-9a-f-]{36}/", receipt)
    check(detail, f"unexpected page after submitting: {receipt}")
    assert detail is not None
    return detail.group(0)


def download_attachment(client: Client, stranger: Client, request_page: str) -> None:
    page = client.follow(client.get(request_page))
    check(page.status == 200, f"request page: {page.status}")
    links = re.findall(r'href="(/permohonan/berkas/[0-9a-f-]+/)"', page.text)
    check(links, "no file link on the request page")
    download = client.get(links[0])
    check(download.status == 200, f"download: {download.status}")
    check(download.body == PDF, "the downloaded file is not the uploaded one")
    check(
        download.headers.get("Content-Disposition", "").startswith("attachment"),
        "not an attachment",
    )
    check("X-Accel-Redirect" not in download.headers, "X-Accel-Redirect leaked to the client")
    # nginx sent the bytes from disk: it adds the file's ETag and Last-Modified.
    check(
        download.headers.get("ETag") and download.headers.get("Last-Modified"), "not sent by nginx"
    )
    check(stranger.get(links[0]).status == 404, "a stranger could download the file")


def internal_location_is_closed(client: Client, media: Path) -> None:
    stored = next(path for path in media.rglob("*.pdf"))
    direct = client.get("/_berkas/" + stored.relative_to(media).as_posix())
    check(direct.status == 404, f"/_berkas/ answered a client directly: {direct.status}")


def lockout_with_forged_header(base: str, env: dict[str, str]) -> None:
    attacker = Client(base, forged_for=True)
    for attempt in range(5):
        page = attacker.get("/akun/masuk/")
        form = form_on(page, "username")
        fields = {**form["fields"], "username": "pemohon.dua", "password": f"salah-{attempt}"}
        attacker.post_form("/akun/masuk/", fields)
    # A sixth try, for another account with its right password, from "another address".
    page = attacker.get("/akun/masuk/")
    form = form_on(page, "username")
    locked = attacker.post_form(
        "/akun/masuk/", {**form["fields"], "username": "utama.barut", "password": PASSWORD}
    )
    check(locked.status == 429, f"the forged X-Forwarded-For escaped the lockout: {locked.status}")
    addresses = (
        manage(
            env,
            "shell",
            "-c",
            "from axes.models import AccessAttempt; "
            "print(sorted({a.ip_address for a in AccessAttempt.objects.all()}))",
        )
        .strip()
        .splitlines()[-1]
    )
    check(addresses == "['127.0.0.1']", f"the lockout counted forged addresses: {addresses}")


def rate_limit_with_forged_header(base: str) -> None:
    attacker = Client(base, forged_for=True)
    statuses = []
    for _attempt in range(11):
        page = attacker.get("/akun/daftar/")
        form = form_on(page, "email")
        statuses.append(attacker.post_form("/akun/daftar/", form["fields"]).status)
    check(429 not in statuses[:10], f"rate-limited too early: {statuses}")
    check(statuses[10] == 429, f"the forged X-Forwarded-For escaped the rate limit: {statuses}")


def api_against_its_schema(base: str) -> None:
    """Schemathesis against the live API through nginx (issue 15): every operation of
    ``/api/v1/schema/``, a few generated cases each, without a key or a session (the
    partner and the requester's operations answer 401 with a problem, as documented;
    with a token they are walked in-process by ``api/tests/test_schema_conformance.py``):
    no server error, and status, content type and body as the schema says."""
    import schemathesis
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/schema/")
    operations = [result.ok() for result in schema.get_all_operations()]
    check(len(operations) >= 12, f"the schema has only {len(operations)} operations")
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any) -> None:
            case.call_and_validate(base_url=base, checks=checks)

        try:
            run()
        except Exception as failure:  # collected and reported together
            failures.append(f"{operation.label}: {failure}")
    check(not failures, "\n\n".join(failures))
    say(f"the API against its schema through nginx: {len(operations)} operations, ok")


def measure(base: str, pids: list[int], count: int) -> None:
    client = Client(base)
    paths = ["/", "/dip/", "/permohonan/", "/badan-publik/", "/api/v1/bodies/"]
    started = time.monotonic()
    timings = []
    for number in range(count):
        begin = time.perf_counter()
        reply = client.get(paths[number % len(paths)])
        timings.append(time.perf_counter() - begin)
        check(reply.status == 200, f"measure: {reply.status}")
    timings.sort()
    elapsed = time.monotonic() - started
    say(
        f"{count} requests in {elapsed:.0f} s: p50 {timings[len(timings) // 2] * 1000:.1f} ms,"
        f" p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms,"
        f" p99 {timings[int(len(timings) * 0.99)] * 1000:.1f} ms"
    )
    for master in pids:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        for pid in [str(master), *children]:
            status = Path(f"/proc/{pid}/status").read_text()
            rss = re.search(r"VmRSS:\s+(\d+) kB", status)
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss = re.search(r"Pss:\s+(\d+) kB", rollup)
            role = "master" if pid == str(master) else "worker"
            say(
                f"gunicorn {role} {pid}: RSS {int(rss.group(1)) // 1024 if rss else '?'} MB,"
                f" PSS {int(pss.group(1)) // 1024 if pss else '?'} MB"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measure", type=int, default=0, help="requests to send for sizing")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per process")
    parser.add_argument(
        "--work",
        default="",
        help="keep the installation in this folder and reuse it next time (to work on the"
        " journey itself)",
    )
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        say("DATABASE_URL must name a PostgreSQL server (the throwaway cluster of .ci/run)")
        return 2
    started = time.monotonic()
    reuse = bool(options.work) and (Path(options.work) / "database").exists()
    work = Path(options.work) if options.work else Path(tempfile.mkdtemp(prefix="terbuka-smoke-"))
    work.mkdir(parents=True, exist_ok=True)
    # Run as root (CI), nginx's workers are `nobody`: they must read the static and stored
    # files, and create their own temporary folders.
    work.chmod(0o755)
    (work / "var").mkdir(mode=0o755, exist_ok=True)
    if reuse:
        database = (work / "database").read_text().strip()
        parsed = urllib.parse.urlsplit(base_url)
        database_url = urllib.parse.urlunsplit(parsed._replace(path=f"/{database}"))
    else:
        database_url, database = fresh_database(base_url)
    port, app_ports = free_port(), [free_port(), free_port()]
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TERBUKA_VAR_DIR": str(work / "var"),
        "MEDIA_ROOT": str(work / "var" / "media"),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "BEHIND_PROXY": "true",
        "TRUSTED_PROXIES": "1",
        "TERBUKA_X_ACCEL_REDIRECT_PREFIX": "/_berkas/",
        "TERBUKA_TASKS_BACKEND": "immediate",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "GUNICORN_WORKERS": str(options.workers),
        "GUNICORN_LOGLEVEL": "warning",
    }
    env.pop("TERBUKA_STORAGE", None)
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    try:
        if not reuse:
            say(f"database {database}; migrate, collectstatic, seed_demo")
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "collectstatic", "--noinput", "-v0")
            manage(env, "seed_demo")
            if options.work:
                (work / "database").write_text(database)
        else:
            # A previous run's lockout and rate-limit counts would fail this one.
            manage(
                env,
                "shell",
                "-c",
                "from axes.models import AccessAttempt; from terbuka.security.models import"
                " RateLimitCounter; AccessAttempt.objects.all().delete();"
                " RateLimitCounter.objects.all().delete()",
            )
        for number, app_port in enumerate(app_ports, start=1):
            log = work / f"gunicorn-{number}.log"
            logs.append(log)
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "terbuka.wsgi"],
                    cwd=ROOT,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{app_port}"},
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
        conf = work / "nginx.conf"
        conf.write_text(
            nginx_config(work, port, app_ports, work / "var" / "static", work / "var" / "media")
        )
        logs.append(work / "nginx-error.log")
        nginx = subprocess.Popen(  # noqa: S603
            [NGINX, "-e", str(work / "nginx-error.log"), "-c", str(conf), "-p", str(work)],
            stdout=subprocess.DEVNULL,
            stderr=(work / "nginx-start.log").open("wb"),
        )
        processes.append(nginx)
        for app_port, process in zip(app_ports, processes, strict=False):
            wait_for(f"http://127.0.0.1:{app_port}/healthz", process, f"gunicorn :{app_port}")
        wait_for(f"http://127.0.0.1:{port}/healthz", nginx, "nginx")
        base = f"http://localhost:{port}"

        def journey(label: str) -> None:
            requester, stranger = Client(base), Client(base)
            pages_and_static(requester)
            log_in(requester, "pemohon.satu")
            log_in(stranger, "pemohon.dua")
            request_page = submit_with_attachment(requester)
            download_attachment(requester, stranger, request_page)
            internal_location_is_closed(requester, work / "var" / "media")
            say(
                f"journey {label}: pages, static file, request with attachment, X-Accel download: ok"
            )

        journey("through nginx, two gunicorns")
        processes[0].send_signal(signal.SIGTERM)
        processes[0].wait(timeout=40)
        say("gunicorn 1 stopped")
        journey("with one gunicorn left")
        api_against_its_schema(base)
        lockout_with_forged_header(base, env)
        say("lockout through nginx with a forged X-Forwarded-For: ok (only 127.0.0.1 counted)")
        rate_limit_with_forged_header(base)
        say("rate limit through nginx with a forged X-Forwarded-For: ok")
        if options.measure:
            measure(base, [processes[1].pid], options.measure)
        say(f"all green in {time.monotonic() - started:.0f} s")
        return 0
    except Exception as failure:
        say(f"FAILED: {type(failure).__name__}: {failure}")
        for log in logs:
            if log.exists():
                print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}", flush=True)
        return 1
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if process is processes[-1] else signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        if not options.work:
            drop_database(base_url, database)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
