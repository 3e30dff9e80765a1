"""The public-page cache: what anonymous visitors see, kept once for everyone (issue 14).

A province portal gets its traffic in spikes, almost all of it anonymous and on the same
few pages. Those pages (the DIP, the directory, the request log, search, the feeds and the
public API reads: ``CACHEABLE_VIEWS``) are kept in Django's cache framework under the
alias ``pages``: a table in the main database (``createcachetable``, run by the migration
``catalog/0006``), so every app server shares one cache and nothing else has to run. Redis
would be faster per read but is one more service to run, secure and back up; a cached page
costs one indexed read of that table either way.

**Keys and invalidation.** A page is kept under its method, path, query and language. Each
stored page carries the cache version current when it was rendered; a stored page of an
older version is a miss. ``bump()`` takes a new version after the changing transaction
commits; the actions that change what public pages show call it (an entry published,
changed or unpublished, a document added, an exemption set or opened, a request answered
or reopened, a body or the calendar changed), so the next request after the commit sees
the change. Stored pages also expire after ``settings.PAGE_CACHE_SECONDS`` (what depends
on the date, such as "update overdue", is at most that late).

**Never personal.** Only GET requests without a session cookie, a messages cookie or an
``Authorization`` header are served from or stored in the cache: a logged-in visitor
always gets a freshly rendered page, marked ``Cache-Control: private``. Only 200 answers
that set no cookie other than the CSRF one and have no ``Cache-Control`` of their own are
stored. Forms on public pages (the language switcher) carry a CSRF token bound to the
visitor's cookie: it is stored as a placeholder and each visitor gets his own token, so such
an HTML page is ``private`` to the browser; the feeds and the API, which carry no token,
are ``public`` for nginx and browsers alike. Every kept answer has an ``ETag`` and a
``Last-Modified``; a matching ``If-None-Match`` gets 304.

**Kept in the process too.** Each app process keeps the pages it served last
(``PAGE_CACHE_LOCAL_ENTRIES``, uncompressed, with their version and expiry). A request for
one of them reads only the version from the shared cache, a few bytes, instead of the page
(measured on PostgreSQL: the page's read, decoding and decompression were a third of a
hit). The version is still read on every request, so a change made through any app server
is seen by all of them on the next request.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

ALIAS = "pages"
VERSION_KEY = "terbuka:pages:version"

# The URL names of the public, read-only pages, feeds and API reads. Each shows the same
# thing to every anonymous visitor and nothing personal.
CACHEABLE_VIEWS = frozenset(
    {
        "portal:home",
        "bodies:directory",
        "bodies:detail",
        "catalog:dip",
        "catalog:body_dip",
        "catalog:category",
        "catalog:entry",
        "catalog:exemptions",
        "catalog:exemption",
        "catalog:dip_json",
        "catalog:dip_csv",
        "catalog:body_dip_json",
        "catalog:body_dip_csv",
        "requests:log",
        "requests:log_detail",
        "search:search",
        "api:bodies",
        "api:body",
        "api:dip",
        "api:dip_entry",
        "api:exemptions",
        "api:request_log",
        "api:request_log_item",
    }
)

# Response headers not stored with a page: set afresh on every answer.
_FRESH_HEADERS = frozenset(
    {
        "set-cookie",
        "vary",
        "cache-control",
        "etag",
        "last-modified",
        "expires",
        "date",
        "content-length",
    }
)
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = b"__terbuka_csrf_token__"


def _cache() -> Any:
    return caches[ALIAS]


def bump() -> None:
    """Every stored page is stale once the current transaction commits (at once outside
    one). Called by the actions that change what a public page shows."""
    transaction.on_commit(_new_version)


def _new_version() -> None:
    _cache().set(VERSION_KEY, secrets.randbits(62), None)


class _Local:
    """The pages this process served last, uncompressed, by key (module docstring)."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page["expires"] <= _clock():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: dict[str, Any]) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)


_local = _Local()
_clock = time.time  # the wall clock of expiries (a test moves it)


def clear_local() -> None:
    """Forget the pages this process keeps (tests, whose rows are rolled back)."""
    _local.clear()


def _key(request: HttpRequest) -> str:
    raw = f"{request.method}\n{translation.get_language()}\n{request.get_full_path()}"
    # "z2": the stored form below (compressed content, its digest and expiry); a page
    # stored in an older form is then simply not found.
    return "terbuka:pages:z2:" + hashlib.sha256(raw.encode()).hexdigest()


def is_anonymous_read(request: HttpRequest) -> bool:
    """A request nothing personal can be shown to: GET, no session, no pending message,
    no API key. The session is not loaded to decide."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _storable(response: HttpResponse) -> bool:
    cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    return (
        response.status_code == 200
        and not response.streaming
        and not cookies
        and not response.has_header("Cache-Control")
    )


def _etag(digest: str, request: HttpRequest, has_token: bool) -> str:
    """The stored page's digest; with the visitor's CSRF cookie when the page holds his
    own token (his copy differs from another's)."""
    if has_token:
        cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        digest = hashlib.sha256(f"{digest}\n{cookie}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def _answer(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    has_token: bool = stored["has_token"]
    etag = _etag(stored["digest"], request, has_token)
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        content = stored["content"]
        if has_token:
            content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
    for name, value in stored["headers"].items():
        response.headers[name] = value
    response["ETag"] = etag
    response["Last-Modified"] = stored["last_modified"]
    # A page with the visitor's own token is for his browser only; the rest for anyone.
    visibility = {"private": True} if has_token else {"public": True}
    patch_cache_control(response, max_age=settings.PAGE_CACHE_MAX_AGE, **visibility)
    patch_vary_headers(response, ("Cookie",))
    return response


class PageCacheMiddleware:
    """Serves and stores ``CACHEABLE_VIEWS`` for anonymous readers (module docstring).

    Placed after the language and CSRF middleware (the language is part of the key; the
    CSRF middleware sets the cookie of a token handed out here) and before the rest, whose
    headers (CSP, X-Frame-Options …) are stored with the page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE or not _cacheable_view(request):
            return self.get_response(request)
        if not is_anonymous_read(request):
            response = self.get_response(request)
            # A logged-in page is nobody else's: no shared cache may keep it.
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
            return response
        key = _key(request)
        local = _local.get(key)
        # The page too when this process does not hold it: both in one read.
        found = _cache().get_many([VERSION_KEY] if local is not None else [VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            # First use, or the version was culled: a new one, so nothing older is served.
            _cache().add(VERSION_KEY, secrets.randbits(62), None)
            version = _cache().get(VERSION_KEY)
        if local is not None and local["version"] == version:
            return _answer(request, local)
        stored = found.get(key) if local is None else _cache().get(key)
        if stored is not None and stored["version"] == version and stored["expires"] > _clock():
            page = _inflated(stored)
            _local.put(key, page)
            return _answer(request, page)
        response = self.get_response(request)
        if not _storable(response):
            return response
        content = _CSRF_INPUT.sub(rb"\g<1>" + _CSRF_PLACEHOLDER + rb"\g<2>", response.content)
        now = _clock()
        page = {
            "version": version,
            "content": content,
            # The digest (for the ETag) is taken once, not on every hit.
            "digest": hashlib.sha256(content).hexdigest(),
            "has_token": _CSRF_PLACEHOLDER in content,
            "headers": {
                name: value
                for name, value in response.headers.items()
                if name.lower() not in _FRESH_HEADERS
            },
            "last_modified": formatdate(now, usegmt=True),
            # When every copy of it, shared or in a process, is stale.
            "expires": now + settings.PAGE_CACHE_SECONDS,
        }
        # Compressed in the shared cache: a page of the DIP is ~100 KB of HTML, which the
        # cache stores as base64 text; a tenth of that is read and decoded on a hit.
        stored = {**page, "content": zlib.compress(content, 6)}
        _cache().set(key, stored, settings.PAGE_CACHE_SECONDS)
        _local.put(key, page)
        answer = _answer(request, page)
        # The CSRF cookie the view asked for: set again on this answer by the CSRF
        # middleware, which reads the request's flag, not the response.
        return answer


def _inflated(stored: dict[str, Any]) -> dict[str, Any]:
    return {**stored, "content": zlib.decompress(stored["content"])}


# Paths longer than this are resolved on every request, never remembered: anyone can send
# any path, and 4,096 remembered paths of a few hundred characters stay a megabyte or two.
_REMEMBERED_PATH_CHARS = 300


def _cacheable_view(request: HttpRequest) -> bool:
    path = request.path_info
    if len(path) > _REMEMBERED_PATH_CHARS:
        return _resolves_to_cacheable(path, settings.ROOT_URLCONF)
    return _cacheable_path(path, settings.ROOT_URLCONF)


def _resolves_to_cacheable(path: str, urlconf: str) -> bool:
    """Whether the view of ``path`` is one of ``CACHEABLE_VIEWS``."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return match.view_name in CACHEABLE_VIEWS


# Resolved once per path: the URL patterns do not change while a process runs. Any path
# can be asked, so the number remembered and their length are bounded.
_cacheable_path = functools.lru_cache(maxsize=4096)(_resolves_to_cacheable)
