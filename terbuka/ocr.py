"""The one way Terbuka runs OCR: Tesseract's Indonesian model and poppler's ``pdftoppm``,
called through ``subprocess`` with a timeout (Debian ``tesseract-ocr``,
``tesseract-ocr-ind``, ``poppler-utils``).

The DIP's text extraction (``catalog/extraction.py``) reads plain text; the personal-data
shield (``shield/scanner.py``) reads words with their boxes (Tesseract's TSV). Both come
through here, with the same programs, language, resolution and timeout.

``OcrInterrupted``: the run went wrong (a timeout, a missing program or language) and is
worth retrying. ``OcrUnreadable``: the image itself cannot be read.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

LANGUAGE = "ind"
DPI = 200


class OcrInterrupted(Exception):
    """OCR could not run (timeout, missing program or language); worth retrying."""


class OcrUnreadable(Exception):
    """The image or page cannot be read by OCR."""


@dataclass(frozen=True)
class Word:
    """A word read by OCR, its box in pixels of the image it was read from."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # block, paragraph, line: words of one line share it


def timeout() -> int:
    return int(getattr(settings, "TERBUKA_OCR_TIMEOUT", 120))


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise OcrInterrupted(
            _("Program %(name)s tidak terpasang di server; OCR tidak dapat dijalankan.")
            % {"name": name}
        )
    return found


def run(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # noqa: S603 (fixed programs, file paths we created)
            command, capture_output=True, timeout=timeout(), check=False
        )
    except subprocess.TimeoutExpired as error:
        raise OcrInterrupted(
            _("OCR melewati batas waktu %(seconds)s detik.") % {"seconds": timeout()}
        ) from error


def _tesseract(path: Path, output: str) -> bytes:
    tesseract = program("tesseract")
    command = [tesseract, str(path), "stdout", "-l", LANGUAGE, "--psm", "3"]
    if output:
        command.append(output)
    result = run(command)
    if result.returncode != 0:
        error = result.stderr.decode("utf-8", "replace")
        if "Failed loading language" in error or "Could not initialize" in error:
            raise OcrInterrupted(
                _("Model bahasa Indonesia Tesseract (tesseract-ocr-ind) tidak terpasang.")
            )
        raise OcrUnreadable(_("Gambar tidak dapat dibaca oleh OCR."))
    return result.stdout


def image_text(path: Path) -> str:
    """The text of an image."""
    return _tesseract(path, "").decode("utf-8", "replace")


def image_words(path: Path) -> list[Word]:
    """The words of an image with their boxes (Tesseract's TSV output)."""
    table = _tesseract(path, "tsv").decode("utf-8", "replace")
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(table), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        words.append(
            Word(
                text=text,
                left=int(row["left"]),
                top=int(row["top"]),
                width=int(row["width"]),
                height=int(row["height"]),
                line=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            )
        )
    return words


@contextmanager
def pdf_page_images(path: Path, *, last_page: int, first_page: int = 1) -> Iterator[list[Path]]:
    """The pages ``first_page``..``last_page`` of a PDF rendered as greyscale PNGs at ``DPI``, in order;
    deleted when the block ends."""
    pdftoppm = program("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="terbuka-ocr-") as folder:
        prefix = Path(folder) / "page"
        result = run(
            [
                pdftoppm,
                *("-r", str(DPI), "-gray", "-png"),
                *("-f", str(first_page), "-l", str(last_page)),
                *(str(path), str(prefix)),
            ]
        )
        if result.returncode != 0:
            raise OcrUnreadable(_("Halaman PDF tidak dapat dirender untuk OCR."))
        # pdftoppm pads the page number to the width of the last one: sorting by name works.
        yield sorted(Path(folder).glob("page*.png"))
