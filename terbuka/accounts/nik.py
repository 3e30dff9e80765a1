"""Validation of the NIK (Nomor Induk Kependudukan), DOMAIN.md "Personal data".

16 digits: province (2), regency/city (2), district (2), birth date DDMMYY with 40 added
to the day for women, serial (4, not 0000). ``stdnum.id.nik`` checks the birth date; the
province code must be one of ``PROVINCE_CODES`` (python-stdnum 2.2's list lacks Kalimantan
Utara, 65, and the Papua provinces formed since 2022, so a resident of Tarakan could not
submit a request); we add the regency and district rules (neither 00) and the serial
rule, and turn the errors into Indonesian messages a requester understands. A valid
format is not proof of identity.

The one rule: the request form, the request actions and the personal-data shield's
scanner (``shield/patterns.py``) all ask ``validate_nik`` or ``is_valid_nik``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.id import nik as stdnum_nik

# The 2-digit province codes of Kemendagri's list of regions (Kepmendagri
# 100.1.1-6117/2022): Sumatra, Java, Bali and Nusa Tenggara, Kalimantan (with Kalimantan
# Utara, 65), Sulawesi, Maluku, and Papua with the provinces formed in 2022 (91–97).
PROVINCE_CODES = frozenset(
    {
        *("11", "12", "13", "14", "15", "16", "17", "18", "19", "21"),
        *("31", "32", "33", "34", "35", "36", "51", "52", "53"),
        *("61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82"),
        *("91", "92", "93", "94", "95", "96", "97"),
    }
)


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
    if compact[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _(
                "Kode provinsi pada NIK (dua angka pertama) tidak dikenal. Periksa kembali KTP Anda."
            ),
            code="nik_province",
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
        stdnum_nik.get_birth_date(compact)
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _(
                "Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak ada. Periksa kembali KTP Anda."
            ),
            code="nik_component",
        ) from None
    return compact


def is_valid_nik(value: str) -> bool:
    """Whether ``value`` is a NIK by the rules above (no message: for checks in bulk)."""
    try:
        validate_nik(value)
    except ValidationError:
        return False
    return True
