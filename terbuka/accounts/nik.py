"""Validation of the NIK (Nomor Induk Kependudukan), DOMAIN.md "Personal data".

16 digits: province (2), regency/city (2), district (2), birth date DDMMYY with 40 added
to the day for women, serial (4, not 0000). ``stdnum.id.nik`` checks the format, the birth
date and the province code (from its list of the real 2-digit codes); we add the regency
and district rules (neither 00) and the serial rule and turn its errors into Indonesian messages a
requester understands. A valid format is not proof of identity.

The one rule: the request form, the request actions and the personal-data shield's
scanner (``shield/patterns.py``) all ask ``validate_nik`` or ``is_valid_nik``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.id import nik as stdnum_nik


def validate_nik(value: str) -> str:
    """Return the compact NIK or raise ``ValidationError`` with a message in the UI language."""
    compact = stdnum_nik.compact(value or "")
    if not compact.isdigit() or len(compact) != 16:
        raise ValidationError(
            _("NIK harus terdiri dari 16 angka (tertulis di KTP Anda)."), code="nik_length"
        )
    day, month = int(compact[6:8]), int(compact[8:10])
    if day > 40:
        day -= 40
    if not (1 <= month <= 12):
        raise ValidationError(
            _("Angka ke-9 dan ke-10 NIK adalah bulan lahir dan harus antara 01 dan 12."),
            code="nik_month",
        )
    if not (1 <= day <= 31):
        raise ValidationError(
            _("Angka ke-7 dan ke-8 NIK adalah tanggal lahir (01–31, atau 41–71 untuk perempuan)."),
            code="nik_day",
        )
    if compact[2:4] == "00" or compact[4:6] == "00":
        raise ValidationError(
            _(
                "Kode kabupaten/kota dan kecamatan pada NIK (angka ke-3 sampai ke-6) tidak boleh 00."
            ),
            code="nik_region",
        )
    if compact[12:] == "0000":
        raise ValidationError(_("Empat angka terakhir NIK tidak boleh 0000."), code="nik_serial")
    try:
        stdnum_nik.validate(compact)
    except stdnum_exceptions.InvalidComponent:
        raise ValidationError(
            _("Kode wilayah atau tanggal lahir pada NIK tidak dikenal. Periksa kembali KTP Anda."),
            code="nik_component",
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(_("NIK tidak valid. Periksa kembali KTP Anda."), code="nik") from None
    return compact


def is_valid_nik(value: str) -> bool:
    """Whether ``value`` is a NIK by the rules above (no message: for checks in bulk)."""
    try:
        validate_nik(value)
    except ValidationError:
        return False
    return True
