"""Import a village's public-information feed (OpenSID style) into a body's DIP.

    python manage.py import_dip_feed https://desa.example.id/api/informasi-publik --body SLUG
    python manage.py import_dip_feed feed.json --body SLUG

Idempotent: each feed item's id is stored in ``Entry.source_key`` (unique per body), so a
second run updates the entries it made before instead of adding them again, and an item
that did not change is left alone (its ``updated_at`` stays, so harvesters of our own
feed do not see it again).

Accepted shapes: a bare list of items, ``{"data": [...]}``, and JSON:API items
(``{"type": ..., "id": ..., "attributes": {...}}``, as OpenSID's API returns its
``dokumen`` rows). Field mapping (the first key present wins):

==================  ============================================================
Entry field         feed keys
==================  ============================================================
source_key          ``id`` (required)
title               ``nama``, ``judul`` (required)
summary             ``keterangan``, ``ringkasan``, ``deskripsi``; else the title
category            ``kategori_info_publik`` (OpenSID: 1 berkala, 2 serta merta,
                    3 setiap saat, 4 dikecualikan → skipped) or a text ``kategori``
                    ("Informasi Berkala", "serta merta", …); unknown → skipped
number              ``nomor``
holder              ``satuan_kerja``, ``unit``, ``pejabat``; else the body's name
responsible         ``penanggung_jawab``; else "PPID <body>"
created_when        ``tahun``; else the year of the upload date
created_where       ``tempat``
published_on        ``tgl_upload``, ``published_at``, ``created_at`` (date part)
retention           ``retensi``, or ``retensi_number`` + ``retensi_unit``
is_published        ``enabled`` (0 = not published) and not ``deleted``
documents           ``url``, ``dokumen_url``, ``file_url``, ``dokumen`` (http(s)
                    links, attached once each as link documents)
==================  ============================================================

(OpenSID's ``satuan`` is the stored file name, not a unit, and is not used.)

URLs: only http and https, with a timeout and a size cap. Exit status 2 for an unknown
body, 1 for an unreadable or malformed feed.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from terbuka.bodies.models import Body
from terbuka.catalog import actions
from terbuka.catalog.importing import parse_category
from terbuka.catalog.models import Category, Entry

MAX_FEED_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 20
OPENSID_CATEGORIES = {
    "1": Category.BERKALA,
    "2": Category.SERTA_MERTA,
    "3": Category.SETIAP_SAAT,
}
OPENSID_EXEMPT = "4"
DOCUMENT_KEYS = ("url", "dokumen_url", "file_url", "dokumen")


class SkipItem(ValueError):
    """An item that cannot become a DIP entry; the command says why and goes on."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(_("pengalihan ke alamat bukan http(s) ditolak"))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(source: str) -> bytes:
    """The feed's bytes, from an http(s) URL or a local file."""
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        opener = urllib.request.build_opener(_HttpOnlyRedirects())
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            source, headers={"Accept": "application/json", "User-Agent": "Terbuka-DIP-import"}
        )
        try:
            with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                data: bytes = response.read(MAX_FEED_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise CommandError(
                _("Feed tidak dapat diambil: %(reason)s") % {"reason": reason}
            ) from exc
    elif len(scheme) > 1:  # "c:" would be a Windows drive letter, anything longer a scheme
        raise CommandError(_("Hanya alamat http(s) atau berkas lokal yang dapat dibaca."))
    else:
        path = Path(source)
        if not path.is_file():
            raise CommandError(_("Berkas feed tidak ditemukan: %(path)s") % {"path": source})
        with path.open("rb") as handle:
            data = handle.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise CommandError(
            _("Feed lebih besar dari %(mb)s MB.") % {"mb": MAX_FEED_BYTES // (1024 * 1024)}
        )
    return data


def parse_items(data: bytes) -> list[dict[str, Any]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(_("Feed bukan JSON yang sah: %(error)s") % {"error": exc}) from exc
    items = document.get("data") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise CommandError(
            _('Feed harus berupa daftar (list) atau objek dengan kunci "data" berisi daftar.')
        )
    flat = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("attributes"), dict):
            item = {**item["attributes"], "id": item.get("id", item["attributes"].get("id"))}
        flat.append(item)
    return flat


def _first(item: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = item.get(key)
        if value is not None and str(value).strip():
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


def _category(item: dict[str, Any]) -> str:
    code = _first(item, "kategori_info_publik")
    if code == OPENSID_EXEMPT:
        raise SkipItem(_("informasi dikecualikan tidak masuk DIP"))
    if code in OPENSID_CATEGORIES:
        return OPENSID_CATEGORIES[code]
    for value in (code, _first(item, "kategori")):
        if value and not value.isdigit():
            if "kecuali" in value.lower():
                raise SkipItem(_("informasi dikecualikan tidak masuk DIP"))
            category = parse_category(value)
            if category:
                return category
    raise SkipItem(_("kategori tidak dikenal"))


def _clip(value: str, field_name: str) -> str:
    model_field = Entry._meta.get_field(field_name)
    limit = getattr(model_field, "max_length", None)
    return value[:limit] if limit else value


def entry_fields(item: Any, body: Body) -> dict[str, Any]:
    """The create_entry/update_entry fields of one feed item; raises SkipItem."""
    if not isinstance(item, dict):
        raise SkipItem(_("bukan objek JSON"))
    key = _first(item, "id")
    if not key:
        raise SkipItem(_("tidak ada id"))
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
        "source_key": _clip(key, "source_key"),
        "title": _clip(title, "title"),
        "summary": _first(item, "keterangan", "ringkasan", "deskripsi") or title,
        "category": _category(item),
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


def document_links(item: dict[str, Any]) -> list[str]:
    links = []
    for key in DOCUMENT_KEYS:
        value = _first(item, key)
        if urlsplit(value).scheme in ("http", "https") and value not in links:
            links.append(value[:500])
    return links


class Command(BaseCommand):
    help = "Impor feed informasi publik bergaya OpenSID (JSON) ke DIP satu badan publik."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="URL http(s) atau path berkas JSON")
        parser.add_argument("--body", required=True, help="slug badan publik tujuan")

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.active().filter(slug=options["body"]).first()
        if body is None:
            raise CommandError(
                _("Badan publik dengan slug “%(slug)s” tidak ditemukan.")
                % {"slug": options["body"]},
                returncode=2,
            )
        items = parse_items(fetch(options["source"]))
        created = updated = unchanged = skipped = 0
        with transaction.atomic():
            for position, item in enumerate(items, start=1):
                try:
                    fields = entry_fields(item, body)
                except SkipItem as reason:
                    skipped += 1
                    label = item.get("id", "?") if isinstance(item, dict) else "?"
                    self.stderr.write(
                        _("Item ke-%(n)s (id %(id)s) dilewati: %(reason)s.")
                        % {"n": position, "id": label, "reason": reason}
                    )
                    continue
                try:
                    outcome = self.save(body, fields, document_links(item))
                except ValidationError as exc:
                    skipped += 1
                    self.stderr.write(
                        _("Item ke-%(n)s (id %(id)s) dilewati: %(reason)s.")
                        % {
                            "n": position,
                            "id": fields["source_key"],
                            "reason": "; ".join(exc.messages),
                        }
                    )
                    continue
                created += outcome == "created"
                updated += outcome == "updated"
                unchanged += outcome == "unchanged"
        self.stdout.write(
            _(
                "%(body)s: %(created)s entri baru, %(updated)s diperbarui, "
                "%(unchanged)s tidak berubah, %(skipped)s dilewati."
            )
            % {
                "body": body.name,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "skipped": skipped,
            }
        )

    def save(self, body: Body, fields: dict[str, Any], links: list[str]) -> str:
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
            for link in links:
                if link not in known:
                    actions.add_document(
                        actor=None, entry=entry, title=entry.title[:300], link=link
                    )
                    if outcome == "unchanged":
                        outcome = "updated"
            return outcome
