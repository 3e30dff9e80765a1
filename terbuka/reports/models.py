"""The annual report on the information service (laporan layanan informasi publik, Perki
1/2021 Pasal 56), one per body and year, in versions.

A version is a draft while the PPID writes its narrative (the figures are then computed
live from the statistics); finalised, it keeps the figures as they were that day
(``figures``, a snapshot) and never changes again: a correction is a new version, a draft
copied from the last final one. Every change goes through ``terbuka.reports.actions``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")


# The narrative sections the PPID writes, in the order of the report (Perki 1/2021 Pasal 56).
NARRATIVE_FIELDS = ("service_policy", "facilities", "obstacles", "recommendations")


class AnnualReport(models.Model):
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("badan publik"),
    )
    year = models.PositiveIntegerField(_("tahun"))
    version = models.PositiveIntegerField(_("versi"), default=1)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    service_policy = models.TextField(_("Kebijakan pelayanan informasi publik"), blank=True)
    facilities = models.TextField(
        _("Pelaksanaan layanan: sarana dan prasarana, sumber daya manusia, anggaran"),
        blank=True,
    )
    obstacles = models.TextField(_("Kendala internal dan eksternal"), blank=True)
    recommendations = models.TextField(_("Rekomendasi dan rencana tindak lanjut"), blank=True)
    # The figures as they were on finalisation (``reports.annual.snapshot``); empty for a draft.
    figures = models.JSONField(_("angka"), default=dict, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    finalised_at = models.DateTimeField(_("difinalkan"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("difinalkan oleh"),
    )
    entry = models.ForeignKey(
        "catalog.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entri DIP"),
    )

    class Meta:
        verbose_name = _("laporan tahunan")
        verbose_name_plural = _("laporan tahunan")
        ordering = ("body__name", "-year", "-version")
        constraints = [
            models.UniqueConstraint(
                fields=("body", "year", "version"), name="annual_report_one_per_version"
            ),
            models.UniqueConstraint(
                fields=("body", "year"),
                condition=Q(status="draft"),
                name="annual_report_one_open_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year} v{self.version}"

    @property
    def is_final(self) -> bool:
        return self.status == Status.FINAL


class AnnualReminder(models.Model):
    """A reminder sent about ``body``'s report for ``year`` in the week starting
    ``week_of`` (a Monday): at most one a week per body (``reports.reminders``)."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    week_of = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("body", "year", "week_of"), name="annual_reminder_once_a_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.year} {self.week_of}"
