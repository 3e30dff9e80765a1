"""The Komisi Informasi's yearly monitoring and evaluation (monev, Perki 1/2022) as the
body answers it: the self-assessment questionnaire (SAQ) kept as data, and each body's
assessment of a year with its answers and evidence.

- ``Questionnaire`` (one per year) holds the KI's indicators, each with its weight, and the
  weights of the SAQ and of the verification/visit in the final score (e.g. KI Kaltim: SAQ
  80 + visit 20). One installation answers one Komisi Informasi (the province's), so the
  year is the key. The administrator copies a year to the next and edits it
  (``actions.copy_questionnaire``).
- ``Question``: hierarchical codes as the KI numbers them (1.0.0.0 / 1.1.0.0 / 1.1.1.1),
  with the parent kept; a heading carries no answer. A ``prefill_key`` names the function in
  ``monev.prefill`` that answers it from Terbuka's own data.
- ``Assessment``: per body, year and revision; a draft while the PPID fills it, submitted
  (immutable; its score kept as it was that day); a correction is a new revision copied
  from the last submitted one. Every change goes through ``monev.actions``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Questionnaire(models.Model):
    year = models.PositiveIntegerField(_("tahun"), unique=True)
    title = models.CharField(_("judul"), max_length=200)
    commission = models.CharField(
        _("Komisi Informasi"),
        max_length=200,
        help_text=_("Komisi Informasi yang menilai, mis. Komisi Informasi Provinsi."),
    )
    saq_weight = models.DecimalField(
        _("bobot SAQ (%)"), max_digits=5, decimal_places=2, default=100, validators=PERCENT
    )
    visit_weight = models.DecimalField(
        _("bobot verifikasi/visitasi (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=PERCENT,
        help_text=_("Bobot SAQ dan bobot visitasi berjumlah 100."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kuesioner monev")
        verbose_name_plural = _("kuesioner monev")
        ordering = ("-year",)
        constraints = [
            models.CheckConstraint(
                condition=Q(saq_weight__gte=0)
                & Q(visit_weight__gte=0)
                & Q(saq_weight__lte=100)
                & Q(visit_weight__lte=100),
                name="monev_questionnaire_weights_are_percentages",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class Indicator(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="indicators"
    )
    number = models.PositiveIntegerField(_("nomor"))
    name = models.CharField(_("nama indikator"), max_length=200)
    weight = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2, validators=PERCENT)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ("questionnaire", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("questionnaire", "number"), name="monev_indicator_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Kind(models.TextChoices):
    HEADING = "heading", _("Judul kelompok (tanpa jawaban)")
    YES_NO = "yes_no", _("Ya/tidak")
    CHOICE = "choice", _("Pilihan dengan skor")
    NUMBER = "number", _("Angka")
    PERCENT = "percent", _("Persentase")


class Question(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(
        _("kode"), max_length=20, help_text=_("Nomor bertingkat, mis. 1.1.0.0 atau 1.1.1.1.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)
    text = models.TextField(_("pertanyaan"))
    help = models.TextField(_("petunjuk"), blank=True)
    kind = models.CharField(_("jenis jawaban"), max_length=10, choices=Kind.choices)
    weight = models.DecimalField(
        _("bobot dalam indikator"), max_digits=6, decimal_places=2, default=1
    )
    # For a number: the value that earns full credit; ``lower_is_better`` for a time taken.
    target = models.DecimalField(
        _("target angka"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Untuk jawaban angka: nilai yang mendapat skor penuh. Bila makin kecil makin baik,"
            " skor penuh bila paling banyak sebesar target, selain itu nol; bila makin besar"
            " makin baik, skor sebanding sampai target."
        ),
    )
    lower_is_better = models.BooleanField(_("makin kecil makin baik"), default=False)
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    evidence_required = models.BooleanField(_("wajib bukti"), default=False)
    prefill_key = models.CharField(
        _("isian otomatis"),
        max_length=40,
        blank=True,
        help_text=_("Sumber data Terbuka yang mengisi jawaban ini lebih dulu."),
    )

    class Meta:
        verbose_name = _("pertanyaan")
        verbose_name_plural = _("pertanyaan")
        ordering = ("indicator__number", "order", "code")
        constraints = [
            models.UniqueConstraint(fields=("indicator", "code"), name="monev_question_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    @property
    def is_heading(self) -> bool:
        return self.kind == Kind.HEADING

    @property
    def depth(self) -> int:
        """0 for 1.0.0.0, 1 for 1.1.0.0, 2 for 1.1.1.0 …: how far to indent it."""
        parts = self.code.split(".")
        while len(parts) > 1 and parts[-1] == "0":
            parts.pop()
        return len(parts) - 1


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveIntegerField(_("urutan"), default=0)
    label = models.CharField(_("pilihan"), max_length=300)
    score = models.DecimalField(
        _("skor (% dari bobot pertanyaan)"), max_digits=5, decimal_places=2, validators=PERCENT
    )

    class Meta:
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")
        ordering = ("question", "order", "pk")

    def __str__(self) -> str:
        return self.label


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Dikirim")


class Assessment(models.Model):
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="monev_assessments",
        verbose_name=_("badan publik"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveIntegerField(_("tahun"))
    revision = models.PositiveIntegerField(_("revisi"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Kept on submission (``scoring.snapshot``): the SAQ score and each indicator's.
    saq_score = models.DecimalField(
        _("nilai SAQ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    scores = models.JSONField(_("nilai per indikator"), default=dict, blank=True)
    visit_score = models.DecimalField(
        _("nilai verifikasi/visitasi"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    visit_entered_at = models.DateTimeField(null=True, blank=True)
    visit_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )

    class Meta:
        verbose_name = _("penilaian mandiri monev")
        verbose_name_plural = _("penilaian mandiri monev")
        ordering = ("body__name", "-year", "-revision")
        constraints = [
            models.UniqueConstraint(
                fields=("body", "year", "revision"), name="monev_assessment_one_per_revision"
            ),
            models.UniqueConstraint(
                fields=("body", "year"),
                condition=Q(status="draft"),
                name="monev_assessment_one_open_draft",
            ),
        ]
        indexes = [models.Index(fields=("year", "body", "revision"))]

    def __str__(self) -> str:
        return f"{self.body} {self.year} r{self.revision}"

    @property
    def is_submitted(self) -> bool:
        return self.status == Status.SUBMITTED


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    yes = models.BooleanField(_("ya/tidak"), null=True, blank=True)
    option = models.ForeignKey(
        Option, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number = models.DecimalField(_("angka"), max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    # What Terbuka filled in (``monev.prefill``), as text comparable to ``value_text``, and
    # where it came from; an officer who answers otherwise says why.
    prefill_value = models.CharField(max_length=40, blank=True)
    prefill_source = models.TextField(_("sumber isian otomatis"), blank=True)
    override_reason = models.TextField(_("alasan mengubah isian otomatis"), blank=True)
    evidence_entry = models.ForeignKey(
        "catalog.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bukti: entri DIP"),
    )
    evidence_file = models.FileField(upload_to="monev/", max_length=300, blank=True)
    evidence_name = models.CharField(_("nama berkas bukti"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=("assessment", "question"), name="monev_answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.question.code}"

    def value_text(self) -> str:
        """The answer as text: "ya"/"tidak", the option's id, the number; "" if none."""
        if self.yes is not None:
            return "ya" if self.yes else "tidak"
        if self.option_id is not None:
            return str(self.option_id)
        if self.number is not None:
            return format(self.number.normalize(), "f")
        return ""

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_entry_id or self.evidence_file)

    @property
    def overrides_prefill(self) -> bool:
        return bool(self.prefill_value) and self.value_text() != self.prefill_value
