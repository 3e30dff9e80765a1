"""State changes of the DIP and the DIK. Views, the admin, imports, commands and tests all
call these functions; each is atomic, checks who acts, and writes an audit record.

``actor`` is the officer acting, or ``None`` for the system itself (a management command
such as a feed import or the demo); a view always passes ``request.user``.
An officer acts only on the entries of the bodies ``permissions.can_act_on`` allows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka import law, pagecache
from terbuka.audit import log
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog import documents, indexing, shielding, tasks
from terbuka.catalog.models import (
    Category,
    Document,
    DocumentVersion,
    Entry,
    Exemption,
    ExemptionState,
    ExtractionStatus,
    Feed,
)
from terbuka.shield import hold

if TYPE_CHECKING:
    from terbuka.accounts.models import User

# What each actor may change, declared once: the officers' forms edit the OFFICER fields
# (in this order), the admin edits all FIELDS, and the actions accept FIELDS and nothing else.
ENTRY_OFFICER_FIELDS = (
    "category",
    "unit",
    "number",
    "title",
    "summary",
    "holder",
    "responsible",
    "created_when",
    "created_where",
    "available_softcopy",
    "available_hardcopy",
    "retention",
    "tags",
    "published_on",
    "last_updated_on",
    "next_update_due",
    "is_published",
)
# ``source_key`` is the feed item's id, set by import_dip_feed and the demo, never typed.
ENTRY_FIELDS = (*ENTRY_OFFICER_FIELDS, "source_key")
EXEMPTION_OFFICER_FIELDS = (
    "unit",
    "title",
    "ground",
    "legal_basis",
    "harm",
    "public_interest",
    "deciding_ppid",
    "period_start",
    "period_end",
    "decided_place",
    "decided_on",
    "approved_by",
    "approved_on",
)
# The state (in force, extended, opened) is corrected only by the platform administrator.
EXEMPTION_FIELDS = (*EXEMPTION_OFFICER_FIELDS, "state")


# --- Rules ----------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, the day clamped to the month's end
    (31 August + 6 months = 28/29 February, never later)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def update_due(
    category: str, last_updated_on: dt.date, requested: dt.date | None
) -> dt.date | None:
    """Berkala information is updated at least every 6 months (``law.BERKALA_UPDATE_MONTHS``,
    UU 14/2008 Pasal 9(3); Perki 1/2021): the next update is due that long after the last
    one, or earlier when the officer says so, never later. Other categories have no such
    date."""
    if category != Category.BERKALA:
        return None
    latest = add_months(last_updated_on, law.BERKALA_UPDATE_MONTHS)
    if requested is None or requested > latest or requested < last_updated_on:
        return latest
    return requested


def _check_actor(actor: User | None, body: Body) -> None:
    if actor is None:
        return
    if not permissions.can_act_on(actor, body):
        raise PermissionDenied(
            _("Anda hanya dapat mengelola Daftar Informasi Publik badan publik Anda sendiri.")
        )


def _check_unit(body: Body, unit: Body | None) -> None:
    if unit is not None and unit.pk != body.pk and body not in unit.ancestors():
        raise ValidationError({"unit": _("Unit harus bagian dari badan publik ini.")})


def _unknown(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields).difference(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


# --- Entries --------------------------------------------------------------------------


@transaction.atomic
def create_entry(*, actor: User | None, body: Body, **fields: Any) -> Entry:
    _unknown(fields, ENTRY_FIELDS)
    _check_actor(actor, body)
    _check_unit(body, fields.get("unit"))
    entry = Entry(body=body, created_by=actor, **fields)
    entry.next_update_due = update_due(
        entry.category, entry.last_updated_on, fields.get("next_update_due")
    )
    entry.full_clean()
    entry.save()
    log.record(actor=actor, action="catalog.entry.create", obj=entry, summary=entry.title)
    indexing.reindex_entry(entry)
    pagecache.bump()
    return entry


@transaction.atomic
def update_entry(*, actor: User | None, entry: Entry, **fields: Any) -> Entry:
    _unknown(fields, ENTRY_FIELDS)
    entry = Entry.objects.select_for_update().select_related("body").get(pk=entry.pk)
    _check_actor(actor, entry.body)
    _check_unit(entry.body, fields.get("unit", entry.unit))
    changed = sorted(name for name, value in fields.items() if getattr(entry, name) != value)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.next_update_due = update_due(
        entry.category, entry.last_updated_on, fields.get("next_update_due", entry.next_update_due)
    )
    entry.full_clean()
    entry.save()
    log.record(
        actor=actor,
        action="catalog.entry.update",
        obj=entry,
        summary=entry.title,
        detail={"fields": changed},
    )
    indexing.reindex_entry(entry)
    pagecache.bump()
    return entry


@transaction.atomic
def mark_updated(*, actor: User | None, entry: Entry, on: dt.date | None = None) -> Entry:
    """The officer confirms a berkala entry is up to date: the next update moves to six
    months from today (UU 14/2008 Pasal 9(3))."""
    entry = Entry.objects.select_for_update().select_related("body").get(pk=entry.pk)
    _check_actor(actor, entry.body)
    if entry.category != Category.BERKALA:
        raise ValidationError(_("Hanya informasi berkala yang wajib diperbarui berkala."))
    today = on or timezone.localdate()
    entry.last_updated_on = today
    entry.next_update_due = update_due(entry.category, today, None)
    entry.save(update_fields=["last_updated_on", "next_update_due", "updated_at"])
    log.record(
        actor=actor,
        action="catalog.entry.mark_updated",
        obj=entry,
        summary=entry.title,
        detail={
            "next_update_due": entry.next_update_due.isoformat() if entry.next_update_due else ""
        },
    )
    indexing.reindex_entry(entry)
    pagecache.bump()
    return entry


# --- Documents ------------------------------------------------------------------------


def _new_version(
    *, actor: User | None, document: Document, upload: Any, stored: str, inspected: Any
) -> DocumentVersion:
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        original_name=documents.safe_name(inspected.original_name, inspected.kind),
        content_type=inspected.kind.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        uploaded_by=actor,
    )
    version.file.name = stored
    version.save()
    tasks.enqueue(version.pk)
    # Off the public pages until the personal-data shield has looked at it.
    shielding.enqueue(version.pk)
    return version


def _store_checked(upload: Any) -> tuple[Any, str]:
    inspected = documents.inspect(upload)
    return inspected, documents.store(upload, inspected)


def add_document(
    *, actor: User | None, entry: Entry, title: str, upload: Any = None, link: str = ""
) -> Document:
    """Attach a file (first version) or a link. A refused or failed upload leaves neither
    a row nor a stored file behind."""
    if (upload is None) == (not link):
        raise ValidationError(_("Unggah satu berkas atau isi satu tautan."))
    _check_actor(actor, entry.body)
    inspected, stored = _store_checked(upload) if upload is not None else (None, "")
    try:
        return _add_document(
            actor=actor,
            entry=entry,
            title=title,
            link=link,
            upload=upload,
            stored=stored,
            inspected=inspected,
        )
    except BaseException:
        documents.discard(stored)
        raise


@transaction.atomic
def _add_document(
    *,
    actor: User | None,
    entry: Entry,
    title: str,
    link: str,
    upload: Any,
    stored: str,
    inspected: Any,
) -> Document:
    entry = Entry.objects.select_for_update().select_related("body").get(pk=entry.pk)
    _check_actor(actor, entry.body)
    document = Document(entry=entry, title=title, link=link)
    document.full_clean()
    document.save()
    if upload is not None:
        _new_version(
            actor=actor, document=document, upload=upload, stored=stored, inspected=inspected
        )
    entry.save(update_fields=["updated_at"])
    log.record(
        actor=actor,
        action="catalog.document.add",
        obj=document,
        summary=title,
        detail={"entry": str(entry.public_id), "link": bool(link)},
    )
    indexing.reindex_entry(entry)
    pagecache.bump()
    return document


def add_version(*, actor: User | None, document: Document, upload: Any) -> DocumentVersion:
    """A new upload of a document; earlier versions stay in its history."""
    if document.link:
        raise ValidationError(_("Dokumen ini berupa tautan; ubah tautannya, bukan berkasnya."))
    _check_actor(actor, document.entry.body)
    inspected, stored = _store_checked(upload)
    try:
        return _add_version(
            actor=actor, document=document, upload=upload, stored=stored, inspected=inspected
        )
    except BaseException:
        documents.discard(stored)
        raise


@transaction.atomic
def _add_version(
    *, actor: User | None, document: Document, upload: Any, stored: str, inspected: Any
) -> DocumentVersion:
    document = (
        Document.objects.select_for_update().select_related("entry__body").get(pk=document.pk)
    )
    _check_actor(actor, document.entry.body)
    version = _new_version(
        actor=actor, document=document, upload=upload, stored=stored, inspected=inspected
    )
    document.entry.save(update_fields=["updated_at"])
    log.record(
        actor=actor,
        action="catalog.document.new_version",
        obj=document,
        summary=document.title,
        detail={"version": version.number},
    )
    indexing.reindex_entry(document.entry)
    pagecache.bump()
    return version


@transaction.atomic
def set_version_aside(*, actor: User | None, version: DocumentVersion) -> str:
    """Take an earlier version's file out of the DIP: its download answers "not found" to
    everyone and its extracted text is dropped, while the stored file stays where it is.
    Returns the storage name, which the caller now keeps (terbuka.redaction keeps the
    original of a blacked-out document this way, for the officers only). Refused for a
    document's only or latest version: the DIP must still have something to serve."""
    version = (
        DocumentVersion.objects.select_for_update()
        .select_related("document__entry__body")
        .get(pk=version.pk)
    )
    document = version.document
    _check_actor(actor, document.entry.body)
    latest = document.versions.order_by("-number").values_list("pk", flat=True).first()
    if latest == version.pk:
        raise ValidationError(_("Versi terbaru sebuah dokumen tidak dapat disisihkan."))
    stored = version.file.name
    if not stored:
        raise ValidationError(_("Berkas versi ini sudah disisihkan."))
    version.file.name = ""
    version.extracted_text = ""
    version.extraction_status = ExtractionStatus.NOT_NEEDED
    version.save(update_fields=["file", "extracted_text", "extraction_status"])
    log.record(
        actor=actor,
        action="catalog.document.version_set_aside",
        obj=document,
        summary=document.title,
        detail={"version": version.number, "sha256": version.sha256},
    )
    indexing.reindex_entry(document.entry)
    return stored


@transaction.atomic
def retry_extraction(*, actor: User | None, version: DocumentVersion) -> DocumentVersion:
    """Put a failed or stuck extraction back in the queue with fresh attempts."""
    version = (
        DocumentVersion.objects.select_for_update()
        .select_related("document__entry__body")
        .get(pk=version.pk)
    )
    _check_actor(actor, version.document.entry.body)
    if version.extraction_status not in (
        ExtractionStatus.FAILED,
        ExtractionStatus.PENDING,
    ) and not tasks.is_stuck(version):
        raise ValidationError(_("Ekstraksi teks dokumen ini tidak gagal atau macet."))
    version.extraction_status = ExtractionStatus.PENDING
    version.extraction_attempts = 0
    version.extraction_error = ""
    version.extraction_started_at = None
    version.save(
        update_fields=[
            "extraction_status",
            "extraction_attempts",
            "extraction_error",
            "extraction_started_at",
        ]
    )
    log.record(
        actor=actor,
        action="catalog.document.retry_extraction",
        obj=version.document,
        summary=version.document.title,
        detail={"version": version.number},
    )
    tasks.enqueue(version.pk)
    return version


@transaction.atomic
def confirm_shield(*, actor: User | None, version: DocumentVersion, reason: str) -> DocumentVersion:
    """An officer has looked at what the personal-data shield found (or could not read)
    in a held version and confirms, with a reason, that it may be published as it is."""
    version = (
        DocumentVersion.objects.select_for_update()
        .select_related("document__entry__body")
        .get(pk=version.pk)
    )
    _check_actor(actor, version.document.entry.body)
    findings = hold.summary(version.shield_findings)
    try:
        fields = hold.confirm(version, actor=actor, reason=reason)
    except hold.NotHeld as error:
        raise ValidationError(str(error)) from None
    version.save(update_fields=fields)
    log.record(
        actor=actor,
        action="catalog.document.shield_confirmed",
        obj=version.document,
        summary=version.document.title,
        detail={"version": version.number, "findings": findings, "reason": version.shield_note},
    )
    indexing.reindex_entry(version.document.entry)
    return version


# --- The exempt list (DIK) ------------------------------------------------------------


def validate_exemption(exemption: Exemption) -> None:
    """PP 61/2010 Pasal 4(2) and UU 14/2008 Pasal 17/20 rules beyond the field types."""
    errors: dict[str, str] = {}
    if not law.is_valid_ground(exemption.ground):
        letter = exemption.ground.partition(".")[0]
        if letter in law.LETTERS_REQUIRING_SUB_ITEM:
            errors["ground"] = _(
                "Pasal 17 huruf %(letter)s harus disertai angka (sub-butir) yang dirujuk."
            ) % {"letter": letter}
        else:
            errors["ground"] = _("Pilih dasar pengecualian yang sah dari Pasal 17 UU 14/2008.")
    elif exemption.ground.startswith("j") and not exemption.legal_basis.strip():
        errors["legal_basis"] = _("Huruf j mensyaratkan undang-undang yang melarang pengungkapan.")
    if exemption.period_start and exemption.period_end:
        if exemption.period_end <= exemption.period_start:
            errors["period_end"] = _("Akhir jangka waktu harus sesudah awalnya.")
        elif exemption.ground.startswith("a.") and exemption.period_end > add_months(
            exemption.period_start, 12 * law.LETTER_A_EXEMPTION_MAX_YEARS
        ):
            errors["period_end"] = _(
                "Pengecualian berdasarkan Pasal 17 huruf a paling lama %(years)s tahun."
            ) % {"years": law.LETTER_A_EXEMPTION_MAX_YEARS}
    if (
        exemption.approved_on
        and exemption.decided_on
        and exemption.approved_on < exemption.decided_on
    ):
        errors["approved_on"] = _("Persetujuan pimpinan tidak boleh sebelum tanggal penetapan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_exemption(*, actor: User | None, body: Body, **fields: Any) -> Exemption:
    _unknown(fields, EXEMPTION_FIELDS)
    _check_actor(actor, body)
    _check_unit(body, fields.get("unit"))
    exemption = Exemption(body=body, created_by=actor, **fields)
    validate_exemption(exemption)
    exemption.full_clean()
    exemption.save()
    log.record(
        actor=actor,
        action="catalog.exemption.create",
        obj=exemption,
        summary=exemption.title,
        detail={"ground": exemption.ground},
    )
    pagecache.bump()
    return exemption


@transaction.atomic
def update_exemption(*, actor: User | None, exemption: Exemption, **fields: Any) -> Exemption:
    _unknown(fields, EXEMPTION_FIELDS)
    exemption = Exemption.objects.select_for_update().select_related("body").get(pk=exemption.pk)
    _check_actor(actor, exemption.body)
    _check_unit(exemption.body, fields.get("unit", exemption.unit))
    old_end = exemption.period_end
    had_ended = exemption.has_ended
    for name, value in fields.items():
        setattr(exemption, name, value)
    validate_exemption(exemption)
    exemption.full_clean()
    if exemption.period_end != old_end:
        # A new period starts the PP 61/2010 Pasal 11 reminders afresh.
        exemption.warned_at = None
        exemption.ended_notice_at = None
        if had_ended and exemption.period_end > old_end and "state" not in fields:
            # An ended exemption given a later end: the PPID's decision to extend it.
            exemption.state = ExemptionState.EXTENDED
    exemption.save()
    log.record(
        actor=actor,
        action="catalog.exemption.update",
        obj=exemption,
        summary=exemption.title,
        detail={"fields": sorted(fields)},
    )
    pagecache.bump()
    return exemption


@transaction.atomic
def open_exemption(*, actor: User | None, exemption: Exemption) -> Exemption:
    """The PPID decides that exempt information is now public (PP 61/2010 Pasal 11): at
    the end of its period, or earlier by a new decision. The DIK shows it as opened; the
    officer then adds it to the DIP like any public information."""
    exemption = Exemption.objects.select_for_update().select_related("body").get(pk=exemption.pk)
    _check_actor(actor, exemption.body)
    if exemption.state == ExemptionState.OPENED:
        raise ValidationError(_("Informasi ini sudah dibuka sebagai informasi publik."))
    old_state, had_ended = exemption.state, exemption.has_ended
    exemption.state = ExemptionState.OPENED
    exemption.save(update_fields=["state", "updated_at"])
    log.record(
        actor=actor,
        action="catalog.exemption.open",
        obj=exemption,
        summary=exemption.title,
        detail={
            "old_state": old_state,
            "period_end": exemption.period_end.isoformat(),
            "had_ended": had_ended,
        },
    )
    pagecache.bump()
    return exemption


# --- Feeds ----------------------------------------------------------------------------


@transaction.atomic
def add_feed(*, actor: User | None, body: Body, url: str, shape: str = "") -> Feed:
    """Register a feed to be pulled into the body's DIP on a schedule (pull_dip_feeds)."""
    _check_actor(actor, body)
    if Feed.objects.filter(body=body, url=url).exists():
        raise ValidationError({"url": _("Feed ini sudah terdaftar untuk badan publik ini.")})
    feed = Feed(body=body, url=url, shape=shape, created_by=actor)
    feed.full_clean()
    feed.save()
    log.record(actor=actor, action="catalog.feed.add", obj=body, summary=url[:200])
    return feed


@transaction.atomic
def remove_feed(*, actor: User | None, feed: Feed) -> None:
    """Stop pulling a feed. The entries it brought stay in the DIP."""
    feed = Feed.objects.select_for_update().select_related("body").get(pk=feed.pk)
    _check_actor(actor, feed.body)
    log.record(actor=actor, action="catalog.feed.remove", obj=feed.body, summary=feed.url[:200])
    feed.delete()


@transaction.atomic
def record_feed_pull(
    *, actor: User | None, feed: Feed, result: str = "", error: str = "", shape: str = ""
) -> Feed:
    """The outcome of one pull: its summary, or the error shown on the officers' dashboard."""
    feed = Feed.objects.select_for_update().get(pk=feed.pk)
    now = timezone.now()
    feed.last_pulled_at = now
    if error:
        feed.last_error = error[:500]
    else:
        feed.last_error = ""
        feed.last_result = result[:300]
        feed.last_success_at = now
        if shape and not feed.shape:
            feed.shape = shape
    feed.save()
    log.record(
        actor=actor,
        action="catalog.feed.pull",
        obj=feed.body,
        summary=feed.url[:200],
        detail={"ok": not error, "result": (error or result)[:300]},
    )
    return feed
