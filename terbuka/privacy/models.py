"""Personal data protection (UU 27/2022): retention, data-subject requests, breaches.

The body running Terbuka is the controller of its requesters' personal data. This app
keeps what that duty needs on record: how long each body keeps request files (its archive
schedule), which closed cases were anonymised, the requests data subjects make and how
they were answered, and the breach register of the data-protection officer (DPO).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The archive schedule when a body set none: 60 months (5 years) after the case closed.
# Each body sets its own in the admin (RetentionPolicy); nothing here is a setting.
DEFAULT_RETENTION_MONTHS = 60

# The name a request keeps after anonymisation.
ANONYMISED_NAME = "Pemohon (dianonimkan)"


class RetentionPolicy(models.Model):
    """How long a body keeps the personal data of closed request files (its archive
    schedule, UU 27/2022 Pasal 16(2)). Without a row the body keeps them
    ``DEFAULT_RETENTION_MONTHS`` months."""

    body = models.OneToOneField(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="retention_policy",
        verbose_name=_("badan publik"),
    )
    months = models.PositiveSmallIntegerField(
        _("masa retensi (bulan)"),
        help_text=_(
            "Dihitung sejak permohonan selesai (dijawab atau dicabut). Setelah itu data"
            " pribadi pemohon dianonimkan dan dokumen identitas dihapus."
        ),
    )
    note = models.TextField(
        _("catatan"), blank=True, help_text=_("mis. dasar jadwal retensi arsip yang dipakai")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("masa retensi")
        verbose_name_plural = _("masa retensi")
        constraints = [
            models.CheckConstraint(condition=Q(months__gte=1), name="privacy_retention_positive")
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.months}"


class Anonymisation(models.Model):
    """A closed case whose personal data were removed; it is never redone."""

    class Reason(models.TextChoices):
        RETENTION = "retention", _("Masa retensi berakhir")
        ERASURE = "erasure", _("Permintaan penghapusan oleh subjek data")

    info_request = models.OneToOneField(
        "requests.InfoRequest", on_delete=models.CASCADE, related_name="anonymisation"
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    reason = models.CharField(_("alasan"), max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("anonimisasi")
        verbose_name_plural = _("anonimisasi")

    def __str__(self) -> str:
        return f"{self.info_request} {self.reason}"


class ObjectionAnonymisation(models.Model):
    """A closed objection without a request (ground b, Pasal 35(1)b) whose objector's
    personal data were removed. An objection to a request is cleared with its request
    (``Anonymisation``); this one has no request to follow, so it keeps its own clock."""

    objection = models.OneToOneField(
        "remedies.Objection", on_delete=models.CASCADE, related_name="anonymisation"
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    reason = models.CharField(_("alasan"), max_length=20, choices=Anonymisation.Reason.choices)

    class Meta:
        verbose_name = _("anonimisasi keberatan")
        verbose_name_plural = _("anonimisasi keberatan")

    def __str__(self) -> str:
        return f"{self.objection} {self.reason}"


class SubjectRequestKind(models.TextChoices):
    """The rights of the data subject (UU 27/2022 Pasal 5–13)."""

    ERASURE = "erasure", _("Penghapusan data pribadi (Pasal 8)")
    ACCESS = "access", _("Akses dan salinan data pribadi (Pasal 7)")
    RESTRICTION = "restriction", _("Penundaan atau pembatasan pemrosesan (Pasal 11)")
    OBJECTION = "objection", _("Keberatan atas pemrosesan (Pasal 10)")
    OTHER = "other", _("Hak lain")


class SubjectRequestStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IN_PROGRESS = "in_progress", _("Sedang diproses")
    DONE = "done", _("Selesai")
    REFUSED = "refused", _("Ditolak")


CLOSED_SUBJECT_STATUSES = (SubjectRequestStatus.DONE, SubjectRequestStatus.REFUSED)


class DataSubjectRequestQuerySet(models.QuerySet["DataSubjectRequest"]):
    def open(self) -> DataSubjectRequestQuerySet:
        return self.exclude(status__in=CLOSED_SUBJECT_STATUSES)


class DataSubjectRequest(models.Model):
    """A requester exercising a data-subject right, routed to one body's DPO."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_subject_requests",
        verbose_name=_("subjek data"),
    )
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="data_subject_requests",
        verbose_name=_("badan publik (pengendali data)"),
    )
    kind = models.CharField(
        _("hak yang diminta"), max_length=20, choices=SubjectRequestKind.choices
    )
    details = models.TextField(_("penjelasan"), blank=True)
    close_account = models.BooleanField(_("tutup akun saya juga"), default=False)
    received_at = models.DateTimeField(_("waktu diterima"))
    due_at = models.DateTimeField(_("batas waktu jawaban"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubjectRequestStatus.choices,
        default=SubjectRequestStatus.RECEIVED,
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditangani oleh"),
    )
    handled_at = models.DateTimeField(_("waktu ditangani"), null=True, blank=True)
    # Set when the erasure was carried out: open cases of this body are anonymised as soon
    # as they close (``apply_retention``), not at the end of the retention period.
    erased_at = models.DateTimeField(_("waktu penghapusan"), null=True, blank=True)

    objects = DataSubjectRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("permintaan subjek data")
        verbose_name_plural = _("permintaan subjek data")
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in SubjectRequestStatus]),
                name="privacy_subject_request_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.received_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_SUBJECT_STATUSES

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        return self.is_open and (now or timezone.now()) > self.due_at

    def time_left(self, now: dt.datetime | None = None) -> dt.timedelta:
        return self.due_at - (now or timezone.now())


class BreachStatus(models.TextChoices):
    OPEN = "open", _("Sedang ditangani")
    CONTAINED = "contained", _("Sudah dikendalikan")
    CLOSED = "closed", _("Selesai")


class BreachQuerySet(models.QuerySet["Breach"]):
    def awaiting_notification(self) -> BreachQuerySet:
        """Both written notices (Pasal 46(1)) are not yet recorded."""
        return self.filter(
            Q(subjects_notified_at__isnull=True) | Q(authority_notified_at__isnull=True)
        )


class Breach(models.Model):
    """One personal data breach (kegagalan pelindungan data pribadi), UU 27/2022 Pasal 46."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="breaches",
        verbose_name=_("badan publik"),
    )
    discovered_at = models.DateTimeField(_("waktu diketahui"))
    occurred_at = models.DateTimeField(_("waktu terjadi (perkiraan)"), null=True, blank=True)
    description = models.TextField(_("uraian kejadian"))
    data_categories = models.TextField(_("data pribadi yang terungkap"))
    people_affected_count = models.PositiveIntegerField(_("jumlah subjek data terdampak"))
    people_affected_description = models.TextField(_("subjek data terdampak"), blank=True)
    cause = models.TextField(_("penyebab"), blank=True)
    measures = models.TextField(_("upaya penanganan dan pemulihan"), blank=True)
    notify_deadline = models.DateTimeField(_("batas waktu pemberitahuan"), editable=False)
    subjects_notified_at = models.DateTimeField(
        _("subjek data diberi tahu pada"), null=True, blank=True
    )
    authority_notified_at = models.DateTimeField(
        _("lembaga diberi tahu pada"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BreachStatus.choices, default=BreachStatus.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    recorded_at = models.DateTimeField(_("waktu dicatat"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BreachQuerySet.as_manager()

    class Meta:
        verbose_name = _("insiden kebocoran data")
        verbose_name_plural = _("register insiden kebocoran data")
        ordering = ["-discovered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.body} {self.discovered_at:%Y-%m-%d}"

    @property
    def is_notified(self) -> bool:
        return self.subjects_notified_at is not None and self.authority_notified_at is not None

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        return not self.is_notified and (now or timezone.now()) > self.notify_deadline


class BreachReminder(models.Model):
    """One reminder e-mail sent about a breach on one day; makes ``breach_reminders``
    idempotent per day."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Batas waktu dalam 24 jam")
        OVERDUE = "overdue", _("Batas waktu terlewati")

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["breach", "kind", "day"], name="privacy_one_breach_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.breach} {self.kind} {self.day}"
