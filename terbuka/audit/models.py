"""The audit trail: who did what to which object, when, and from where.

The records form a hash chain: each row stores the hash of the previous row and a hash of
its own content with that previous hash. Altering, inserting or deleting a row breaks the
chain at that row (``terbuka.audit.chain.verify``). ``seq`` is gapless, so a deleted row
shows as a gap even where someone recomputed the hashes after it without the key… the
chain is keyless by design (anyone can verify it), so an attacker who can rewrite the
whole table after a point can forge it: anchor the head hash outside the database
(``verify_audit`` prints it; ship it to the logs) to make that detectable too.

Append-only for the application: the model refuses updates and deletes, and database
triggers refuse them for any SQL the application sends (migration 0002).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit record."""


class AuditRecordQuerySet(models.QuerySet["AuditRecord"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit records cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit records cannot be deleted.")


class AuditRecord(models.Model):
    """One row per recorded action. Never updated, never deleted by the application."""

    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(_("waktu"), db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    # The actor's username at the time, so the record stays readable if the account goes.
    actor_label = models.CharField(_("nama pelaku"), max_length=150, blank=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    # Structured detail; must never carry personal data (NIK, address, contact).
    detail = models.JSONField(_("rincian"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    row_hash = models.CharField(max_length=64, editable=False)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit records cannot be deleted.")


class AuditHead(models.Model):
    """The chain's head (a single row, id 1), locked by every writer so that two
    concurrent actions never link to the same previous row."""

    seq = models.PositiveBigIntegerField(default=0)
    row_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"#{self.seq} {self.row_hash[:12]}"
