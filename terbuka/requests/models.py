"""Information requests (permohonan informasi publik), UU 14/2008 Pasal 21–22.

The model is ``InfoRequest`` (``request`` always means the HTTP request). Every state change
goes through ``terbuka.requests.actions``; this module holds fields, choices, the allowed
transitions, constraints and small predicates.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.accounts.models import RequesterType
from terbuka.bodies.models import TimeZoneName
from terbuka.fields import EncryptedTextField
from terbuka.shield.state import Shielded
from terbuka.workdays import state as workdays_state


class Channel(models.TextChoices):
    """How the request reached the body (Pasal 22(1): written or oral)."""

    ONLINE = "online", _("Formulir daring")
    WALK_IN = "walk_in", _("Datang langsung")
    LETTER = "letter", _("Surat")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telepon")
    REFERRAL = "referral", _("Rujukan dari badan publik lain")


class HowToObtain(models.TextChoices):
    """Perki 1/2021 form: how the requester wants to obtain the information."""

    VIEW = "view", _("Melihat / membaca / mendengarkan / mencatat")
    SOFTCOPY = "softcopy", _("Mendapatkan salinan softcopy")
    HARDCOPY = "hardcopy", _("Mendapatkan salinan hardcopy")


class Delivery(models.TextChoices):
    """Perki 1/2021 form: how copies are to be received."""

    PICKUP = "pickup", _("Mengambil langsung")
    COURIER = "courier", _("Kurir")
    POST = "post", _("Pos")
    FAX = "fax", _("Faksimili")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IDENTITY_INCOMPLETE = "identity_incomplete", _("Identitas belum lengkap")
    IN_PROGRESS = "in_progress", _("Sedang diproses")
    ANSWERED = "answered", _("Sudah dijawab")
    WITHDRAWN = "withdrawn", _("Dicabut pemohon")


OPEN_STATUSES = (Status.RECEIVED, Status.IDENTITY_INCOMPLETE, Status.IN_PROGRESS)

# The only moves an action may make (STYLE.md "Workflows").
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset(
        {Status.IDENTITY_INCOMPLETE, Status.IN_PROGRESS, Status.ANSWERED, Status.WITHDRAWN}
    ),
    Status.IDENTITY_INCOMPLETE: frozenset(
        {Status.RECEIVED, Status.IN_PROGRESS, Status.ANSWERED, Status.WITHDRAWN}
    ),
    Status.IN_PROGRESS: frozenset({Status.IDENTITY_INCOMPLETE, Status.ANSWERED, Status.WITHDRAWN}),
    Status.ANSWERED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


class Outcome(models.TextChoices):
    """The decision a written notice states (UU Pasal 6(3)e, 22(7))."""

    GRANTED = "granted", _("Dikabulkan seluruhnya")
    GRANTED_IN_PART = "granted_in_part", _("Dikabulkan sebagian")
    REFUSED_EXEMPT = "refused_exempt", _("Ditolak: informasi dikecualikan")
    NOT_HELD = "not_held", _("Informasi tidak dikuasai badan publik ini")
    NOT_YET_DOCUMENTED = "not_yet_documented", _("Informasi belum didokumentasikan")


class InfoRequestQuerySet(models.QuerySet["InfoRequest"]):
    def open(self) -> InfoRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def needing_work(self) -> InfoRequestQuerySet:
        """Open, or answered and reopened under an instruction of the Atasan PPID."""
        return self.filter(Q(status__in=OPEN_STATUSES) | Q(reopened_until__isnull=False))

    def overdue(self, now: dt.datetime | None = None) -> InfoRequestQuerySet:
        """Open requests past their due date, each on the date where its PPID body is (the
        time zones are few, so one condition each)."""
        late = Q(pk__isnull=True)  # never true: the start of an OR
        for zone in TimeZoneName.values:
            today = workdays_state.local_date(zoneinfo.ZoneInfo(zone), now)
            late |= Q(ppid_body__timezone=zone, due_date__lt=today)
        return self.open().filter(late)

    def published(self) -> InfoRequestQuerySet:
        """The public request log: allowed by the requester and answered."""
        return self.filter(publish_allowed=True, status=Status.ANSWERED)


class InfoRequest(models.Model):
    """One request for public information.

    The requester's identity is recorded on the request itself at receipt (Pasal 22(2)),
    because the law asks for what was given then and walk-in requesters may have no
    account. Those fields are personal data: encrypted at rest, never shown publicly.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="info_requests",
        verbose_name=_("badan publik yang dituju"),
    )
    # The body whose PPID Utama handles it (``body.ppid_body`` at receipt); it numbers it.
    ppid_body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="handled_requests", editable=False
    )
    number = models.CharField(_("nomor registrasi"), max_length=100, blank=True)
    number_year = models.PositiveIntegerField(null=True, blank=True, editable=False)
    number_seq = models.PositiveIntegerField(null=True, blank=True, editable=False)

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="info_requests",
        verbose_name=_("akun pemohon"),
    )
    requester_type = models.CharField(
        _("jenis pemohon"), max_length=20, choices=RequesterType.choices
    )
    requester_name = models.CharField(_("nama pemohon"), max_length=200)
    requester_nik = EncryptedTextField(_("NIK"), blank=True)
    requester_legal_entity_decree = models.CharField(
        _("nomor SK badan hukum"), max_length=200, blank=True
    )
    requester_address = EncryptedTextField(_("alamat"), blank=True)
    requester_phone = EncryptedTextField(_("telepon"), blank=True)
    requester_email = EncryptedTextField(_("e-mail"), blank=True)
    acting_for = models.CharField(_("bertindak atas nama (kuasa)"), max_length=200, blank=True)

    subject = models.TextField(_("rincian informasi yang dibutuhkan"))
    purpose = models.TextField(_("tujuan penggunaan informasi"), blank=True)
    how_to_obtain = models.CharField(
        _("cara memperoleh informasi"), max_length=20, choices=HowToObtain.choices
    )
    delivery = models.CharField(
        _("cara mendapatkan salinan"), max_length=20, choices=Delivery.choices, blank=True
    )
    publish_allowed = models.BooleanField(
        _("permohonan (bukan identitas) boleh diumumkan di log permohonan publik"), default=False
    )

    channel = models.CharField(_("saluran"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("waktu diterima"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("didaftarkan oleh petugas"),
    )
    referred_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("rujukan dari permohonan"),
    )

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED
    )
    # The statutory deadline (Pasal 22(7)–(8)) and how it was counted (shown with it).
    due_date = models.DateField(_("batas waktu pemberitahuan tertulis"), null=True)
    due_explanation = models.JSONField(default=list, blank=True, editable=False)
    extended_at = models.DateTimeField(_("waktu perpanjangan"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    extension_reason = models.TextField(_("alasan perpanjangan"), blank=True)
    identity_requested_at = models.DateTimeField(null=True, blank=True)
    # When the body's rule restarts the clock once the identity is completed (DOMAIN.md
    # practice, ``ServiceSettings.identity_restarts_clock``), counting runs from here instead
    # of ``received_at``.
    counting_from = models.DateTimeField(
        _("penghitungan jangka waktu sejak"), null=True, blank=True
    )
    answered_at = models.DateTimeField(_("waktu pemberitahuan dikirim"), null=True, blank=True)
    # How long the written notice took, counted on the PPID body's calendar by
    # ``queries.apply_timing`` when it is sent and again when that calendar changes
    # (``deadlines.recompute_answered_timing``): the statistics aggregate these columns
    # instead of counting each request's working days (issue 10, bench/reports.py).
    # Empty until the notice is sent.
    working_days_taken = models.PositiveIntegerField(
        _("hari kerja sampai pemberitahuan"), null=True, blank=True, editable=False
    )
    answered_late = models.BooleanField(_("pemberitahuan terlambat"), default=False, editable=False)
    # Working days after the due date up to the notice: empty when it was in time.
    working_days_late = models.PositiveIntegerField(
        _("hari kerja keterlambatan"), null=True, blank=True, editable=False
    )
    # An answered request is reopened when the Atasan PPID grants an objection to it (UU
    # 14/2008 Pasal 36): the PPID answers again under the instruction, by this date. Empty
    # when no instruction is pending.
    reopened_until = models.DateField(
        _("dibuka kembali atas perintah Atasan PPID sampai"), null=True, blank=True
    )
    reopened_instruction = models.TextField(_("perintah Atasan PPID"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("petugas penanggung jawab"),
    )

    # A replayed submission (double click, lost acknowledgement) returns the first result
    # instead of making a second request (PITFALLS.md 5).
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InfoRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ppid_body", "number_year", "number_seq"],
                condition=Q(number_seq__isnull=False),
                name="requests_number_unique_per_body_year",
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="requests_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in Status]),
                name="requests_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__isnull=True)
                | Q(extension_days__lte=law.NOTICE_EXTENSION_MAX_WORKING_DAYS),
                name="requests_extension_at_most_7_days",
            ),
        ]
        indexes = [
            models.Index(fields=["ppid_body", "status", "due_date"]),
            models.Index(fields=["body", "status", "due_date"]),
            models.Index(fields=["assigned_to", "status"]),
            models.Index(fields=["requester", "-received_at"]),
            models.Index(fields=["publish_allowed", "status", "-answered_at"]),
            # A body's requests of a period (the statistics, the annual report's rows,
            # the dashboard's year): measured by bench/reports.py, a unit's year read
            # every year of its requests without them (issue 10).
            models.Index(fields=["body", "received_at"], name="requests_body_received"),
            models.Index(fields=["ppid_body", "received_at"], name="requests_ppid_received"),
            # The inbox's order, walked from a keyset cursor (queries.inbox_order).
            models.Index(fields=["due_date", "received_at", "id"], name="requests_inbox_order"),
            # The public request log's keyset order (answered_at, id), ties included, so a
            # page reads its rows from the index without a sort (requests/views/public.py).
            models.Index(
                fields=["publish_allowed", "status", "answered_at", "id"],
                name="requests_public_log_order",
            ),
        ]

    def __str__(self) -> str:
        return self.number or str(self.public_id)

    def get_absolute_url(self) -> str:
        return reverse("requests:detail", kwargs={"public_id": self.public_id})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        """Past the due date on the date where the PPID body is (``deadlines.state`` gives
        the whole state, with the body's calendar)."""
        return bool(
            self.is_open
            and self.due_date
            and self.due_date < workdays_state.today(self.ppid_body, now)
        )

    @property
    def is_reopened(self) -> bool:
        """Answered, then reopened under an instruction of the Atasan PPID still pending."""
        return self.reopened_until is not None

    @property
    def was_extended(self) -> bool:
        return self.extended_at is not None


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Permohonan diterima")
    REGISTERED = "registered", _("Permohonan didaftarkan petugas")
    IDENTITY_INCOMPLETE = "identity_incomplete", _("Identitas diminta dilengkapi")
    IDENTITY_COMPLETED = "identity_completed", _("Identitas dilengkapi")
    FORWARDED = "forwarded", _("Disposisi ke PPID Pelaksana")
    DRAFTED = "drafted", _("Draf jawaban disiapkan")
    EXTENDED = "extended", _("Jangka waktu diperpanjang")
    NOTICE_SENT = "notice_sent", _("Pemberitahuan tertulis dikirim")
    NOTICE_CORRECTED = "notice_corrected", _("Ralat pemberitahuan tertulis")
    REFERRED = "referred", _("Dirujuk ke badan publik lain")
    WITHDRAWN = "withdrawn", _("Dicabut pemohon")
    MESSAGE_TO_REQUESTER = "message_to_requester", _("Pesan untuk pemohon")
    MESSAGE_FROM_REQUESTER = "message_from_requester", _("Pesan dari pemohon")
    INTERNAL_NOTE = "internal_note", _("Catatan internal")
    ASSIGNED = "assigned", _("Penanggung jawab ditetapkan")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("Batas waktu dihitung ulang")
    REMINDER_SENT = "reminder_sent", _("Pengingat dikirim")
    # An officer let out a document the personal-data shield held (with his reason).
    SHIELD_CONFIRMED = "shield_confirmed", _("Dokumen yang ditahan diizinkan terbit")
    # The requester was told the notice did not come by the due date (Pasal 35(1)c).
    DUE_DATE_MISSED = "due_date_missed", _("Batas waktu terlewati")
    # An objection to the request was granted: the PPID answers again under the Atasan's
    # instruction (UU 14/2008 Pasal 36), and reports when he has.
    REOPENED = "reopened", _("Dibuka kembali atas perintah Atasan PPID")
    ANSWERED_UNDER_INSTRUCTION = (
        "answered_under_instruction",
        _("Dijawab kembali sesuai perintah Atasan PPID"),
    )


# Kinds the requester never sees on the timeline.
INTERNAL_EVENT_KINDS = frozenset(
    {
        EventKind.INTERNAL_NOTE,
        EventKind.DRAFTED,
        EventKind.REMINDER_SENT,
        EventKind.ASSIGNED,
        EventKind.SHIELD_CONFIRMED,
    }
)


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        """What the requester may see."""
        return self.filter(is_internal=False)


class Event(models.Model):
    """The per-request event log: public timeline, audit trail and report source."""

    info_request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    old_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    note = models.TextField(blank=True)
    is_internal = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["info_request", "at"])]

    def __str__(self) -> str:
        return f"{self.info_request} {self.kind}"


class Visibility(models.Model):
    """Which body's officers see a request in their inbox: one row per (request, body).

    An officer sees a request three ways (``access.officer_requests``): his body handles it
    (the PPID body), it is addressed to his body, or it was forwarded to his unit. Kept as
    rows here, by the actions that create a request or forward it (``actions.shared``), the
    inbox asks one indexed condition instead of an OR over three (issue 14).
    """

    info_request = models.ForeignKey(
        InfoRequest, on_delete=models.CASCADE, related_name="visibility"
    )
    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    # The body is the request's PPID body: its Utama and operators decide it.
    handles = models.BooleanField(default=False)
    # The request is addressed to the body, or was forwarded to it (disposisi): all its
    # officers, PPID Pelaksana included, work on it.
    works = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["info_request", "body"], name="requests_visibility_unique"
            )
        ]
        indexes = [models.Index(fields=["body", "works", "info_request"])]

    def __str__(self) -> str:
        return f"{self.info_request_id} @ {self.body_id}"


class Disposition(models.Model):
    """Disposisi: the PPID Utama forwards a request to a PPID Pelaksana unit."""

    class State(models.TextChoices):
        OPEN = "open", _("Menunggu draf")
        DRAFTED = "drafted", _("Draf diserahkan")
        CLOSED = "closed", _("Selesai")
        # The request ended (answered, withdrawn) before the unit submitted a draft: the
        # disposisi is over, but it was not done, and the record must not say it was.
        LAPSED = "lapsed", _("Ditutup tanpa draf")

    info_request = models.ForeignKey(
        InfoRequest, on_delete=models.CASCADE, related_name="dispositions"
    )
    unit = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="dispositions", verbose_name=_("unit")
    )
    instruction = models.TextField(_("instruksi"))
    internal_due_date = models.DateField(_("batas waktu internal"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    forwarded_at = models.DateTimeField(default=timezone.now)
    draft_text = models.TextField(_("draf jawaban"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    drafted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["forwarded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["info_request", "unit"],
                condition=Q(state="open"),
                name="requests_one_open_disposition_per_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.info_request} → {self.unit}"


class Notice(models.Model):
    """The written notice (pemberitahuan tertulis), Pasal 22(7).

    Prepared as a draft, then sent in one action; after ``sent_at`` is set it is never
    changed (a correction is a new event carrying the corrected text).
    """

    info_request = models.OneToOneField(
        InfoRequest, on_delete=models.CASCADE, related_name="notice"
    )
    outcome = models.CharField(_("keputusan"), max_length=30, choices=Outcome.choices, blank=True)
    material = models.TextField(_("materi informasi yang diberikan"), blank=True)
    withheld = models.TextField(_("bagian yang dihitamkan/dikecualikan dan alasannya"), blank=True)
    exemption_ground = models.CharField(
        _("dasar pengecualian (Pasal 17)"),
        max_length=10,
        blank=True,
        choices=law.ground_choices(),
    )
    consequence_test = models.TextField(_("uji konsekuensi (Pasal 19)"), blank=True)
    holding_body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("badan publik yang menguasai informasi"),
    )
    holding_body_name = models.CharField(
        _("nama badan publik yang menguasai informasi (di luar platform)"),
        max_length=200,
        blank=True,
    )
    available_on = models.DateField(_("tanggal informasi akan tersedia"), null=True, blank=True)
    place = models.CharField(_("tempat melihat informasi"), max_length=200, blank=True)
    form = models.CharField(
        _("bentuk informasi"), max_length=20, choices=HowToObtain.choices, blank=True
    )
    delivery = models.CharField(
        _("cara penyampaian"), max_length=20, choices=Delivery.choices, blank=True
    )
    pages = models.PositiveIntegerField(_("jumlah halaman salinan"), default=0)
    fee_per_page = models.PositiveIntegerField(_("biaya per halaman (Rp)"), default=0)
    delivery_cost = models.PositiveIntegerField(_("biaya pengiriman (Rp)"), default=0)
    payment_instructions = models.TextField(_("cara pembayaran"), blank=True)
    letter_text = models.TextField(_("isi surat"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pemberitahuan tertulis")
        verbose_name_plural = _("pemberitahuan tertulis")

    def __str__(self) -> str:
        return f"{self.info_request} {self.outcome}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def total_cost(self) -> int:
        return self.pages * self.fee_per_page + self.delivery_cost


class FileKind(models.TextChoices):
    IDENTITY = "identity", _("Dokumen identitas")
    ATTACHMENT = "attachment", _("Lampiran permohonan")
    DRAFT = "draft", _("Dokumen draf jawaban")
    RELEASED = "released", _("Dokumen yang diberikan")
    LETTER = "letter", _("Surat pemberitahuan tertulis")
    # The written notice of an extension (UU 14/2008 Pasal 22(8)): the requester's from the
    # day it is sent, while the request is still open.
    EXTENSION_LETTER = "extension_letter", _("Surat perpanjangan jangka waktu")
    # Sent with an objection to the Atasan PPID (terbuka.remedies).
    OBJECTION_ATTACHMENT = "objection_attachment", _("Lampiran keberatan")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Surat kuasa")


# Files that say who the requester is: for the handlers (and the requester) only.
PERSONAL_FILE_KINDS = frozenset({FileKind.IDENTITY, FileKind.POWER_OF_ATTORNEY})


class RequestFile(Shielded):
    """A file belonging to a request, stored under a random name outside any public URL
    and served only through a permission-checked view. Identity documents are encrypted
    at rest (``is_encrypted``). A draft or released document is scanned by the
    personal-data shield (``Shielded``): a released one appears on the public request log
    only once the shield lets it out."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Empty only for the files of an objection that has no request (ground b, berkala
    # information not provided): those are reached through their objection alone.
    info_request = models.ForeignKey(
        InfoRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    disposition = models.ForeignKey(
        Disposition, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    kind = models.CharField(max_length=20, choices=FileKind.choices)
    file = models.FileField(upload_to="requests/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    is_encrypted = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class NumberSequence(models.Model):
    """The yearly registration-number counter of a PPID body (gapless, Pasal 22(4)–(5)).

    Taken under ``select_for_update`` inside the submitting transaction, so a rolled-back
    submission gives its number back and concurrent submissions never share one.
    """

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="requests_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.year}: {self.last}"


def check_number_format(number_format: str) -> None:
    """A registration-number format (requests' and objections') may only use the known
    placeholders: an unknown one would break every submission of the body."""
    try:
        number_format.format(seq=1, code="KODE", month=1, month_roman="I", year=2025)
    except (KeyError, IndexError, ValueError) as error:
        raise ValidationError(
            {"number_format": _("Format nomor tidak valid: %(error)s") % {"error": error}}
        ) from error


class ServiceSettings(models.Model):
    """Per-body settings of the request service (rules DOMAIN.md marks as practice)."""

    body = models.OneToOneField(
        "bodies.Body", on_delete=models.CASCADE, related_name="service_settings"
    )
    number_format = models.CharField(
        _("format nomor registrasi"),
        max_length=120,
        default="{seq:04d}/PPID-{code}/{month_roman}/{year}",
        help_text=_("Tersedia: {seq}, {code}, {month}, {month_roman}, {year}."),
    )
    number_code = models.CharField(
        _("kode dalam nomor registrasi"),
        max_length=60,
        blank=True,
        help_text=_("Kosongkan untuk memakai kode badan publik."),
    )
    fee_per_page = models.PositiveIntegerField(_("biaya salinan per halaman (Rp)"), default=0)
    # Practice (DOMAIN.md): the requester is told and may complete the identity; whether
    # the 10-day clock restarts from completion is the body's choice.
    identity_restarts_clock = models.BooleanField(
        _("jangka waktu dihitung ulang sejak identitas dilengkapi"), default=False
    )
    identity_days = models.PositiveSmallIntegerField(
        _("hari kerja untuk melengkapi identitas"), default=law.IDENTITY_COMPLETION_WORKING_DAYS
    )

    class Meta:
        verbose_name = _("pengaturan layanan")
        verbose_name_plural = _("pengaturan layanan")

    def __str__(self) -> str:
        return str(self.body)

    def clean(self) -> None:
        check_number_format(self.number_format)
