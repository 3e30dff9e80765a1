"""Public bodies (badan publik) as a tree, and the roles officers hold in them."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten")
    CITY = "city", _("Kota")
    AGENCY = "agency", _("Perangkat daerah")
    BUMD = "bumd", _("BUMD")
    OTHER = "other", _("Badan publik lain")


REGION_KINDS = (BodyKind.PROVINCE, BodyKind.REGENCY, BodyKind.CITY)


class TimeZoneName(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


class BodyQuerySet(models.QuerySet["Body"]):
    def active(self) -> BodyQuerySet:
        return self.filter(is_active=True)


class Body(models.Model):
    """A public body: a province, regency or city, one of their agencies, a BUMD, …

    A body either has its own PPID Utama (``has_own_ppid``) or is served as a PPID
    Pelaksana unit by the PPID Utama of the nearest ancestor that has one.
    """

    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=80, blank=True)
    code = models.CharField(
        _("kode"),
        max_length=40,
        unique=True,
        help_text=_("Kode singkat untuk nomor registrasi, mis. DISKOMINFOSANTIK."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    has_own_ppid = models.BooleanField(
        _("memiliki PPID Utama sendiri"),
        default=False,
        help_text=_(
            "Jika tidak, badan ini dilayani sebagai PPID Pelaksana oleh PPID Utama di atasnya."
        ),
    )
    address = models.TextField(_("alamat kantor"), blank=True)
    phone = models.CharField(_("telepon kantor"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail PPID"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    service_days = models.CharField(
        _("hari layanan"), max_length=100, blank=True, default="Senin–Jumat"
    )
    opens_at = models.TimeField(_("jam buka"), default=dt.time(8, 0))
    closes_at = models.TimeField(_("jam tutup"), default=dt.time(16, 0))
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=TimeZoneName.choices, default=TimeZoneName.WIB
    )
    after_hours_next_day = models.BooleanField(
        _("permohonan setelah jam layanan dihitung diterima hari kerja berikutnya"),
        default=True,
    )
    maklumat = models.TextField(_("maklumat pelayanan"), blank=True)
    sop = models.TextField(_("SOP layanan informasi"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("badan publik")
        verbose_name_plural = _("badan publik")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="bodies_body_not_own_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # A cycle in the tree would make every walk up it loop forever.
        seen = {self.pk} if self.pk else set()
        node = self.parent
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": _("Induk ini membuat lingkaran dalam pohon.")})
            seen.add(node.pk)
            node = node.parent
        if self.kind in REGION_KINDS and not self.has_own_ppid:
            # A region's own government always has a PPID Utama (Perki 1/2021).
            pass

    def ancestors(self) -> Iterator[Body]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def ppid_body(self) -> Body | None:
        """The body whose PPID Utama serves this one: itself or the nearest ancestor."""
        if self.has_own_ppid:
            return self
        for ancestor in self.ancestors():
            if ancestor.has_own_ppid:
                return ancestor
        return None

    @property
    def region(self) -> Body:
        """The province, regency or city this body belongs to (for grouping)."""
        if self.kind in REGION_KINDS:
            return self
        for ancestor in self.ancestors():
            if ancestor.kind in REGION_KINDS:
                return ancestor
        return self

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class RoleKind(models.TextChoices):
    ATASAN = "atasan", _("Atasan PPID")
    UTAMA = "utama", _("PPID Utama")
    PELAKSANA = "pelaksana", _("PPID Pelaksana")
    OPERATOR = "operator", _("Operator / petugas layanan")
    DPO = "dpo", _("Pejabat pelindungan data pribadi")


class RoleQuerySet(models.QuerySet["Role"]):
    def held_in(
        self, bodies: Body | int | Iterable[Body | int], kinds: Iterable[str]
    ) -> RoleQuerySet:
        """Roles of these kinds in this body (or these bodies) held by active accounts: the
        one answer to "the officers of this body with this role" (issue 8)."""
        if isinstance(bodies, (Body, int)):
            bodies = [bodies]
        return self.filter(body__in=list(bodies), kind__in=list(kinds), user__is_active=True)

    def addresses(self) -> list[str]:
        """The holders' e-mail addresses, each once, sorted; accounts without one left out."""
        emails = self.exclude(user__email="").values_list("user__email", flat=True)
        return sorted(set(emails))


class Role(models.Model):
    """An officer's role in one body. Platform administrators are superusers instead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("petugas"),
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="roles", verbose_name=_("badan publik")
    )
    kind = models.CharField(_("peran"), max_length=20, choices=RoleKind.choices)
    position = models.CharField(
        _("jabatan"), max_length=200, blank=True, help_text=_("mis. Sekretaris Daerah")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("peran petugas")
        verbose_name_plural = _("peran petugas")
        constraints = [
            models.UniqueConstraint(fields=["user", "body", "kind"], name="bodies_role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} {self.body}"
