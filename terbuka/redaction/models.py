"""The record of each redaction: what was blacked out, on which ground, by whom, and the
hashes of the original and of the result (issue 12; UU 14/2008 Pasal 22(7)e asks the
written notice to list what was blacked out and why)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.redaction.engine import Area


class Redaction(models.Model):
    """One application of areas to a file being prepared for release: a request's draft
    (``source`` → ``result``, new RequestFile) or a DIP document's latest version
    (``source_version`` → ``result_version``, new DocumentVersion). The original stays
    private to the officers: a request's draft is never released (``notice.py``), a DIP
    version's file is set aside (``catalog.actions.set_version_aside``) and kept here as
    ``original_file``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(
        "requests.RequestFile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("berkas asli"),
    )
    result = models.OneToOneField(
        "requests.RequestFile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redaction",
        verbose_name=_("berkas hasil penghitaman"),
    )
    source_version = models.ForeignKey(
        "catalog.DocumentVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versi asli"),
    )
    result_version = models.OneToOneField(
        "catalog.DocumentVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redaction",
        verbose_name=_("versi hasil penghitaman"),
    )
    # The set-aside original of a DIP version: served only to its body's officers.
    original_file = models.FileField(max_length=300, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    original_content_type = models.CharField(max_length=100, blank=True)
    # Each area as engine.Area.as_dict(): page, fractions of the displayed page, ground.
    areas = models.JSONField(default=list)
    source_sha256 = models.CharField(max_length=64)
    result_sha256 = models.CharField(max_length=64)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("penghitaman")
        verbose_name_plural = _("penghitaman")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        source__isnull=False,
                        result__isnull=False,
                        source_version__isnull=True,
                        result_version__isnull=True,
                    )
                    | models.Q(
                        source__isnull=True,
                        result__isnull=True,
                        source_version__isnull=False,
                        result_version__isnull=False,
                    )
                ),
                name="redaction_one_kind_of_file",
            )
        ]

    def __str__(self) -> str:
        return str(self.result or self.result_version)

    def area_list(self) -> list[Area]:
        return [Area.from_dict(item) for item in self.areas]

    def by_ground(self) -> list[tuple[str, list[int]]]:
        """Each ground with the pages it blacked out, in the law's order."""
        pages: dict[str, set[int]] = {}
        for area in self.area_list():
            pages.setdefault(area.ground, set()).add(area.page)
        order = [code for code, _label in law.ground_choices()]
        return [
            (code, sorted(pages[code]))
            for code in sorted(pages, key=lambda c: order.index(c) if c in order else len(order))
        ]
