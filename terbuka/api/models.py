"""Tokens of the open API (issue 15): partner systems' tokens and requesters' personal ones.

Only a hash of each token is stored (SHA-256 of 32 random bytes: a token is not a password
that people choose, so a slow hash adds nothing); the prefix identifies it in the admin and
the audit trail. A token acts as the account it was issued for, and only for the bodies and
the permissions named on it: both must allow a call.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenQuerySet(models.QuerySet[Any]):
    def usable(self, now: dt.datetime | None = None) -> TokenQuerySet:
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class Token(models.Model):
    """What every API token has, partner's or personal (``tokens.py`` makes the secret):
    its hash and a prefix to recognise it by, when it was made, when it expires, whether it
    was revoked and when it was last used."""

    prefix = models.CharField(_("awalan"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(
        _("terakhir dipakai"), null=True, blank=True, editable=False
    )

    objects = TokenQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"  # type: ignore[attr-defined]

    def is_usable(self, now: dt.datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class ApiToken(Token):
    name = models.CharField(
        _("nama"), max_length=120, help_text=_("Sistem mitra yang memakai token ini.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("akun"),
        help_text=_("Token bertindak sebagai akun ini; perannya harus mengizinkan setiap izin."),
    )
    bodies = models.ManyToManyField(
        "bodies.Body", related_name="api_tokens", verbose_name=_("badan publik")
    )
    can_submit_requests = models.BooleanField(
        _("mengajukan permohonan atas nama pemohon"), default=False
    )
    can_read_status = models.BooleanField(
        _("membaca status permohonan yang diajukannya"), default=False
    )
    can_push_dip = models.BooleanField(_("mengirim entri DIP"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]


class Submission(models.Model):
    """A request a partner submitted with a token: what "its own submissions" are."""

    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="submissions")
    info_request = models.OneToOneField(
        "requests.InfoRequest", on_delete=models.CASCADE, related_name="api_submission"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("permohonan melalui API")
        verbose_name_plural = _("permohonan melalui API")

    def __str__(self) -> str:
        return f"{self.token} → {self.info_request_id}"


class PersonalToken(Token):
    """A requester's own token (issue 15): it reads his requests through ``/api/v1/me/``
    as his session does, and nothing else. He makes and revokes it himself; like a
    partner's token, only its hash is stored and it is shown once. His tokens go with his
    account (and are revoked when an erasure closes it: ``api.actions``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_tokens",
        verbose_name=_("akun"),
    )
    name = models.CharField(
        _("nama"), max_length=80, help_text=_("Untuk apa token ini, misalnya “Aplikasi ponsel”.")
    )

    class Meta:
        verbose_name = _("token API pribadi")
        verbose_name_plural = _("token API pribadi")
        ordering = ["-created_at", "-pk"]

    def state(self, now: dt.datetime | None = None) -> str:
        """What the owner reads in his list: active, revoked or expired."""
        if self.revoked_at is not None:
            return str(_("dicabut"))
        if self.expires_at <= (now or timezone.now()):
            return str(_("kedaluwarsa"))
        return str(_("aktif"))
