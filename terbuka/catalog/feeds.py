"""Pulling a public-information feed into a body's DIP, in the shapes producers really send.

Used by ``import_dip_feed`` (one feed, by hand) and ``pull_dip_feeds`` (the registry of
feeds per body, on a schedule). Idempotent: each item's id is kept in ``Entry.source_key``
(unique per body), so a second pull updates what it made before instead of adding it again,
and an unchanged item is left alone (its ``updated_at`` stays, so harvesters of our own
feed do not see it again).

Shapes (read from the producers' source, not guessed):

- **OpenSID** ``Api_informasi_publik::ppid``: ``{"status": "success", "data": {"ppid":
  [...], "tanggal", "pengiriman": "semua"|"perubahan", "tgl_dari", "total data"}}``; items
  ``id, kode_desa, dokumen`` (download URL), ``nama, tgl_upload, updated_at, enabled,
  kategori`` (``kategori_info_publik``: "1" berkala, "2" serta merta, "3" setiap saat, "4"
  dikecualikan), ``tahun``, and in an incremental pull ``aksi`` ("1" new, "2" changed, "3"
  deleted: the entry is unpublished). An incremental pull passes ``tgl_dari`` as d-m-Y;
  ``{"status": "fail", "data": {...}}`` is OpenSID's refusal.
- **Terbuka's own** ``/dip.json``: ``{"count" (null since issue 14), "next", "results": [...]}``; items with
  ``id, title, summary, category, number, holder, responsible, created_when,
  created_where, available_forms, retention, tags, published_on, next_update_due,
  documents``; the ``next`` link (cursor pagination) is followed on the same host.
- Older OpenSID-style lists: a bare list, ``{"data": [...]}``, JSON:API items
  (``{"type", "id", "attributes": {...}}``), with ``kategori_info_publik``, ``judul``,
  ``keterangan``, ``satuan_kerja``, ``retensi`` … (see ``_opensid_fields``).

Fetching: http(s) only (redirects too; registered feeds only to public addresses, never the
internal network), a timeout per request, a byte cap enforced while
the body streams in (``MAX_FEED_BYTES``, across all pages), at most ``MAX_PAGES`` pages.
An HTML page, a body over the cap, or JSON in none of these shapes is refused with a clear
message and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import json
import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from terbuka.bodies.models import Body
from terbuka.catalog import actions
from terbuka.catalog.importing import parse_category
from terbuka.catalog.models import Category, Entry, Feed

logger = logging.getLogger(__name__)

MAX_FEED_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 20
MAX_PAGES = 200
CHUNK = 64 * 1024
OPENSID_CATEGORIES = {
    "1": Category.BERKALA,
    "2": Category.SERTA_MERTA,
    "3": Category.SETIAP_SAAT,
}
OPENSID_EXEMPT = "4"
OPENSID_DELETED = "3"
DOCUMENT_KEYS = ("url", "dokumen_url", "file_url", "dokumen")

OPENSID, TERBUKA, LIST = "opensid", "terbuka", "list"


class FeedError(ValueError):
    """The feed as a whole cannot be read; the message is for the officer."""


class SkipItem(ValueError):
    """An item that cannot become a DIP entry; the pull says why and goes on."""


@dataclass
class Page:
    items: list[Any]
    shape: str
    next_url: str = ""


@dataclass
class PullResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unpublished: int = 0
    skipped: int = 0
    pages: int = 0
    shape: str = ""
    messages: list[str] = field(default_factory=list)

    def summary(self, body: Body) -> str:
        return _(
            "%(body)s: %(created)s entri baru, %(updated)s diperbarui, "
            "%(unchanged)s tidak berubah, %(unpublished)s ditarik, %(skipped)s dilewati."
        ) % {
            "body": body.name,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "unpublished": self.unpublished,
            "skipped": self.skipped,
        }


# --- Fetching -------------------------------------------------------------------------


# Registered feeds are pulled by the server from addresses officers typed: the internal
# network (loopback, private ranges, link-local cloud metadata) is off limits to them.
ALLOW_INTERNAL_ADDRESSES = False


def check_public_address(url: str) -> None:
    """Refuse a URL whose host resolves to an internal address (SSRF)."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise FeedError(_("Feed tidak dapat diambil: %(reason)s") % {"reason": exc}) from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise FeedError(
                _("Alamat %(host)s menuju jaringan internal (%(address)s); ditolak.")
                % {"host": host, "address": address}
            )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, public_only: bool = False) -> None:
        super().__init__()
        self.public_only = public_only

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(_("pengalihan ke alamat bukan http(s) ditolak"))
        if self.public_only:
            check_public_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _too_big(limit: int) -> FeedError:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} byte"
    return FeedError(
        _("Feed lebih besar dari %(size)s; pengambilan dihentikan, tidak ada yang disimpan.")
        % {"size": size}
    )


def _read_capped(handle: Any, limit: int) -> bytes:
    """Read at most ``limit`` bytes, chunk by chunk; raise as soon as there is more."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _too_big(limit)


def fetch(source: str, *, limit: int | None = None, public_only: bool = False) -> bytes:
    """The feed's bytes, from an http(s) URL or a local file (the command's). With
    ``public_only`` (registered feeds) only http(s) to public addresses."""
    limit = MAX_FEED_BYTES if limit is None else limit
    scheme = urlsplit(source).scheme.lower()
    if public_only and scheme not in ("http", "https"):
        raise FeedError(_("Hanya alamat http atau https."))
    if scheme in ("http", "https"):
        if public_only and not ALLOW_INTERNAL_ADDRESSES:
            check_public_address(source)
        opener = urllib.request.build_opener(
            _HttpOnlyRedirects(public_only and not ALLOW_INTERNAL_ADDRESSES)
        )
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            source, headers={"Accept": "application/json", "User-Agent": "Terbuka-DIP-import"}
        )
        try:
            with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise _too_big(limit)
                return _read_capped(response, limit)
        except FeedError:
            raise
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FeedError(_("Feed tidak dapat diambil: %(reason)s") % {"reason": reason}) from exc
    if len(scheme) > 1:  # "c:" would be a Windows drive letter, anything longer a scheme
        raise FeedError(_("Hanya alamat http(s) atau berkas lokal yang dapat dibaca."))
    path = Path(source)
    if not path.is_file():
        raise FeedError(_("Berkas feed tidak ditemukan: %(path)s") % {"path": source})
    with path.open("rb") as handle:
        return _read_capped(handle, limit)


def with_since(url: str, since: dt.date | None, shape: str) -> str:
    """The URL of an incremental pull: OpenSID's ``tgl_dari`` in d-m-Y, or our ``since``."""
    if since is None or shape not in (OPENSID, TERBUKA):
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("tgl_dari", "since")]
    if shape == OPENSID:
        query.append(("tgl_dari", since.strftime("%d-%m-%Y")))
    else:
        query.append(("since", since.isoformat()))
    return urlunsplit(parts._replace(query=urlencode(query)))


# --- Shapes ---------------------------------------------------------------------------


def parse_page(data: bytes) -> Page:
    text_start = data.lstrip()[:200].lower()
    if text_start.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        raise FeedError(
            _(
                "Alamat ini mengirim halaman HTML/XML, bukan feed JSON. Periksa alamatnya: "
                "OpenSID memakai …/index.php/api_informasi_publik/ppid."
            )
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(_("Feed bukan JSON yang sah: %(error)s") % {"error": exc}) from exc
    if isinstance(document, list):
        return Page(items=_flatten(document), shape=LIST)
    if isinstance(document, dict):
        if document.get("status") == "fail":
            raise FeedError(
                _("Feed menolak permintaan: %(detail)s")
                % {"detail": json.dumps(document.get("data"), ensure_ascii=False)[:300]}
            )
        inner = document.get("data")
        if isinstance(inner, dict) and isinstance(inner.get("ppid"), list):
            return Page(items=inner["ppid"], shape=OPENSID)
        if isinstance(document.get("results"), list):
            next_url = document.get("next")
            return Page(
                items=document["results"],
                shape=TERBUKA,
                next_url=next_url if isinstance(next_url, str) else "",
            )
        if isinstance(inner, list):
            return Page(items=_flatten(inner), shape=LIST)
    raise FeedError(
        _(
            'Feed harus berupa daftar (list), objek dengan kunci "data" berisi daftar, respons '
            'OpenSID ({"data": {"ppid": [...]}}), atau /dip.json Terbuka ({"results": [...]}).'
        )
    )


def _flatten(items: list[Any]) -> list[Any]:
    flat = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("attributes"), dict):
            item = {**item["attributes"], "id": item.get("id", item["attributes"].get("id"))}
        flat.append(item)
    return flat


def _first(item: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = item.get(key)
        if value is not None and not isinstance(value, dict | list) and str(value).strip():
            return str(value).strip()
    return ""


def _day(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        day = moment.date() if moment else parse_date(value[:10])
    except ValueError:
        return None
    return day


def _clip(value: str, field_name: str) -> str:
    model_field = Entry._meta.get_field(field_name)
    limit = getattr(model_field, "max_length", None)
    return value[:limit] if limit else value


def _opensid_category(item: dict[str, Any]) -> str:
    code = _first(item, "kategori_info_publik")
    if not code and _first(item, "kategori").isdigit():
        code = _first(item, "kategori")
    if code == OPENSID_EXEMPT:
        raise SkipItem(_("informasi dikecualikan tidak masuk DIP"))
    if code in OPENSID_CATEGORIES:
        return OPENSID_CATEGORIES[code]
    value = _first(item, "kategori")
    if value and not value.isdigit():
        if "kecuali" in value.lower():
            raise SkipItem(_("informasi dikecualikan tidak masuk DIP"))
        category = parse_category(value)
        if category:
            return category
    raise SkipItem(_("kategori tidak dikenal"))


def _opensid_fields(item: dict[str, Any], body: Body) -> dict[str, Any]:
    title = _first(item, "nama", "judul")
    if not title:
        raise SkipItem(_("tidak ada nama/judul"))
    published = _day(_first(item, "tgl_upload", "published_at", "created_at"))
    year = _first(item, "tahun") or (str(published.year) if published else "")
    retention = _first(item, "retensi") or " ".join(
        part for part in (_first(item, "retensi_number"), _first(item, "retensi_unit")) if part
    )
    enabled = _first(item, "enabled") not in ("0", "false", "False")
    deleted = _first(item, "deleted") in ("1", "true", "True")
    fields: dict[str, Any] = {
        "title": _clip(title, "title"),
        "summary": _first(item, "keterangan", "ringkasan", "deskripsi") or title,
        "category": _opensid_category(item),
        "number": _clip(_first(item, "nomor"), "number"),
        "holder": _clip(_first(item, "satuan_kerja", "unit", "pejabat") or body.name, "holder"),
        "responsible": _clip(
            _first(item, "penanggung_jawab") or _("PPID %(body)s") % {"body": body.name},
            "responsible",
        ),
        "created_when": _clip(year or _("tidak disebutkan"), "created_when"),
        "created_where": _clip(_first(item, "tempat"), "created_where"),
        "retention": _clip(retention or _("sesuai jadwal retensi arsip"), "retention"),
        "available_softcopy": True,
        "available_hardcopy": False,
        "is_published": enabled and not deleted,
    }
    if published:
        fields["published_on"] = published
        fields["last_updated_on"] = published
    return fields


def _terbuka_fields(item: dict[str, Any], body: Body) -> dict[str, Any]:
    title = _first(item, "title")
    if not title:
        raise SkipItem(_("tidak ada judul"))
    category = _first(item, "category")
    if category not in Category.values:
        raise SkipItem(_("kategori tidak dikenal"))
    forms = item.get("available_forms") or []
    tags = item.get("tags") or []
    fields: dict[str, Any] = {
        "title": _clip(title, "title"),
        "summary": _first(item, "summary") or title,
        "category": category,
        "number": _clip(_first(item, "number"), "number"),
        "holder": _clip(_first(item, "holder") or body.name, "holder"),
        "responsible": _clip(
            _first(item, "responsible") or _("PPID %(body)s") % {"body": body.name}, "responsible"
        ),
        "created_when": _clip(
            _first(item, "created_when") or _("tidak disebutkan"), "created_when"
        ),
        "created_where": _clip(_first(item, "created_where"), "created_where"),
        "retention": _clip(
            _first(item, "retention") or _("sesuai jadwal retensi arsip"), "retention"
        ),
        "available_softcopy": "softcopy" in forms,
        "available_hardcopy": "hardcopy" in forms,
        "tags": _clip(", ".join(str(t) for t in tags if str(t).strip()), "tags"),
        "is_published": True,
    }
    for key, name in (
        ("published_on", "published_on"),
        ("last_updated_on", "last_updated_on"),
        ("next_update_due", "next_update_due"),
    ):
        day = _day(_first(item, key))
        if day:
            fields[name] = day
    return fields


def entry_fields(item: Any, body: Body, shape: str = LIST) -> dict[str, Any]:
    """The create_entry/update_entry fields of one feed item; raises SkipItem."""
    if not isinstance(item, dict):
        raise SkipItem(_("bukan objek JSON"))
    key = _first(item, "id")
    if not key:
        raise SkipItem(_("tidak ada id"))
    fields = _terbuka_fields(item, body) if shape == TERBUKA else _opensid_fields(item, body)
    fields["source_key"] = _clip(key, "source_key")
    return fields


def document_links(item: dict[str, Any], shape: str = LIST) -> list[tuple[str, str]]:
    """(title, URL) of each document an item links to."""
    links: list[tuple[str, str]] = []
    if shape == TERBUKA:
        for document in item.get("documents") or []:
            if isinstance(document, dict):
                url = _first(document, "url")
                if urlsplit(url).scheme in ("http", "https"):
                    links.append((_first(document, "title")[:300], url[:500]))
        return links
    for key in DOCUMENT_KEYS:
        value = _first(item, key)
        if urlsplit(value).scheme in ("http", "https") and value not in [u for _t, u in links]:
            links.append(("", value[:500]))
    return links


# --- Pulling --------------------------------------------------------------------------


def pull(
    body: Body,
    source: str,
    *,
    since: dt.date | None = None,
    shape_hint: str = "",
    fetcher: Any = None,
    public_only: bool = False,
) -> PullResult:
    """Fetch every page of a feed, then save its items in one transaction (a savepoint per
    item: a refused item is skipped and reported, the others are kept). Raises FeedError
    before anything is stored when the feed cannot be read."""
    get = fetcher or functools.partial(fetch, public_only=public_only)
    url = with_since(source, since, shape_hint)
    pages: list[Page] = []
    budget = MAX_FEED_BYTES
    origin = urlsplit(source).netloc
    while url:
        data = get(url, limit=budget)
        budget -= len(data)
        page = parse_page(data)
        pages.append(page)
        url = ""
        if page.next_url:
            if urlsplit(page.next_url).netloc != origin:
                raise FeedError(_("Tautan halaman berikutnya menuju host lain; ditolak."))
            if len(pages) >= MAX_PAGES:
                raise FeedError(
                    _("Feed lebih dari %(n)s halaman; pengambilan dihentikan.") % {"n": MAX_PAGES}
                )
            url = page.next_url
    result = PullResult(pages=len(pages), shape=pages[0].shape if pages else "")
    position = 0
    with transaction.atomic():
        for page in pages:
            for item in page.items:
                position += 1
                _save_item(body, item, page.shape, position, result)
    return result


def _save_item(body: Body, item: Any, shape: str, position: int, result: PullResult) -> None:
    label = item.get("id", "?") if isinstance(item, dict) else "?"
    if shape == OPENSID and isinstance(item, dict) and _first(item, "aksi") == OPENSID_DELETED:
        entry = Entry.objects.filter(body=body, source_key=str(label)[:100]).first()
        if entry is not None and entry.is_published:
            actions.update_entry(actor=None, entry=entry, is_published=False)
            result.unpublished += 1
        else:
            result.unchanged += 1
        return
    try:
        fields = entry_fields(item, body, shape)
    except SkipItem as reason:
        result.skipped += 1
        result.messages.append(
            _("Item ke-%(n)s (id %(id)s) dilewati: %(reason)s.")
            % {"n": position, "id": label, "reason": reason}
        )
        return
    try:
        outcome = _save(body, fields, document_links(item, shape))
    except ValidationError as exc:
        result.skipped += 1
        result.messages.append(
            _("Item ke-%(n)s (id %(id)s) dilewati: %(reason)s.")
            % {"n": position, "id": fields["source_key"], "reason": "; ".join(exc.messages)}
        )
        return
    result.created += outcome == "created"
    result.updated += outcome == "updated"
    result.unchanged += outcome == "unchanged"


def _save(body: Body, fields: dict[str, Any], links: list[tuple[str, str]]) -> str:
    # A savepoint per item: a refused item is skipped without undoing the others.
    with transaction.atomic():
        entry = Entry.objects.filter(body=body, source_key=fields["source_key"]).first()
        if entry is None:
            entry = actions.create_entry(actor=None, body=body, **fields)
            outcome = "created"
        else:
            changes = {
                name: value for name, value in fields.items() if getattr(entry, name) != value
            }
            if changes:
                entry = actions.update_entry(actor=None, entry=entry, **changes)
            outcome = "updated" if changes else "unchanged"
        known = set(entry.documents.values_list("link", flat=True))
        for title, link in links:
            if link not in known:
                actions.add_document(
                    actor=None, entry=entry, title=(title or entry.title)[:300], link=link
                )
                if outcome == "unchanged":
                    outcome = "updated"
        return outcome


def pull_registered(feed: Feed, *, fetcher: Any = None) -> Feed:
    """Pull one registered feed and record the outcome. Incremental after the first
    success: OpenSID's ``tgl_dari`` (it sends what changed strictly after that day, so the
    day before the last success is asked) or our own ``since``. Any failure is recorded on
    the feed, never raised: one broken feed must not stop the others."""
    since = None
    if feed.last_success_at is not None and feed.shape in (OPENSID, TERBUKA):
        since = timezone.localdate(feed.last_success_at) - dt.timedelta(days=1)
    try:
        result = pull(
            feed.body,
            feed.url,
            since=since,
            shape_hint=feed.shape,
            fetcher=fetcher,
            public_only=True,
        )
    except FeedError as exc:
        return actions.record_feed_pull(actor=None, feed=feed, error=str(exc))
    except Exception as exc:
        logger.exception("DIP feed %s failed", feed.pk)
        return actions.record_feed_pull(
            actor=None,
            feed=feed,
            error=_("kesalahan sistem (%(kind)s)") % {"kind": type(exc).__name__},
        )
    summary = result.summary(feed.body)
    if result.messages:
        summary += " " + " ".join(result.messages[:3])
    return actions.record_feed_pull(actor=None, feed=feed, result=summary, shape=result.shape)
