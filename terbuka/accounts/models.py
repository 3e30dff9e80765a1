"""Users: requesters (pemohon) who register themselves, and officers created by admins."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from terbuka import crypto
from terbuka.accounts import duties
from terbuka.fields import EncryptedTextField


class User(AbstractUser):
    """One account for everyone; what a user may do comes from ``bodies.Role`` rows."""

    email = models.EmailField(_("alamat e-mail"), blank=True)
    email_verified = models.BooleanField(_("e-mail terverifikasi"), default=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
                violation_error_message=_("Alamat e-mail ini sudah terdaftar."),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def must_verify_email(self) -> bool:
        """Self-registered requesters prove their address before they may log in.

        Officers and staff are created by administrators, who vouch for their address.
        """
        return not self.email_verified and not duties.has_official_duties(self)


def mask_nik(nik: str) -> str:
    if not nik:
        return ""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


class RequesterType(models.TextChoices):
    """UU 14/2008 Pasal 1 angka 12: a citizen, a legal entity or a group of people."""

    INDIVIDUAL = "individual", _("Perorangan")
    LEGAL_ENTITY = "legal_entity", _("Badan hukum")
    GROUP = "group", _("Kelompok orang")


class RequesterProfile(models.Model):
    """The identity a requester gives (Pasal 22(2); Perki 1/2021 form fields).

    NIK, address and phone are personal data: encrypted at rest. ``nik_hash`` is a keyed
    hash so that the same NIK can be found without decrypting every row.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="requester_profile")
    requester_type = models.CharField(
        _("jenis pemohon"),
        max_length=20,
        choices=RequesterType.choices,
        default=RequesterType.INDIVIDUAL,
    )
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    nik = EncryptedTextField(_("NIK"), blank=True)
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    legal_entity_decree = models.CharField(
        _("nomor SK pengesahan badan hukum"), max_length=200, blank=True
    )
    address = EncryptedTextField(_("alamat"), blank=True)
    phone = EncryptedTextField(_("nomor telepon"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil pemohon")
        verbose_name_plural = _("profil pemohon")

    def __str__(self) -> str:
        return self.full_name

    def set_nik(self, nik: str) -> None:
        self.nik = nik
        self.nik_hash = crypto.keyed_hash(nik) if nik else ""

    @property
    def masked_nik(self) -> str:
        """The NIK as shown to its owner: region code and serial only (``6271********0001``)."""
        return mask_nik(self.nik)

    @property
    def is_complete(self) -> bool:
        """Whether the identity the law asks for is all there (Pasal 22(2))."""
        if not (self.full_name and self.address and (self.phone or self.user.email)):
            return False
        if self.requester_type == RequesterType.INDIVIDUAL:
            return bool(self.nik)
        if self.requester_type == RequesterType.LEGAL_ENTITY:
            return bool(self.legal_entity_decree)
        return True
