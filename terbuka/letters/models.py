"""The register of letters Terbuka issued, behind ``/verifikasi/<code>/``.

Nothing personal about the requester is kept here: the register is what the public
verification page shows (the letter's number, date, body, signer and hash).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    NOTICE = "notice", _("Pemberitahuan tertulis")
    OBJECTION_RECEIPT = "objection_receipt", _("Tanda terima keberatan")
    OBJECTION_ANSWER = "objection_answer", _("Tanggapan atas keberatan")


class IssuedLetter(models.Model):
    code = models.CharField(_("kode verifikasi"), max_length=16, unique=True)
    # What the letter is of, e.g. ``notice:<request public id>``: one letter per subject,
    # so a letter rendered on download is issued once and served as issued afterwards.
    subject = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("jenis surat"), max_length=30, choices=LetterKind.choices)
    number = models.CharField(_("nomor"), max_length=100)
    date = models.DateField(_("tanggal"))
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("badan publik"),
    )
    signer_name = models.CharField(_("penanda tangan"), max_length=200, blank=True)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    signer_position = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_signed = models.BooleanField(_("bertanda tangan elektronik"), default=False)
    # The SHA-256 of the signing certificate (DER): the verification page accepts only a
    # signature made with this body's certificate, also after the body rotated it.
    certificate_sha256 = models.CharField(max_length=64, blank=True)
    # The issued bytes of letters rendered on download (objection letters); the written
    # notice is kept as the request's letter file instead.
    file = models.FileField(upload_to="letters/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("surat yang diterbitkan")
        verbose_name_plural = _("surat yang diterbitkan")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))
