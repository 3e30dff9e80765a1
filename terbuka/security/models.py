"""Counters for rate limits on public forms, kept in the database so that several app
processes share them (no cache server needed in the embedded mode)."""

from __future__ import annotations

from django.db import models


class RateLimitCounter(models.Model):
    """Hits of one key (e.g. ``request-form:ip:203.0.113.7``) in one fixed time window."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"], name="security_ratelimit_unique"
            )
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M} {self.hits}"
