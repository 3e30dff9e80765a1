"""The English interface: a visitor who chooses English gets English pages.

The source language is Indonesian; English comes from terbuka/locale/en (a .po file and
its compiled .mo). The language comes only from the language cookie, which the switcher
sets (terbuka/portal/middleware.py).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from terbuka.testing import World

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "terbuka" / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# Each page with a few phrases it shows in English and, without the cookie, in Indonesian.
PAGES = [
    (
        "/",
        ["Public information is your right", "Skip to main content", "Search public bodies"],
        ["Informasi publik adalah hak Anda", "Langsung ke konten utama"],
    ),
    (
        "/badan-publik/",
        ["List of public bodies", "Search by name, abbreviation or code of a public body"],
        ["Daftar badan publik", "Cari nama, singkatan atau kode badan publik"],
    ),
    (
        "/kalender/",
        ["When is my answer due?", "Saturdays and Sundays are never working days."],
        ["Kapan jawaban saya jatuh tempo?", "Sabtu dan Minggu selalu bukan hari kerja."],
    ),
    (
        "/akun/masuk/",
        ["Username or e-mail", "Forgot your password?", "Don't have an account yet?"],
        ["Nama pengguna atau e-mail", "Lupa kata sandi?"],
    ),
    (
        "/akun/daftar/",
        ["Register as an information requester", "Type of requester", "Legal entity"],
        ["Daftar sebagai pemohon informasi", "Jenis pemohon", "Badan hukum"],
    ),
    (
        "/permohonan/baru/",
        [
            "Submit a public information request",
            "Details of the information needed",
            "Law 14/2008 Article 22(7)",
        ],
        ["Ajukan permohonan informasi publik", "Rincian informasi yang dibutuhkan"],
    ),
    (
        "/dip/",
        [
            "<h1>Public Information List (DIP)</h1>",
            "All information published by the public bodies on this platform",
            "Periodically published information",
        ],
        ["<h1>Daftar Informasi Publik</h1>", "Semua informasi yang diumumkan", "Informasi berkala"],
    ),
    (
        "/cari/?q=x",
        ["Search public information", "No information found for", "All categories"],
        ["Cari informasi publik", "Tidak ditemukan informasi untuk", "Semua kategori"],
    ),
]


@pytest.mark.parametrize(("url", "english", "indonesian"), PAGES)
def test_it_renders_the_page_in_english_when_english_is_chosen(
    client: Client, world: World, url: str, english: list[str], indonesian: list[str]
) -> None:
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    for phrase in english:
        assert phrase in html, phrase
    for phrase in indonesian:
        assert phrase not in html, phrase


@pytest.mark.parametrize(("url", "english", "indonesian"), PAGES)
def test_it_keeps_the_page_in_indonesian_without_a_choice(
    client: Client, world: World, url: str, english: list[str], indonesian: list[str]
) -> None:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    for phrase in indonesian:
        assert phrase in html, phrase
    for phrase in english:
        assert phrase not in html, phrase


def test_it_names_the_ppids_on_the_home_page_in_english(client: Client, world: World) -> None:
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "PPID Utama, serving 3 PPID Pelaksana" in html
    assert "PPID Utama, serving 1 PPID Pelaksana" in html


def test_it_shows_form_errors_in_english(client: Client, world: World) -> None:
    client.cookies["django_language"] = "en"
    response = client.post("/akun/masuk/", {"username": "pemohon.satu", "password": "salah"})
    html = response.content.decode()
    assert "Wrong username/e-mail or password." in html


# The .po file, read with the standard library so the test needs no extra package.


class Entry:
    def __init__(self) -> None:
        self.msgctxt: str | None = None
        self.msgid = ""
        self.msgid_plural: str | None = None
        self.msgstr: dict[int, str] = {}
        self.fuzzy = False
        self.obsolete = False


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    entry = Entry()
    field: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, field
        if field is not None:
            entries.append(entry)
        entry, field = Entry(), None

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert field is not None, line
            name, index = field
            text = ast.literal_eval(line)
            if name == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, name, getattr(entry, name) + text)
        else:
            keyword, _, value = line.partition(" ")
            text = ast.literal_eval(value)
            match = re.fullmatch(r"msgstr\[(\d)\]", keyword)
            if match:
                field = ("msgstr", int(match.group(1)))
                entry.msgstr[field[1]] = text
            elif keyword == "msgstr":
                field = ("msgstr", 0)
                entry.msgstr[0] = text
            else:
                field = (keyword, 0)
                setattr(entry, keyword, text)
    finish()
    return [e for e in entries if e.msgid and not e.obsolete]


PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0-9.]*[sdfir]|%[sd]|\{\w*\}|<[^>]+>")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_it_translates_every_message_in_the_catalog() -> None:
    entries = read_po(PO_FILE)
    assert len(entries) > 1000
    untranslated = [e.msgid for e in entries if e.fuzzy or not all(e.msgstr.values())]
    assert untranslated == []


def test_it_keeps_the_placeholders_of_every_message() -> None:
    for entry in read_po(PO_FILE):
        if entry.msgid_plural is None:
            assert placeholders(entry.msgstr[0]) == placeholders(entry.msgid), entry.msgid
        else:
            # The singular may spell out the number ("one"), the plural must keep them all.
            assert placeholders(entry.msgstr[1]) == placeholders(entry.msgid_plural)


def test_it_serves_the_translations_of_the_po_file_from_the_compiled_catalog() -> None:
    # A .mo older than its .po would serve Indonesian (or stale English) for new strings.
    assert MO_FILE.exists()
    entries = [e for e in read_po(PO_FILE) if all(e.msgstr.values()) and not e.fuzzy]
    with translation.override("en"):
        for entry in entries:
            if entry.msgid_plural is not None:
                got = (
                    translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2)
                    if entry.msgctxt
                    else translation.ngettext(entry.msgid, entry.msgid_plural, 2)
                )
                assert got == entry.msgstr[1], entry.msgid
            elif entry.msgctxt is not None:
                got = translation.pgettext(entry.msgctxt, entry.msgid)
                assert got == entry.msgstr[0], entry.msgid
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr[0], entry.msgid
