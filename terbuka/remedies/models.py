"""Objections (keberatan) to the Atasan PPID, UU 14/2008 Pasal 35–36.

Every change goes through ``terbuka.remedies.actions``; this module holds the fields, the
choices and the constraints. An objection copies the objector's identity at receipt, like
a request (the objection register records who objected then); those fields are personal
data, encrypted at rest and never shown publicly.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.accounts.models import RequesterType
from terbuka.fields import EncryptedTextField
from terbuka.requests.models import check_number_format


class Ground(models.TextChoices):
    """The grounds of an objection, UU 14/2008 Pasal 35 ayat (1) huruf a–g."""

    REFUSED = "a", _("a. Permohonan ditolak dengan alasan pengecualian (Pasal 17)")
    BERKALA_NOT_PROVIDED = "b", _("b. Informasi berkala tidak disediakan (Pasal 9)")
    NOT_ANSWERED = "c", _("c. Permohonan tidak ditanggapi")
    OTHERWISE = "d", _("d. Permohonan ditanggapi tidak sebagaimana yang diminta")
    NOT_FULFILLED = "e", _("e. Permohonan tidak dipenuhi")
    UNREASONABLE_FEE = "f", _("f. Biaya yang dikenakan tidak wajar")
    LATE = "g", _("g. Informasi disampaikan melebihi jangka waktu")


class Channel(models.TextChoices):
    ONLINE = "online", _("Formulir daring")
    WALK_IN = "walk_in", _("Datang langsung")
    LETTER = "letter", _("Surat")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    RECEIVED = "received", _("Menunggu tanggapan Atasan PPID")
    UPHELD = "upheld", _("Keberatan ditolak: putusan PPID dikuatkan")
    GRANTED = "granted", _("Keberatan diterima: PPID diperintahkan menindaklanjuti")
    INSTRUCTION_DONE = "instruction_done", _("Perintah Atasan PPID telah dilaksanakan")
    WITHDRAWN = "withdrawn", _("Dicabut pemohon")


DECIDED_STATUSES = (Status.UPHELD, Status.GRANTED, Status.INSTRUCTION_DONE)

# The only moves an action may make (STYLE.md "Workflows").
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.UPHELD, Status.GRANTED, Status.WITHDRAWN}),
    Status.GRANTED: frozenset({Status.INSTRUCTION_DONE}),
    Status.UPHELD: frozenset(),
    Status.INSTRUCTION_DONE: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


class Response(models.TextChoices):
    """What the requester says of the Atasan's answer (the register's last column)."""

    SATISFIED = "satisfied", _("Menerima tanggapan Atasan PPID")
    TO_COMMISSION = "to_commission", _("Akan mengajukan sengketa ke Komisi Informasi")


class ObjectionQuerySet(models.QuerySet["Objection"]):
    def undecided(self) -> ObjectionQuerySet:
        return self.filter(status=Status.RECEIVED)


class Objection(models.Model):
    """One objection to the Atasan PPID of the body that serves the request's body."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The objected request. Empty only for ground b (berkala information not provided,
    # Pasal 35(1)b), which needs no request: it is filed against a body, from its page or
    # from one of its DIP entries.
    info_request = models.ForeignKey(
        "requests.InfoRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name=_("permohonan"),
    )
    # The body objected to: the request's body, or the body whose berkala information is
    # missing.
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("badan publik"),
        editable=False,
    )
    catalog_entry = models.ForeignKey(
        "catalog.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entri DIP"),
    )
    # For an objection without a request: the berkala information that is not provided
    # (with a request, the request says what was asked).
    information = models.TextField(_("informasi berkala yang tidak disediakan"), blank=True)
    # A DIP entry's missed update (its next-update date passed, Pasal 9(3)): since when.
    missing_since = models.DateField(_("tidak diperbarui sejak"), null=True, blank=True)
    # The PPID body whose Atasan decides (the request's ``ppid_body``); it numbers it.
    ppid_body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="objections", editable=False
    )
    number = models.CharField(_("nomor registrasi keberatan"), max_length=100)
    number_year = models.PositiveIntegerField(editable=False)
    number_seq = models.PositiveIntegerField(editable=False)

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name=_("akun pemohon"),
    )
    requester_type = models.CharField(
        _("jenis pemohon"), max_length=20, choices=RequesterType.choices
    )
    requester_name = models.CharField(_("nama pemohon"), max_length=200)
    requester_nik = EncryptedTextField(_("NIK"), blank=True)
    requester_address = EncryptedTextField(_("alamat"), blank=True)
    requester_phone = EncryptedTextField(_("telepon"), blank=True)
    requester_email = EncryptedTextField(_("e-mail"), blank=True)
    proxy_name = models.CharField(_("nama kuasa"), max_length=200, blank=True)
    proxy_address = EncryptedTextField(_("alamat kuasa"), blank=True)

    grounds = models.JSONField(_("alasan keberatan"), default=list)
    # The day the earliest claimed ground arose, and the 30 working days from it
    # (Pasal 36(1)). A late objection is accepted and marked, for the Atasan to weigh.
    ground_arose_on = models.DateField(_("alasan keberatan timbul sejak"))
    filing_due = models.DateField(_("batas waktu pengajuan keberatan"))
    filed_late = models.BooleanField(_("diajukan melewati batas waktu"), default=False)
    case_description = models.TextField(_("kasus posisi"))
    purpose = models.TextField(_("tujuan penggunaan informasi"), blank=True)

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
    # The Atasan answers within 30 working days of receipt (Pasal 36(2)).
    answer_due = models.DateField(_("batas waktu tanggapan Atasan PPID"))
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED
    )

    decided_at = models.DateTimeField(_("tanggal tanggapan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Atasan PPID"),
    )
    # Copied at the decision: the register names the Atasan as he was then.
    atasan_name = models.CharField(_("nama Atasan PPID"), max_length=200, blank=True)
    atasan_position = models.CharField(_("jabatan Atasan PPID"), max_length=200, blank=True)
    reasons = models.TextField(_("pertimbangan tertulis"), blank=True)
    instruction = models.TextField(_("perintah kepada PPID"), blank=True)
    instruction_due = models.DateField(_("batas waktu pelaksanaan perintah"), null=True, blank=True)
    instruction_done_at = models.DateTimeField(null=True, blank=True)
    instruction_report = models.TextField(_("laporan pelaksanaan perintah"), blank=True)

    response = models.CharField(
        _("tanggapan pemohon"), max_length=20, choices=Response.choices, blank=True
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ppid_body", "number_year", "number_seq"],
                name="remedies_number_unique_per_body_year",
            ),
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="remedies_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in Status]),
                name="remedies_status_valid",
            ),
            # Upholding the PPID's decision needs written reasons (Pasal 36(3)).
            models.CheckConstraint(
                condition=~Q(status="upheld") | ~Q(reasons=""),
                name="remedies_upheld_has_reasons",
            ),
            # Without a request, the objection says which berkala information is missing.
            models.CheckConstraint(
                condition=Q(info_request__isnull=False) | ~Q(information=""),
                name="remedies_berkala_objection_names_information",
            ),
        ]
        indexes = [
            models.Index(fields=["ppid_body", "status", "answer_due"]),
            models.Index(fields=["info_request", "status"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("remedies:detail", kwargs={"public_id": self.public_id})

    @property
    def is_undecided(self) -> bool:
        return self.status == Status.RECEIVED

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]

    @property
    def has_request(self) -> bool:
        return self.info_request_id is not None

    def information_requested(self) -> str:
        """What the objection is about: the request's information, or the berkala
        information found missing."""
        if self.info_request is not None:
            return self.info_request.subject
        return self.information

    def ground_labels(self) -> list[str]:
        return [str(Ground(code).label) for code in self.grounds if code in Ground.values]


class EventKind(models.TextChoices):
    FILED = "filed", _("Keberatan diajukan")
    REGISTERED = "registered", _("Keberatan didaftarkan petugas")
    UPHELD = "upheld", _("Atasan PPID menguatkan putusan PPID")
    GRANTED = "granted", _("Atasan PPID menerima keberatan")
    INSTRUCTION_DONE = "instruction_done", _("PPID melaksanakan perintah Atasan PPID")
    RESPONDED = "responded", _("Tanggapan pemohon dicatat")
    WITHDRAWN = "withdrawn", _("Keberatan dicabut")
    ANSWER_DUE_RECOMPUTED = "answer_due_recomputed", _("Batas waktu tanggapan dihitung ulang")
    REMINDER_SENT = "reminder_sent", _("Pengingat dikirim")


# Kinds the requester and the public never see.
INTERNAL_EVENT_KINDS = frozenset({EventKind.REMINDER_SENT})


class Event(models.Model):
    """The objection's timeline: shown to the requester and the officers, and (without any
    identity) on the public log of a published request."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["objection", "at"])]

    def __str__(self) -> str:
        return f"{self.objection} {self.kind}"


class ObjectionFile(models.Model):
    """A file sent with an objection. Stored as a file of the request it objects to
    (``requests.files``: the one upload check, storage, encryption and download), and
    linked here."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="files")
    request_file = models.OneToOneField(
        "requests.RequestFile", on_delete=models.CASCADE, related_name="objection_link"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.request_file)


class NumberSequence(models.Model):
    """The yearly objection-number counter of a PPID body: gapless and unique under
    concurrency exactly like request numbers (``requests.numbering.take_number``)."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="remedies_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.year}: {self.last}"


class ObjectionSettings(models.Model):
    """Per-body settings of objections (rules DOMAIN.md marks as practice)."""

    body = models.OneToOneField(
        "bodies.Body", on_delete=models.CASCADE, related_name="objection_settings"
    )
    number_format = models.CharField(
        _("format nomor registrasi keberatan"),
        max_length=120,
        default="{seq:04d}/KEB-{code}/{month_roman}/{year}",
        help_text=_("Tersedia: {seq}, {code}, {month}, {month_roman}, {year}."),
    )
    # Perki 1/2013 Pasal 6: KI Pusat for central bodies, the KI of the regency or city
    # where one exists, otherwise the provincial KI (the default when this is empty).
    commission_name = models.CharField(
        _("Komisi Informasi yang berwenang"),
        max_length=200,
        blank=True,
        help_text=_(
            "Kosongkan untuk Komisi Informasi Provinsi. Isi bila sengketa badan ini diperiksa"
            " Komisi Informasi lain, mis. Komisi Informasi Kabupaten/Kota atau Pusat."
        ),
    )

    class Meta:
        verbose_name = _("pengaturan keberatan")
        verbose_name_plural = _("pengaturan keberatan")

    def __str__(self) -> str:
        return str(self.body)

    def clean(self) -> None:
        check_number_format(self.number_format)
