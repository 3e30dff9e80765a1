"""Where a document stands with the personal-data shield, the same for a DIP document
version and a file released in a request (both models inherit ``Shielded``).

Only ``CLEAR`` (scanned, nothing found) and ``CONFIRMED`` (an officer looked at the
findings and confirmed, with a reason, that it may go out) are public. Pending, held and
unreadable documents are not: the public sees nothing of them, officers see why.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShieldState(models.TextChoices):
    PENDING = "pending", _("Sedang diperiksa")
    CLEAR = "clear", _("Bersih: tidak ada data pribadi ditemukan")
    HELD = "held", _("Ditahan: ada temuan data pribadi")
    FAILED = "failed", _("Ditahan: tidak dapat diperiksa otomatis")
    CONFIRMED = "confirmed", _("Diizinkan terbit oleh petugas")


PUBLIC_STATES = (ShieldState.CLEAR, ShieldState.CONFIRMED)
# What an officer may confirm: a document with findings, or one the scanner could not read.
CONFIRMABLE_STATES = (ShieldState.HELD, ShieldState.FAILED)


class Shielded(models.Model):
    shield_state = models.CharField(
        _("pemeriksaan data pribadi"),
        max_length=12,
        choices=ShieldState.choices,
        default=ShieldState.PENDING,
        db_index=True,
    )
    # The findings: kind, page, box (fractions of the displayed page), masked excerpt.
    shield_findings = models.JSONField(default=list, blank=True)
    shield_checked_at = models.DateTimeField(null=True, blank=True)
    # Why the scan failed, or the officer's reason for letting the document out.
    shield_note = models.TextField(blank=True)
    shield_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shield_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_shield_public(self) -> bool:
        return self.shield_state in PUBLIC_STATES

    @property
    def is_held(self) -> bool:
        return self.shield_state in CONFIRMABLE_STATES


def public_filter(prefix: str = "") -> dict[str, Any]:
    """A queryset filter for the documents the shield lets out."""
    return {f"{prefix}shield_state__in": PUBLIC_STATES}
