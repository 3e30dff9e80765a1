"""The Daftar Informasi Publik (DIP) and the exempt list (DIK).

UU 14/2008 Pasal 9–11 (categories), 17 and 19 (exemptions and the consequence test);
Perki 1/2021 (the seven DIP columns); PP 61/2010 Pasal 4(2) and 11 (classification record,
decision before an exemption period ends).
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.bodies.models import TimeZoneName
from terbuka.shield.state import Shielded
from terbuka.workdays import state as workdays_state


class Category(models.TextChoices):
    BERKALA = "berkala", _("Informasi berkala")  # Pasal 9
    SERTA_MERTA = "serta_merta", _("Informasi serta merta")  # Pasal 10
    SETIAP_SAAT = "setiap_saat", _("Informasi tersedia setiap saat")  # Pasal 11


def _before_body_today(
    field: str, now: dt.datetime | None, *, inclusive: bool, todays: Mapping[str, Any] | None = None
) -> Q:
    """``field`` (a date) is before each row's body's own today (or on it, with
    ``inclusive``): at 23:30 WIB it is already tomorrow in a WIT body. One condition per
    time zone, so a list query answers as each body's page does. ``todays`` gives each
    zone's today instead (a prepared query's ``Param`` values, ``body_todays``)."""
    lookup = f"{field}__lte" if inclusive else f"{field}__lt"
    condition = Q()
    for name in TimeZoneName.values:
        if todays is not None:
            today = todays[name]
        else:
            today = workdays_state.local_date(zoneinfo.ZoneInfo(name), now)
        condition |= Q(body__timezone=name, **{lookup: today})
    return condition


def body_todays(now: dt.datetime | None = None) -> dict[str, dt.date]:
    """Today in each time zone a body can be in, by zone name (``_before_body_today``)."""
    return {
        name: workdays_state.local_date(zoneinfo.ZoneInfo(name), now)
        for name in TimeZoneName.values
    }


def update_overdue(category: str, next_update_due: dt.date | None, body: Any) -> bool:
    """A berkala entry past its next update date as of its body's own today (an entry's
    ``is_update_overdue``, and a list's row read as plain values)."""
    return bool(
        category == Category.BERKALA
        and next_update_due
        and next_update_due < workdays_state.today(body)
    )


class EntryQuerySet(models.QuerySet["Entry"]):
    def published(self) -> EntryQuerySet:
        return self.filter(is_published=True, body__is_active=True)

    def update_overdue(self, now: dt.datetime | None = None) -> EntryQuerySet:
        """Stale berkala entries: past their next update date, which is at most
        ``law.BERKALA_UPDATE_MONTHS`` after the last update (UU 14/2008 Pasal 9(3);
        ``actions.update_due``), as of each body's own today."""
        return self.filter(category=Category.BERKALA).filter(
            _before_body_today("next_update_due", now, inclusive=False)
        )


class Entry(models.Model):
    """One row of the DIP, with the seven Perki 1/2021 columns."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="dip_entries",
        verbose_name=_("badan publik"),
    )
    unit = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    # The seven Perki columns.
    number = models.CharField(_("nomor"), max_length=40, blank=True)
    title = models.CharField(_("judul informasi"), max_length=300)
    summary = models.TextField(_("ringkasan isi informasi"))
    holder = models.CharField(_("pejabat/unit yang menguasai informasi"), max_length=200)
    responsible = models.CharField(
        _("penanggung jawab pembuatan/penerbitan informasi"), max_length=200
    )
    created_when = models.CharField(_("waktu pembuatan informasi"), max_length=100)
    created_where = models.CharField(_("tempat pembuatan informasi"), max_length=200, blank=True)
    available_softcopy = models.BooleanField(_("tersedia softcopy"), default=True)
    available_hardcopy = models.BooleanField(_("tersedia hardcopy"), default=False)
    retention = models.CharField(_("jangka waktu penyimpanan"), max_length=100)
    # Beyond the Perki columns.
    tags = models.CharField(
        _("label"), max_length=300, blank=True, help_text=_("Pisahkan dengan koma.")
    )
    published_on = models.DateField(_("tanggal publikasi"), default=timezone.localdate)
    last_updated_on = models.DateField(_("terakhir diperbarui"), default=timezone.localdate)
    next_update_due = models.DateField(
        _("pembaruan berikutnya paling lambat"),
        null=True,
        blank=True,
        help_text=_("Untuk informasi berkala: paling lama 6 bulan sejak pembaruan terakhir."),
    )
    is_published = models.BooleanField(_("diumumkan"), default=True)
    # The update date the officers were last reminded of (``alerts.remind_stale``): one
    # reminder per period; marking the entry updated starts a new period.
    stale_notice_for = models.DateField(null=True, blank=True, editable=False)
    source_key = models.CharField(
        _("kunci sumber impor"),
        max_length=200,
        blank=True,
        help_text=_(
            "Pengenal dari sumber impor (mis. feed OpenSID), agar impor ulang tidak menggandakan."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entri DIP")
        verbose_name_plural = _("entri DIP")
        ordering = ["category", "number", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "source_key"],
                condition=~Q(source_key=""),
                name="catalog_entry_source_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(available_softcopy=True) | Q(available_hardcopy=True),
                name="catalog_entry_has_a_form",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "category", "is_published"]),
            models.Index(fields=["category", "next_update_due"]),
            # The order of every public list of entries (views/public.py ENTRY_ORDER).
            models.Index(
                fields=["category", "is_published", "body", "number", "id"],
                name="catalog_entry_list_order",
            ),
            # The feeds' harvesting order, province-wide and per body (opendata.py).
            models.Index(fields=["updated_at", "id"], name="catalog_entry_feed_order"),
            models.Index(fields=["body", "updated_at", "id"], name="catalog_entry_body_feed"),
            # The newest of a category: the home page's serta merta highlight.
            models.Index(fields=["category", "published_on", "id"], name="catalog_entry_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:entry", kwargs={"public_id": self.public_id})

    @property
    def is_update_overdue(self) -> bool:
        return update_overdue(self.category, self.next_update_due, self.body)


class Document(models.Model):
    """A document attached to an entry: an uploaded file (with versions) or a link."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("judul dokumen"), max_length=300)
    link = models.URLField(_("tautan"), blank=True, max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> DocumentVersion | None:
        return self.versions.order_by("-number").first()


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    RUNNING = "running", _("Sedang diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")
    NOT_NEEDED = "not_needed", _("Tidak diperlukan")


class DocumentVersion(Shielded):
    """One uploaded version; a new upload adds a version and never erases the old one.
    It is public only once the personal-data shield lets it out (``Shielded``)."""

    # Names the version in officers' URLs (the redaction page) without a sequential id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to="dip/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Text extraction and OCR for search, done in the background.
    extraction_status = models.CharField(
        max_length=20, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    extraction_attempts = models.PositiveSmallIntegerField(default=0)
    extraction_error = models.TextField(blank=True)
    extracted_text = models.TextField(blank=True)
    used_ocr = models.BooleanField(default=False)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # When the current attempt started: a job "running" for too long is shown as stuck.
    extraction_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="catalog_version_unique")
        ]
        indexes = [models.Index(fields=["extraction_status"])]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class ExemptionState(models.TextChoices):
    ACTIVE = "active", _("Berlaku")
    OPENED = "opened", _("Dibuka (menjadi informasi publik)")
    EXTENDED = "extended", _("Diperpanjang dengan keputusan baru")


OPEN_EXEMPTION_STATES = (ExemptionState.ACTIVE, ExemptionState.EXTENDED)


class ExemptionQuerySet(models.QuerySet["Exemption"]):
    """PP 61/2010 Pasal 11: an exemption lasts until its ``period_end``; on that day, in the
    body's own time zone, it has ended (as ``alerts.run`` counts it). Without a decision to
    extend it, it is no longer in force and the PPID must decide whether to open it."""

    def undecided(self) -> ExemptionQuerySet:
        return self.filter(state__in=OPEN_EXEMPTION_STATES)

    def in_force(
        self, now: dt.datetime | None = None, *, todays: Mapping[str, Any] | None = None
    ) -> ExemptionQuerySet:
        """Undecided and not ended; ``todays``: each zone's today (``_before_body_today``)."""
        return self.undecided().exclude(
            _before_body_today("period_end", now, inclusive=True, todays=todays)
        )

    def ended(
        self, now: dt.datetime | None = None, *, todays: Mapping[str, Any] | None = None
    ) -> ExemptionQuerySet:
        """Ended without a decision: to be opened, or extended with a new decision.

        Also "not after the latest of the zones' todays", which the per-zone condition
        implies: it gives the index ``catalog_exemption_ending`` (period_end, state) a range,
        so the ended ones, few, are found without reading every exemption in force (which
        grew with the register: the DIP's "any ended" and the exempt list's ended table,
        issue 14)."""
        if todays is None:
            latest: Any = max(body_todays(now).values())
        else:
            latest = Greatest(*todays.values())
        return (
            self.undecided()
            .filter(period_end__lte=latest)
            .filter(_before_body_today("period_end", now, inclusive=True, todays=todays))
        )


class Exemption(models.Model):
    """An entry of the exempt list (DIK) with its consequence test (UU Pasal 19;
    PP 61/2010 Pasal 4(2)). Its public page shows the classification and period,
    never the content."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="exemptions",
        verbose_name=_("badan publik"),
    )
    unit = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    title = models.CharField(_("jenis informasi yang dikecualikan"), max_length=300)
    ground = models.CharField(
        _("dasar pengecualian (Pasal 17)"), max_length=10, choices=law.ground_choices()
    )
    legal_basis = models.TextField(
        _("dasar hukum lain"),
        blank=True,
        help_text=_("Untuk huruf j: undang-undang yang melarang."),
    )
    harm = models.TextField(_("konsekuensi/bahaya bila dibuka"))
    public_interest = models.TextField(_("pertimbangan kepentingan publik"))
    deciding_ppid = models.CharField(_("PPID yang memutuskan"), max_length=200)
    period_start = models.DateField(_("awal jangka waktu pengecualian"))
    period_end = models.DateField(_("akhir jangka waktu pengecualian"))
    decided_place = models.CharField(_("tempat penetapan"), max_length=100)
    decided_on = models.DateField(_("tanggal penetapan"))
    approved_by = models.CharField(_("disetujui oleh (pimpinan badan publik)"), max_length=200)
    approved_on = models.DateField(_("tanggal persetujuan"))
    state = models.CharField(
        max_length=20, choices=ExemptionState.choices, default=ExemptionState.ACTIVE
    )
    # PP 61/2010 Pasal 11: warn 30 working days before the end; at the end ask to decide.
    warned_at = models.DateTimeField(null=True, blank=True)
    ended_notice_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExemptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("informasi dikecualikan")
        verbose_name_plural = _("daftar informasi dikecualikan")
        ordering = ["body", "period_end"]
        # The exempt list's order (views/public.py EXEMPTION_ORDER).
        indexes = [
            models.Index(fields=["body", "period_end", "id"], name="catalog_exemption_list_order"),
            # The ended ones (``ExemptionQuerySet.ended``): the range of periods ended by the
            # latest today, the state read from the index. Not (state, period_end): the
            # list of those in force (state in the open ones) then took that index and
            # sorted every exemption in force instead of walking the list's order.
            models.Index(fields=["period_end", "state"], name="catalog_exemption_ending"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="catalog_exemption_period_positive",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:exemption", kwargs={"public_id": self.public_id})

    @property
    def ground_label(self) -> str:
        return law.label(self.ground)

    @property
    def has_ended(self) -> bool:
        """Its period ended without a decision (``ExemptionQuerySet.ended``)."""
        return self.state in OPEN_EXEMPTION_STATES and self.period_end <= workdays_state.today(
            self.body
        )


class FeedShape(models.TextChoices):
    AUTO = "", _("dikenali otomatis")
    OPENSID = "opensid", _("OpenSID (api_informasi_publik/ppid)")
    TERBUKA = "terbuka", _("Terbuka (/dip.json)")
    LIST = "list", _("daftar JSON lain")


class Feed(models.Model):
    """A public-information feed a body's officers registered, pulled on a schedule by
    ``pull_dip_feeds`` into the body's DIP (catalog/feeds.py)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="dip_feeds",
        verbose_name=_("badan publik"),
    )
    url = models.URLField(_("alamat feed"), max_length=500)
    shape = models.CharField(
        _("bentuk feed"),
        max_length=10,
        choices=FeedShape.choices,
        default=FeedShape.AUTO,
        blank=True,
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    last_pulled_at = models.DateTimeField(_("terakhir ditarik"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("terakhir berhasil"), null=True, blank=True)
    last_result = models.CharField(_("hasil terakhir"), max_length=300, blank=True)
    last_error = models.CharField(_("kesalahan terakhir"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed DIP")
        verbose_name_plural = _("feed DIP")
        ordering = ["body", "url"]
        constraints = [
            models.UniqueConstraint(fields=["body", "url"], name="catalog_feed_unique_url_per_body")
        ]

    def __str__(self) -> str:
        return self.url
