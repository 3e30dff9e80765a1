"""Public bodies (badan publik) as a tree, and the roles officers hold in them."""

from __future__ import annotations

import base64
import datetime as dt
import zoneinfo
from collections.abc import Iterable

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
    # The body's own logo: on its public page and on the letterhead of its letters.
    logo = models.FileField(
        _("logo"),
        upload_to="logos/",
        max_length=300,
        blank=True,
        help_text=_(
            "PNG atau JPEG, paling besar 512 KB; tampil di halaman badan publik dan kop surat."
        ),
    )
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

    @property
    def logo_content_type(self) -> str:
        return "image/png" if self.logo.name.lower().endswith(".png") else "image/jpeg"

    def logo_data_uri(self) -> str:
        """The logo inlined for a PDF letterhead (WeasyPrint loads no file or URL), or ""."""
        if not self.logo:
            return ""
        with self.logo.open("rb") as handle:
            data = base64.b64encode(handle.read()).decode("ascii")
        return f"data:{self.logo_content_type};base64,{data}"

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

    def ancestors(self) -> list[Body]:
        """The chain of parents, nearest first: one query, or none when the parents are
        loaded already (``link_parents``). The loaded parents are linked to this object,
        so walking up again costs nothing."""
        chain: list[Body] = []
        node = self
        while node.parent_id is not None and Body.parent.is_cached(node):
            parent = node.parent
            assert parent is not None
            chain.append(parent)
            node = parent
            if len(chain) > TREE_MAX_DEPTH:
                return chain
        if node.parent_id is None:
            return chain
        rest = list(Body.objects.raw(_ANCESTORS_SQL, [node.pk, TREE_MAX_DEPTH]))
        for parent in rest:
            node.parent = parent
            node = parent
        return chain + rest

    @property
    def ppid_body(self) -> Body | None:
        """The body whose PPID Utama serves this one: itself or the nearest ancestor with
        its own PPID. Cached on the object."""
        if self.has_own_ppid:
            return self
        cached = self.__dict__.get("_ppid_body", _UNSET)
        if cached is _UNSET:
            cached = next((node for node in self.ancestors() if node.has_own_ppid), None)
            self.__dict__["_ppid_body"] = cached
        return cached

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


# --- Walking the tree -------------------------------------------------------------------
# A province hub is a tree several levels deep (province → agency → bureau …). Walking it
# one ``parent`` at a time costs a query per level; these walks ask the database once,
# with a recursive common table expression (SQLite and PostgreSQL both have it). They go
# through inactive bodies (an inactive bureau still belongs to its agency); callers that
# list bodies to people filter on ``is_active``. The depth is capped so that a cycle
# written past ``Body.clean`` (raw SQL, a bad fixture) cannot loop forever.

TREE_MAX_DEPTH = 64
_UNSET = object()
_TABLE = Body._meta.db_table

_ANCESTORS_SQL = f"""
    WITH RECURSIVE up(id, depth) AS (
        SELECT parent_id, 1 FROM {_TABLE} WHERE id = %s AND parent_id IS NOT NULL
        UNION ALL
        SELECT b.parent_id, up.depth + 1 FROM {_TABLE} b JOIN up ON b.id = up.id
        WHERE b.parent_id IS NOT NULL AND up.depth < %s
    )
    SELECT {_TABLE}.* FROM {_TABLE} JOIN up ON {_TABLE}.id = up.id ORDER BY up.depth
"""  # noqa: S608 — the table name is ours, every value is a parameter


def _below(root_ids: Iterable[int], *, stop_at_own_ppid: bool) -> list[Body]:
    roots = sorted(set(root_ids))
    if not roots:
        return []
    marks = ", ".join(["%s"] * len(roots))
    stop = " AND has_own_ppid = %s" if stop_at_own_ppid else ""
    stop_b = " AND b.has_own_ppid = %s" if stop_at_own_ppid else ""
    sql = f"""
        WITH RECURSIVE down(id, depth) AS (
            SELECT id, 1 FROM {_TABLE} WHERE parent_id IN ({marks}){stop}
            UNION ALL
            SELECT b.id, down.depth + 1 FROM {_TABLE} b JOIN down ON b.parent_id = down.id
            WHERE down.depth < %s{stop_b}
        )
        SELECT {_TABLE}.* FROM {_TABLE}
        WHERE {_TABLE}.id IN (SELECT id FROM down)
        ORDER BY {_TABLE}.name, {_TABLE}.id
    """  # noqa: S608 — the table name is ours, every value is a parameter
    params: list[object] = [*roots]
    if stop_at_own_ppid:
        params.append(False)
    params.append(TREE_MAX_DEPTH)
    if stop_at_own_ppid:
        params.append(False)
    return [body for body in Body.objects.raw(sql, params) if body.pk not in roots]


def served_by(ppid_bodies: Iterable[Body]) -> list[Body]:
    """The PPID Pelaksana units these PPID bodies serve (not the bodies themselves): the
    bodies below them reached without passing another body with its own PPID. Sorted by
    name; one query whatever the depth. A body without its own PPID serves nobody."""
    return _below((body.pk for body in ppid_bodies if body.has_own_ppid), stop_at_own_ppid=True)


def subtree(body: Body) -> list[Body]:
    """Every body below ``body`` (not ``body`` itself), sorted by name: one query."""
    return _below([body.pk], stop_at_own_ppid=False)


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
    nip = models.CharField(
        _("NIP"),
        max_length=30,
        blank=True,
        help_text=_("Nomor Induk Pegawai, dicetak di bawah tanda tangan pada surat."),
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


class TreeStamp(models.Model):
    """One row whose ``stamp`` the database itself gives a new random value whenever a
    statement inserts, changes or deletes bodies (triggers installed by
    ``bodies.tree.install_stamp_triggers``), in the same transaction as the change. A
    process compares it with the stamp of its copy of the tree (``bodies.tree.snapshot``)
    instead of re-reading every body on every request. No row (after a flush) means
    "unknown": the bodies are read and compared."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    stamp = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("cap pohon badan publik")
        verbose_name_plural = _("cap pohon badan publik")

    def __str__(self) -> str:
        return self.stamp
