"""Terbuka settings, read from environment variables.

With no variable set this runs the embedded default: SQLite in WAL mode, files on local
disk under ``var/``, e-mail printed to the console. ``DATABASE_URL`` switches to
PostgreSQL. Helpers parse strictly: a malformed value stops start-up with a clear error
instead of silently falling back (healthchecks' ``envbool``/``envint``).
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TERBUKA_VAR_DIR", BASE_DIR / "var"))


def envstr(name: str, default: str) -> str:
    """A string setting; ``NAME_FILE`` names a file holding the value (for secrets)."""
    file_name = os.environ.get(name + "_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = envstr(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = envstr(name, default).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
# The embedded default is a demo on one machine; production must set its own key.
SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if envbool("TERBUKA_PRODUCTION", "false"):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-embedded-demo-key-set-SECRET_KEY-in-production"  # noqa: S105
# Production marks itself so that seed_demo and other demo helpers refuse to run there.
PRODUCTION = envbool("TERBUKA_PRODUCTION", "false")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
# The installation's identity in every page's header and title (issue 13): the platform's
# name, whose service it is (e.g. "PPID Provinsi Kalimantan Tengah"), and a logo on this
# site (a path such as /static/logo.svg or /media/logo.png; CSP allows only our own images).
TERBUKA_SITE_NAME = envstr("TERBUKA_SITE_NAME", "Terbuka")
TERBUKA_SITE_OWNER = envstr("TERBUKA_SITE_OWNER", "")
TERBUKA_LOGO_URL = envstr("TERBUKA_LOGO_URL", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    # Two-factor login (TOTP and one-time recovery codes) and login lockout; issue #5.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "terbuka.portal",
    "terbuka.audit",
    "terbuka.accounts",
    "terbuka.bodies",
    "terbuka.workdays",
    "terbuka.letters",
    "terbuka.requests",
    "terbuka.catalog",
    "terbuka.search",
    "terbuka.backups",
    "terbuka.security",
    "terbuka.privacy",
    "terbuka.remedies",
    "terbuka.redaction",
    "terbuka.disputes",
    "terbuka.survey",
    "terbuka.reports",
    "terbuka.monev",
    "terbuka.api",
    # django-ninja: the open API /api/v1/ and its OpenAPI schema; listed so that its docs
    # page is served from its bundled static files, never from a CDN (issue 15).
    "ninja",
    # The Django tasks API (backport) and its database backend: background jobs with no
    # broker in the embedded mode; `manage.py db_worker` runs them.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed (issue 13: a public page ≤ 100 KB on the wire). Django pads each gzip
    # stream with random bytes in its header ("Heal the Breach"), which blunts BREACH
    # against the CSRF token in our pages; the token is also masked per response. Static
    # files come compressed from whitenoise, above.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "terbuka.portal.middleware.ChosenLanguageMiddleware",
    # A NUL character in the address, query or body: 400 before any view reads it.
    "terbuka.portal.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous readers of public pages, feeds and API reads (terbuka/pagecache.py).
    "terbuka.pagecache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "terbuka.audit.log.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "terbuka.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "terbuka.bodies.middleware.OfficerSessionExpiryMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Caches. "default" stays in process (short-lived counters); "pages" is the public-page
# cache (terbuka/pagecache.py): a table in the main database, created by a migration, so
# every app server shares it on SQLite and PostgreSQL alike without running Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "terbuka_page_cache",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_MAX_ENTRIES", "20000")},
    },
}
PAGE_CACHE = envbool("PAGE_CACHE", "true")
# How long a stored page lives at most (date-dependent badges are at most this late) and
# how long browsers and nginx may keep one without asking again.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", "300")
PAGE_CACHE_MAX_AGE = envint("PAGE_CACHE_MAX_AGE", "60")
# Pages each app process also keeps in memory, uncompressed (~100 KB each at most).
PAGE_CACHE_LOCAL_ENTRIES = envint("PAGE_CACHE_LOCAL_ENTRIES", "64")

ROOT_URLCONF = "terbuka.urls"
WSGI_APPLICATION = "terbuka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "terbuka" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "terbuka.portal.context_processors.roles",
                "terbuka.portal.context_processors.installation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite options from PITFALLS.md 1: IMMEDIATE transactions serialise writers instead of
# failing with "database is locked"; WAL lets readers run beside the writer. This runs
# synchronous=NORMAL: a power loss may lose the last commits, a process kill does not.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;"
        " PRAGMA foreign_keys=ON;"
    ),
}
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    # The embedded default keeps its database, keys and files under var/.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "terbuka.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests use a file, not Django's in-memory default: shared-cache memory databases lock
    # whole tables and ignore busy_timeout, so concurrency tests could not run on them.
    # The process id keeps parallel test runs on one machine apart.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"terbuka-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
# An officer lands on his inbox, a requester on his requests (requests/views/landing.py).
LOGIN_REDIRECT_URL = "requests:after_login"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt while the account or the address is locked out.
    "terbuka.accounts.backends.LockoutBackend",
    "terbuka.accounts.backends.UsernameOrEmailBackend",
]
# Argon2id first (new and re-hashed passwords); the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Sessions: two weeks for requesters; officers are logged out after inactivity
# (terbuka.bodies.middleware). A password change ends every other session (Django's
# session auth hash).
# Officers and administrators must log in with a second factor (TOTP); issue #5.
TERBUKA_REQUIRE_OFFICER_2FA = envbool("TERBUKA_REQUIRE_OFFICER_2FA", "true")
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(14 * 24 * 3600))
OFFICER_IDLE_TIMEOUT = envint("OFFICER_IDLE_TIMEOUT", str(30 * 60))

# --- Personal data encryption (UU 27/2022 Pasal 16: secure) ----------------------------
# Comma-separated Fernet keys, newest first; older keys still decrypt (rotation). In the
# embedded default a key file is created under var/keys/ on first use. Keys never live in
# the database.
TERBUKA_ENCRYPTION_KEYS = envlist("TERBUKA_ENCRYPTION_KEYS", "")
TERBUKA_KEY_DIR = Path(envstr("TERBUKA_KEY_DIR", str(VAR_DIR / "keys")))
# The key for the keyed hash (HMAC-SHA256) of NIKs, used to find a NIK without decrypting.
TERBUKA_HASH_KEY = envstr("TERBUKA_HASH_KEY", "")

# --- Signed letters (issue 12) ---------------------------------------------------------
# One PKCS#12 file per body, ``<slug>.p12``, with its passphrase in ``<slug>.passphrase``
# (terbuka/letters/signing.py; README "Signed, verifiable letters"). Never in the
# database. ``seed_demo`` fills the default directory with demo certificates.
TERBUKA_SIGNING_DIR = Path(envstr("TERBUKA_SIGNING_DIR", str(VAR_DIR / "signing")))

# --- Background jobs (DIP text extraction and OCR) -------------------------------------
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TERBUKA_TASKS_BACKEND = envstr("TERBUKA_TASKS_BACKEND", "database").strip().lower()
if TERBUKA_TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TERBUKA_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)},"
        f" not {TERBUKA_TASKS_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TERBUKA_TASKS_BACKEND], "QUEUES": ["default"]}}
# Seconds one OCR run (tesseract on one page) may take before it is stopped and retried.
TERBUKA_OCR_TIMEOUT = envint("TERBUKA_OCR_TIMEOUT", "120")

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "terbuka" / "locale"]
USE_I18N = True
USE_TZ = True
# Central Kalimantan keeps Western Indonesian Time; each body may set its own zone.
TIME_ZONE = envstr("TIME_ZONE", "Asia/Jakarta")

# --- Files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "terbuka" / "static"]
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
# No MEDIA_URL is served: stored files go out only through permission-checked views.
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Where stored files live (issue 15): "local" (the embedded default, MEDIA_ROOT on this
# machine's disk) or "s3" (S3-compatible object storage through django-storages, for
# several app servers). Every stored file goes through Django's storage API either way.
TERBUKA_STORAGE = envstr("TERBUKA_STORAGE", "local").strip().lower()
if TERBUKA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"TERBUKA_STORAGE must be local or s3, not {TERBUKA_STORAGE!r}")
# Seconds a signed S3 URL of a public DIP document stays valid (the redirect of a download).
TERBUKA_S3_URL_EXPIRY = envint("TERBUKA_S3_URL_EXPIRY", "300")


def s3_storage_options() -> dict[str, object]:
    """The S3 backend's options from the environment; secrets may come from ``*_FILE``."""
    bucket = envstr("TERBUKA_S3_BUCKET", "")
    if not bucket:
        raise ImproperlyConfigured("TERBUKA_STORAGE=s3 needs TERBUKA_S3_BUCKET")
    return {
        "bucket_name": bucket,
        # Empty: Amazon S3 itself; otherwise MinIO, Ceph, Garage, a cloud's S3 endpoint.
        "endpoint_url": envstr("TERBUKA_S3_ENDPOINT_URL", "") or None,
        "region_name": envstr("TERBUKA_S3_REGION", "") or None,
        "access_key": envstr("TERBUKA_S3_ACCESS_KEY", "") or None,
        "secret_key": envstr("TERBUKA_S3_SECRET_KEY", "") or None,
        # A prefix inside the bucket, so one bucket can hold several installations.
        "location": envstr("TERBUKA_S3_PREFIX", ""),
        "addressing_style": envstr("TERBUKA_S3_ADDRESSING_STYLE", "path"),
        # Signature version 4: the one every S3 region and S3-compatible server accepts.
        "signature_version": "s3v4",
        # Never public: objects carry no ACL (the bucket's private default) and every URL
        # the app hands out is signed and short-lived.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": TERBUKA_S3_URL_EXPIRY,
        # Like FileSystemStorage: saving an existing name picks a new one. Key rotation
        # writes the re-encrypted copy beside the old file and deletes the old one after
        # the commit; overwriting in place would delete the new copy.
        "file_overwrite": False,
        # Reading an object spools to a temporary file above this size, not to memory.
        "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
    }


STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options()}
        if TERBUKA_STORAGE == "s3"
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
# Source maps (the API docs' bundles carry 10 MB of them) are for a developer's tools, not
# for visitors: compressing them at every collectstatic took minutes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
# Behind nginx: hand permission-checked downloads of unencrypted files to nginx through
# X-Accel-Redirect under this internal prefix (empty: Python streams them itself). Only
# with local storage: with S3 the app streams private files and redirects public DIP
# documents to a signed URL.
TERBUKA_X_ACCEL_REDIRECT_PREFIX = envstr("TERBUKA_X_ACCEL_REDIRECT_PREFIX", "")

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Terbuka <ppid@terbuka.localhost>")

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "true" if PRODUCTION else "false")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true" if PRODUCTION else "false")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
# Behind reverse proxies the client address is the X-Forwarded-For entry the outermost
# trusted proxy appended, TRUSTED_PROXIES from the end (terbuka.security.client; PITFALLS 8
# and 14): never the client's own first entry.
BEHIND_PROXY = envbool("BEHIND_PROXY", "false")
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", "1")
# Calls a partner's API token may make per minute (issue 15); beyond it, 429.
API_TOKEN_RATE_LIMIT = envint("API_TOKEN_RATE_LIMIT", "120")
if TRUSTED_PROXIES < 1:
    raise ImproperlyConfigured("TRUSTED_PROXIES must be 1 or more (set BEHIND_PROXY=false instead)")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A strict Content-Security-Policy (django-csp): scripts and styles only from our own
# static files, no inline scripts, no framing, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging: never personal data (see terbuka/audit for what is recorded where) ------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # django-axes logs every login at INFO with its path (a verification link's token).
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of every letter at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# --- Two-factor login and lockout (terbuka/accounts; issue #5) -------------------------
# The issuer name an authenticator app shows beside the account.
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "Terbuka")
# The admin may delete a lost authenticator, but never read its secret or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# django-axes: after AXES_FAILURE_LIMIT failed logins an account, or a client address, is
# locked for AXES_COOLOFF_MINUTES. Either one is enough to lock ("username" OR "ip_address").
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "15") / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful login must not clear the address's failures (an attacker could log in to
# his own account between guesses at someone else's).
AXES_RESET_ON_SUCCESS = False
# The client address by the one rule (the entry the trusted proxy appended).
AXES_CLIENT_IP_CALLABLE = "terbuka.security.client.client_address"
# E-mail addresses are turned into the account's username (or a hash): one counter per
# account, and no stranger's address stored in the attempts table.
AXES_USERNAME_CALLABLE = "terbuka.accounts.lockout.username_for_axes"
AXES_LOCKOUT_CALLABLE = "terbuka.accounts.lockout.lockout_response"
# The audit trail records logins; axes keeps only the failed attempts it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# --- end of two-factor login and lockout -----------------------------------------------
