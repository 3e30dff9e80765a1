"""What the personal-data shield looks for in a line of text: pure functions, no database.

Each detector returns ``Match`` spans over the line. A line is what a reader sees as one
line (PDF text or OCR words joined by single spaces), so a number written in groups
("0812 3456 7890") is found across words, and a label before it ("No. KK") is on the
same line or the line before (``context``).

- NIK: 16 digits that pass ``accounts.nik`` (the one NIK rule: real province and regency
  code, regency and district not 00, a birth date that exists with +40 on the day for women, serial
  not 0000), written whole or in the KTP's groups (2.2.2.6.4) or in fours.
  A number right after an invoice, transaction or register label is not one.
- KK (Kartu Keluarga): 16 digits with a real province code and an issue date DDMMYY
  (no +40), near a KK label. Without the label such a number is not reported as a KK
  (invoice numbers look the same); a KK number that also passes the NIK rule is found
  as a NIK anyway.
- Phone numbers: mobiles (+62 / 62 / 0 then 8, 10 to 13 digits in all), landlines with
  an area code when written as a phone ("(021) 555 1234", "021-5551234") or next to a
  label (telp, telepon, fax, HP, WA). An amount (after "Rp", or with ",00") is not one.
- E-mail addresses.
- NPWP: the tax number in its printed format (99.999.999.9-999.999), or 15 digits next
  to "NPWP". (The 16-digit NPWP of a person is the NIK: found as one.)
- Bank accounts: 10 to 16 digits next to "rekening", "rek." or "no. rek".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from terbuka.accounts.nik import PROVINCE_CODES, is_valid_nik


class Kind:
    NIK = "nik"
    KK = "kk"
    PHONE = "phone"
    EMAIL = "email"
    NPWP = "npwp"
    BANK_ACCOUNT = "bank_account"
    # Pages the scanner could not read (too many to OCR, or unreadable): an officer looks.
    UNREAD = "unread"

    ALL = (NIK, KK, PHONE, EMAIL, NPWP, BANK_ACCOUNT, UNREAD)


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int
    value: str  # the digits or address as found (kept in memory only, never stored)


_SIXTEEN = re.compile(
    r"(?<![\d.\-/])"
    r"(?:\d{16}"
    r"|\d{2}([.\- ])\d{2}\1\d{2}\1\d{6}\1\d{4}"
    r"|\d{4}([.\- ])\d{4}\2\d{4}\2\d{4})"
    r"(?![\d]|[.\-/]\d)"
)
# A 16-digit number right after one of these labels is a transaction, invoice or register
# number, not a person's: not reported even when it happens to pass the NIK rule.
_NOT_A_PERSON_LABEL = re.compile(
    r"\b(?:faktur|invoice|tagihan|ref(?:erensi)?|transaksi|billing|ntpn|ntb|kontrak|spm|sp2d"
    r"|register|resi|pesanan|order)\b[^\d]{0,20}$",
    re.IGNORECASE,
)
_KK_LABEL = re.compile(r"\b(?:KK|kartu\s+keluarga|no\.?\s*kk|nomor\s+kk)\b", re.IGNORECASE)
_MOBILE = re.compile(r"(?<![\w+.,])(?:\+62|62|0)[\s.\-]?8[1-9](?:[\s.\-]?\d){7,10}(?![\d]|[.,]\d)")
_LANDLINE_WRITTEN = re.compile(
    r"(?<![\w.,])(?:\(0[2-9]\d{1,2}\)\s?|0[2-9]\d{1,2}-|\+62[\s\-]?[2-9]\d{1,2}[\s\-])"
    r"\d{3,4}[\s\-]?\d{3,4}(?![\d]|[.,]\d)"
)
_LANDLINE_BARE = re.compile(r"(?<![\w.,])0[2-9]\d{1,2}[\s\-]?\d{5,8}(?![\d]|[.,]\d)")
_PHONE_LABEL = re.compile(
    r"\b(?:telp|tlp|telepon|telefon|tel|fax|faks|hp|handphone|ponsel|wa|whatsapp)\b\.?",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,24}(?![\w-])"
)
_NPWP_FORMAT = re.compile(r"(?<![\d.])\d{2}\.\d{3}\.\d{3}\.\d[.\-]\d{3}\.\d{3}(?![\d]|\.\d)")
_NPWP_LABEL = re.compile(r"\bNPWP\b", re.IGNORECASE)
_FIFTEEN = re.compile(r"(?<![\d.\-])\d{15}(?![\d]|[.\-]\d)")
_BANK_LABEL = re.compile(
    r"\b(?:rekening|no\.?\s*rek|rek)\b\.?(?:\s*(?:bank\s+\w+|no\.?|nomor|:))*\s*", re.IGNORECASE
)
_ACCOUNT = re.compile(r"\d(?:[\s\-]?\d){9,15}(?![\d]|[.,]\d)")
_AMOUNT_BEFORE = re.compile(r"(?:rp\.?|idr|usd)\s*$", re.IGNORECASE)
# How far before a number its label may stand (characters of the line and the one above).
LABEL_REACH = 40


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _province_known(number: str) -> bool:
    return number[:2] in PROVINCE_CODES


def is_kk_number(number: str) -> bool:
    """16 digits: a real province (the NIK's list), regency and district not 00, an issue date that exists
    (DDMMYY, no +40), a serial that is not 0000 (the NIK's layout, without its +40)."""
    if len(number) != 16 or not number.isdigit():
        return False
    if "00" in (number[2:4], number[4:6]) or number[12:] == "0000" or not _province_known(number):
        return False
    day, month, year = int(number[6:8]), int(number[8:10]), int(number[10:12])
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def _labelled(pattern: re.Pattern[str], line: str, start: int, context: str) -> bool:
    before = (context + "\n" + line[:start])[-LABEL_REACH:]
    return pattern.search(before) is not None


def _is_amount(line: str, start: int, end: int) -> bool:
    return bool(_AMOUNT_BEFORE.search(line[:start])) or line[end : end + 3] in (",00", ",-")


def find(line: str, context: str = "") -> list[Match]:
    """Every identifier in ``line``; ``context`` is the text just before it (the line
    above), where a label may stand."""
    found: list[Match] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, value: str) -> None:
        if any(start < stop and begin < end for begin, stop in taken):
            return
        taken.append((start, end))
        found.append(Match(kind, start, end, value))

    for hit in _EMAIL.finditer(line):
        add(Kind.EMAIL, hit.start(), hit.end(), hit.group())
    for hit in _NPWP_FORMAT.finditer(line):
        add(Kind.NPWP, hit.start(), hit.end(), digits(hit.group()))
    for hit in _SIXTEEN.finditer(line):
        number = digits(hit.group())
        labelled_kk = _labelled(_KK_LABEL, line, hit.start(), context)
        if labelled_kk and is_kk_number(number):
            add(Kind.KK, hit.start(), hit.end(), number)
        elif is_valid_nik(number) and not _NOT_A_PERSON_LABEL.search(line[: hit.start()]):
            add(Kind.NIK, hit.start(), hit.end(), number)
    for hit in _FIFTEEN.finditer(line):
        if _labelled(_NPWP_LABEL, line, hit.start(), context):
            add(Kind.NPWP, hit.start(), hit.end(), hit.group())
    for hit in _MOBILE.finditer(line):
        number = digits(hit.group())
        if not _is_amount(line, hit.start(), hit.end()) and 10 <= len(number) <= 14:
            add(Kind.PHONE, hit.start(), hit.end(), number)
    for hit in _LANDLINE_WRITTEN.finditer(line):
        if not _is_amount(line, hit.start(), hit.end()):
            add(Kind.PHONE, hit.start(), hit.end(), digits(hit.group()))
    for hit in _LANDLINE_BARE.finditer(line):
        if not _is_amount(line, hit.start(), hit.end()) and _labelled(
            _PHONE_LABEL, line, hit.start(), context
        ):
            add(Kind.PHONE, hit.start(), hit.end(), digits(hit.group()))
    for label in _BANK_LABEL.finditer(line):
        account = _ACCOUNT.match(line, label.end())
        if account is not None:
            add(Kind.BANK_ACCOUNT, account.start(), account.end(), digits(account.group()))
    return sorted(found, key=lambda match: match.start)


def mask(kind: str, value: str) -> str:
    """What may be stored and shown of a value: never the whole of it.
    3201********0001, b***@example.go.id, 0812*****890."""
    if kind == Kind.EMAIL:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if kind == Kind.PHONE:
        return value[:4] + "*" * max(0, len(value) - 7) + value[-3:]
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def label(kind: str) -> str:
    """What a finding of this kind is called, for officers."""
    from django.utils.translation import gettext

    labels = {
        Kind.NIK: gettext("NIK"),
        Kind.KK: gettext("Nomor Kartu Keluarga"),
        Kind.PHONE: gettext("Nomor telepon"),
        Kind.EMAIL: gettext("Alamat surel"),
        Kind.NPWP: gettext("NPWP"),
        Kind.BANK_ACCOUNT: gettext("Nomor rekening bank"),
        Kind.UNREAD: gettext("Halaman tidak terbaca"),
    }
    return labels.get(kind, kind)
