"""What the shield recognises in a line of text, and what it leaves alone."""

from __future__ import annotations

import pytest

from terbuka.accounts.nik import is_valid_nik
from terbuka.shield.patterns import Kind, find, is_kk_number, mask


def kinds(line: str, context: str = "") -> list[tuple[str, str]]:
    return [(match.kind, match.value) for match in find(line, context)]


@pytest.mark.parametrize(
    ("nik", "valid", "why"),
    [
        ("6271010505850002", True, "a man born 5 May 1985 in Kota Palangka Raya"),
        ("6271014101900001", True, "a woman: 40 added to the day (born the 1st)"),
        ("6271017101900001", True, "a woman born the 31st (71)"),
        ("3171011708450001", True, "Jakarta Pusat"),
        ("6571011708450001", True, "Kota Tarakan, Kalimantan Utara (not in python-stdnum's list)"),
        ("9271011708450001", True, "Kota Sorong, a Papua province"),
        ("9971011708450001", False, "province 99 does not exist"),
        ("6200011708450001", False, "regency 00"),
        ("6271001708450001", False, "district 00"),
        ("6271013202850001", False, "day 32"),
        ("6271017201850001", False, "day 72 (a woman's 32nd)"),
        ("6271010013850001", False, "month 13"),
        ("6271013002850001", False, "30 February does not exist"),
        ("6271011708450000", False, "serial 0000"),
        ("627101170845000", False, "15 digits"),
    ],
)
def test_it_applies_the_one_nik_rule(nik: str, valid: bool, why: str) -> None:
    assert is_valid_nik(nik) is valid, why
    assert (kinds(f"NIK {nik}") == [(Kind.NIK, nik)]) is valid, why


def test_it_finds_a_nik_written_in_the_groups_of_the_ktp_or_in_fours() -> None:
    assert kinds("NIK: 62.71.01.050585.0002") == [(Kind.NIK, "6271010505850002")]
    assert kinds("NIK: 6271 0105 0585 0002") == [(Kind.NIK, "6271010505850002")]


def test_it_leaves_invoice_numbers_nip_and_dates_alone() -> None:
    assert kinds("Faktur No. 1234567890123456 tanggal 12-05-2024") == []
    # An NIP (18 digits) holds a valid-looking NIK-like run but is longer: not a NIK.
    assert kinds("NIP. 198505052010011002") == []
    assert kinds("NIP 19850505 201001 1 002") == []
    assert kinds("Tanggal 05/05/1985, pukul 08.12") == []
    # 16 digits after an invoice label are not a person's, even when they pass the rule.
    assert kinds("No. Faktur: 6271010505850002") == []


def test_it_tells_a_kk_number_by_its_label() -> None:
    # 31 December 2019 as the issue date (no +40), district 01, serial 0003.
    number = "6271013112190003"
    assert is_kk_number(number)
    assert kinds(f"No. KK {number}") == [(Kind.KK, number)]
    assert kinds(number, context="Nomor Kartu Keluarga") == [(Kind.KK, number)]
    # Without a label, 16 digits that are no valid NIK (day 31 + month 12 + … are) stay alone
    # unless they pass the NIK rule.
    assert kinds("Nomor register 6271013213190003") == []


def test_it_finds_mobile_and_landline_numbers_but_not_amounts() -> None:
    assert kinds("HP 0812-3456-7890") == [(Kind.PHONE, "081234567890")]
    assert kinds("WA +62 812 3456 7890") == [(Kind.PHONE, "6281234567890")]
    assert kinds("Kantor (0536) 322 1234") == [(Kind.PHONE, "05363221234")]
    assert kinds("Telp. 0536 3221234") == [(Kind.PHONE, "05363221234")]
    assert kinds("Jumlah Rp 081234567890") == []
    assert kinds("Jumlah 0812345678,00") == []
    assert kinds("Kode 0536 3221234") == []  # a bare landline needs its label


def test_it_finds_email_npwp_and_bank_accounts() -> None:
    assert kinds("surel: budi.santoso@contoh.co.id") == [(Kind.EMAIL, "budi.santoso@contoh.co.id")]
    assert kinds("NPWP 01.234.567.8-901.000") == [(Kind.NPWP, "012345678901000")]
    assert kinds("NPWP: 012345678901000") == [(Kind.NPWP, "012345678901000")]
    assert kinds("Rekening Bank Kalteng No. 0123-4567-89") == [(Kind.BANK_ACCOUNT, "0123456789")]


def test_it_masks_every_value() -> None:
    assert mask(Kind.NIK, "6271014101900001") == "6271********0001"
    assert mask(Kind.EMAIL, "budi@contoh.go.id") == "b***@contoh.go.id"
    assert mask(Kind.PHONE, "081234567890") == "0812*****890"
