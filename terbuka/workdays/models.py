"""The working-day calendar as data: holidays imported from ``holidays``, edited by admins."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    NATIONAL = "national", _("Hari libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    REGIONAL = "regional", _("Hari libur daerah")
    ELECTION = "election", _("Hari pemungutan suara")
    EXTRA = "extra", _("Hari libur tambahan (keputusan)")


class Source(models.TextChoices):
    IMPORTED = "imported", _("Diimpor dari pustaka holidays")
    MANUAL = "manual", _("Ditambahkan administrator")


class CalendarDay(models.Model):
    """A day that is off for everyone or (with ``body``) for one body, or, with
    ``is_day_off=False``, a body's override that keeps a holiday a working day there.

    Removing an imported holiday keeps the row with ``is_active=False`` so that a later
    import does not bring it back. Saturdays and Sundays are always off: no row can make
    them working days.
    """

    date = models.DateField(_("tanggal"), db_index=True)
    name = models.CharField(_("keterangan"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=DayKind.choices)
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        verbose_name=_("khusus badan publik"),
        help_text=_("Kosongkan untuk hari libur yang berlaku bagi semua badan publik."),
    )
    is_day_off = models.BooleanField(
        _("bukan hari kerja"),
        default=True,
        help_text=_(
            "Hapus centang untuk menjadikan tanggal ini tetap hari kerja bagi badan publik"
            " tertentu (mis. hari libur daerah lain yang tidak berlaku di sini)."
        ),
    )
    source = models.CharField(
        _("sumber"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    is_active = models.BooleanField(
        _("berlaku"),
        default=True,
        help_text=_("Hari yang dihapus tetap disimpan sebagai riwayat dan tidak diimpor ulang."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("terakhir diubah"), auto_now=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]
        # One row per date and kind for each body, and one for the national calendar.
        # Two partial constraints instead of ``nulls_distinct=False``, which SQLite lacks.
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind", "body"],
                condition=models.Q(body__isnull=False),
                name="workdays_day_unique_per_body",
            ),
            models.UniqueConstraint(
                fields=["date", "kind"],
                condition=models.Q(body__isnull=True),
                name="workdays_day_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    def clean(self) -> None:
        if self.date and self.date.weekday() >= 5 and not self.is_day_off:
            raise ValidationError(
                {
                    "date": _(
                        "Tanggal ini jatuh pada hari Sabtu atau Minggu, yang selalu bukan hari"
                        " kerja. Aturan akhir pekan tidak dapat diubah."
                    )
                }
            )
        if not self.is_day_off and self.body_id is None:
            raise ValidationError(
                {
                    "body": _(
                        "Pengecualian hari kerja hanya dapat dibuat untuk badan publik tertentu."
                    )
                }
            )


class CalendarSettings(models.Model):
    """Platform-wide calendar switches (a single row, id 1)."""

    cuti_bersama_is_day_off = models.BooleanField(
        _("cuti bersama dihitung bukan hari kerja"),
        default=True,
        help_text=_("Praktik umum: cuti bersama tidak dihitung sebagai hari kerja."),
    )
    # A new random value at every calendar change (``calendar.changed``): processes that
    # keep a calendar in memory compare it to know theirs is current. Random, not a
    # counter, so that a rolled-back change's value is never seen again.
    version = models.BigIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("terakhir diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan kalender")
        verbose_name_plural = _("pengaturan kalender")

    def __str__(self) -> str:
        return str(_("Pengaturan kalender"))

    @classmethod
    def load(cls) -> CalendarSettings:
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj
