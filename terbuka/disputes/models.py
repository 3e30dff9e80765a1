"""Disputes (sengketa informasi) at the Komisi Informasi (UU 14/2008 Pasal 37–38, 48;
Perki 1/2013), as the PPID body records them.

Every change goes through ``terbuka.disputes.actions``; this module holds the fields, the
choices, the allowed moves and the constraints. A dispute belongs to a PPID body (the
respondent) and comes from an objection or a request on the platform, or from one that came
in outside it (external references as text). The petitioner's name is for officers only.
The dates the law sets are stored when their start is known and counted again when the
calendar changes (``clocks``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where the case stands at the Komisi Informasi."""

    REGISTRATION = "registration", _("Registrasi")
    PRELIMINARY = "preliminary", _("Pemeriksaan awal")
    MEDIATION = "mediation", _("Mediasi")
    ADJUDICATION = "adjudication", _("Ajudikasi")
    DECIDED = "decided", _("Putusan")
    CLOSED = "closed", _("Selesai")
    WITHDRAWN = "withdrawn", _("Dicabut")


# The only moves an action may make (STYLE.md "Workflows"). Mediation comes after the
# pemeriksaan awal; when it fails the case goes to adjudication, when it succeeds the KI
# records the agreement as its decision (Perki 1/2013). A petition the KI does not accept
# (tidak diterima) is decided at the pemeriksaan awal.
TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.REGISTRATION: frozenset({Stage.PRELIMINARY, Stage.WITHDRAWN}),
    Stage.PRELIMINARY: frozenset(
        {Stage.MEDIATION, Stage.ADJUDICATION, Stage.DECIDED, Stage.WITHDRAWN}
    ),
    Stage.MEDIATION: frozenset({Stage.ADJUDICATION, Stage.DECIDED, Stage.WITHDRAWN}),
    Stage.ADJUDICATION: frozenset({Stage.DECIDED, Stage.WITHDRAWN}),
    Stage.DECIDED: frozenset({Stage.CLOSED}),
    Stage.CLOSED: frozenset(),
    Stage.WITHDRAWN: frozenset(),
}

# Stages in which the Komisi Informasi is still at work (its clocks run).
PENDING_STAGES = (Stage.REGISTRATION, Stage.PRELIMINARY, Stage.MEDIATION, Stage.ADJUDICATION)
FINISHED_STAGES = (Stage.CLOSED, Stage.WITHDRAWN)


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Permohonan dikabulkan seluruhnya")
    GRANTED_IN_PART = "granted_in_part", _("Permohonan dikabulkan sebagian")
    REFUSED = "refused", _("Permohonan ditolak")
    AGREEMENT = "agreement", _("Kesepakatan mediasi")
    NOT_ACCEPTED = "not_accepted", _("Permohonan tidak diterima")


class CourtChallenge(models.TextChoices):
    FILED = "filed", _("Keberatan/gugatan diajukan ke pengadilan")
    NONE = "none", _("Tidak ada gugatan: putusan berkekuatan hukum tetap")


class DisputeQuerySet(models.QuerySet["Dispute"]):
    def open(self) -> DisputeQuerySet:
        return self.exclude(stage__in=FINISHED_STAGES)


class Dispute(models.Model):
    """One dispute at the Komisi Informasi in which the PPID body is the respondent."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ppid_body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="disputes", editable=False
    )
    # On the platform: the objection and/or the request (either may be missing: a ground-b
    # objection has no request). Outside it: the references as the petition gives them.
    objection = models.ForeignKey(
        "remedies.Objection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("keberatan"),
    )
    info_request = models.ForeignKey(
        "requests.InfoRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("permohonan"),
    )
    external_request_number = models.CharField(
        _("nomor permohonan (di luar Terbuka)"), max_length=100, blank=True
    )
    external_request_date = models.DateField(
        _("tanggal permohonan (di luar Terbuka)"), null=True, blank=True
    )
    external_objection_number = models.CharField(
        _("nomor keberatan (di luar Terbuka)"), max_length=100, blank=True
    )
    external_objection_date = models.DateField(
        _("tanggal keberatan (di luar Terbuka)"), null=True, blank=True
    )
    subject = models.TextField(_("pokok sengketa"), blank=True)

    # Officers only: never on a public page, a feed or a log line.
    petitioner_name = models.CharField(_("nama pemohon sengketa"), max_length=200)
    commission = models.CharField(_("Komisi Informasi yang berwenang"), max_length=200)
    registration_number = models.CharField(
        _("nomor registrasi sengketa"), max_length=100, blank=True
    )
    filed_on = models.DateField(_("tanggal permohonan sengketa diajukan"))
    registered_on = models.DateField(
        _("tanggal registrasi (akta registrasi)"), null=True, blank=True
    )
    # Counted from registration (UU Pasal 38(1) and 38(2)).
    start_due = models.DateField(_("batas waktu dimulainya penyelesaian"), null=True, blank=True)
    limit_due = models.DateField(_("batas waktu penyelesaian sengketa"), null=True, blank=True)

    stage = models.CharField(
        _("tahap"), max_length=20, choices=Stage.choices, default=Stage.REGISTRATION
    )

    # Mediation: 14 working days from the first session, once extendable by 7 (Pasal 41).
    mediation_started_on = models.DateField(_("sidang mediasi pertama"), null=True, blank=True)
    mediation_due = models.DateField(_("batas waktu mediasi"), null=True, blank=True)
    mediation_extended = models.BooleanField(_("mediasi diperpanjang"), default=False)
    mediation_extension_reason = models.TextField(_("alasan perpanjangan mediasi"), blank=True)

    # The decision (putusan), and the 14 working days to go to court after receiving it.
    decided_on = models.DateField(_("tanggal putusan"), null=True, blank=True)
    outcome = models.CharField(
        _("amar putusan"), max_length=20, choices=Outcome.choices, blank=True
    )
    orders = models.TextField(_("yang diperintahkan putusan"), blank=True)
    orders_release = models.BooleanField(
        _("putusan memerintahkan pemberian informasi"), default=False
    )
    decision_received_on = models.DateField(
        _("tanggal putusan diterima badan publik"), null=True, blank=True
    )
    court_due = models.DateField(_("batas waktu gugatan ke pengadilan"), null=True, blank=True)
    court_challenge = models.CharField(
        _("gugatan ke pengadilan"), max_length=10, choices=CourtChallenge.choices, blank=True
    )
    court_challenge_on = models.DateField(_("tanggal gugatan"), null=True, blank=True)
    court_challenge_note = models.TextField(_("catatan gugatan"), blank=True)

    closed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("sengketa informasi")
        verbose_name_plural = _("sengketa informasi")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=[choice.value for choice in Stage]),
                name="disputes_stage_valid",
            ),
            # A registered dispute has its KI number and its date together.
            models.CheckConstraint(
                condition=Q(registered_on__isnull=True) | ~Q(registration_number=""),
                name="disputes_registered_has_number",
            ),
            # A decision has its date and its outcome together.
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True, outcome="")
                | (Q(decided_on__isnull=False) & ~Q(outcome="")),
                name="disputes_decision_complete",
            ),
            # At most one open dispute per objection.
            models.UniqueConstraint(
                fields=["objection"],
                condition=Q(objection__isnull=False) & ~Q(stage="withdrawn"),
                name="disputes_one_per_objection",
            ),
        ]
        indexes = [models.Index(fields=["ppid_body", "stage"])]

    def __str__(self) -> str:
        if self.registration_number:
            return self.registration_number
        return gettext("Sengketa diajukan %(day)s (belum teregistrasi)") % {
            "day": self.filed_on.isoformat()
        }

    def get_absolute_url(self) -> str:
        return reverse("disputes:detail", kwargs={"public_id": self.public_id})

    def can_move_to(self, stage: str) -> bool:
        return stage in TRANSITIONS[self.stage]

    @property
    def is_pending(self) -> bool:
        return self.stage in PENDING_STAGES

    @property
    def is_external(self) -> bool:
        return self.objection_id is None and self.info_request_id is None

    @property
    def is_registered(self) -> bool:
        return self.registered_on is not None


class HearingKind(models.TextChoices):
    PRELIMINARY = "preliminary", _("Pemeriksaan awal")
    MEDIATION = "mediation", _("Sidang mediasi")
    ADJUDICATION = "adjudication", _("Sidang ajudikasi")
    VERDICT = "verdict", _("Pembacaan putusan")


class Hearing(models.Model):
    """A session at the Komisi Informasi: when, what, where, and (officers only) how it
    went."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="hearings")
    at = models.DateTimeField(_("waktu sidang"))
    kind = models.CharField(_("jenis sidang"), max_length=20, choices=HearingKind.choices)
    place = models.CharField(_("tempat"), max_length=300, blank=True)
    result = models.TextField(_("hasil sidang"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.local_at():%Y-%m-%d %H:%M}"

    def local_at(self) -> dt.datetime:
        """When the hearing is, in the PPID body's time zone."""
        return timezone.localtime(self.at, self.dispute.ppid_body.tzinfo)


class Release(models.Model):
    """Information released because of the dispute (the decision or the agreement)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="releases")
    released_on = models.DateField(_("tanggal diberikan"))
    description = models.TextField(_("informasi yang diberikan"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["released_on", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute} {self.released_on}"


class EventKind(models.TextChoices):
    RECORDED = "recorded", _("Sengketa dicatat")
    REGISTERED = "registered", _("Sengketa diregistrasi Komisi Informasi")
    STAGE_CHANGED = "stage_changed", _("Tahap sengketa berubah")
    HEARING_SCHEDULED = "hearing_scheduled", _("Sidang dijadwalkan")
    HEARING_RESULT = "hearing_result", _("Hasil sidang dicatat")
    MEDIATION_STARTED = "mediation_started", _("Mediasi dimulai")
    MEDIATION_EXTENDED = "mediation_extended", _("Mediasi diperpanjang")
    DECIDED = "decided", _("Putusan Komisi Informasi dicatat")
    COURT_CHALLENGE = "court_challenge", _("Gugatan ke pengadilan dicatat")
    RELEASED = "released", _("Pemberian informasi dicatat")
    WITHDRAWN = "withdrawn", _("Sengketa dicabut")
    CLOSED = "closed", _("Sengketa selesai")
    DATES_RECOMPUTED = "dates_recomputed", _("Batas waktu dihitung ulang")
    REMINDER_SENT = "reminder_sent", _("Pengingat dikirim")


# What a published request's public log shows of a dispute: where it went, never who.
PUBLIC_EVENT_KINDS = frozenset(
    {
        EventKind.RECORDED,
        EventKind.REGISTERED,
        EventKind.STAGE_CHANGED,
        EventKind.MEDIATION_STARTED,
        EventKind.DECIDED,
        EventKind.WITHDRAWN,
        EventKind.CLOSED,
    }
)


class Event(models.Model):
    """The dispute's timeline and the audit trail's source."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    old_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    new_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["dispute", "kind"])]

    def __str__(self) -> str:
        return f"{self.dispute} {self.kind}"
