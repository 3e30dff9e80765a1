"""The personal-data scanner: a document's bytes and content type in, findings out.

- PDF: the text layer of each page with its word boxes (PyMuPDF); a page without a real
  text layer (a scan) is rendered and read by OCR (``terbuka/ocr.py``, the path the DIP's
  text extraction uses), with Tesseract's word boxes.
- PNG and JPEG: OCR.
- Other documents (DOCX, XLSX, ODT, ODS): the caller passes ``read_text``, which returns
  their plain text (the catalog's extraction); findings then have no page box.

The body's own published phone numbers and e-mail addresses (``known``, its letterhead)
are not findings.

A finding's box is in fractions 0–1 of the page *as displayed* (rotation applied),
top-left origin, four decimals: the contract with the redaction page. Its excerpt is
masked; the full value is never returned.

Pages that cannot be read (beyond ``MAX_OCR_PAGES`` scanned pages, or an image OCR
refuses) are reported as ``Kind.UNREAD`` findings, so such a document is held for an
officer to look at rather than published unchecked. A document that cannot be opened at
all (corrupt, encrypted) raises ``Unreadable``; OCR that could not run raises
``ocr.OcrInterrupted`` (worth retrying).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from terbuka import ocr
from terbuka.shield.patterns import Kind, find, mask

# A page with fewer characters in its text layer is treated as a scan (as the DIP's
# extraction does).
MIN_CHARS_PER_PAGE = 20
# OCR takes one to a few seconds a page: beyond this many scanned pages, the rest are
# reported unread for an officer to check.
MAX_OCR_PAGES = 50
MAX_PAGES = 2000

Box = tuple[float, float, float, float]


class Unreadable(Exception):
    """The document cannot be opened (corrupt, encrypted): the message says why."""


@dataclass(frozen=True)
class Finding:
    kind: str
    page: int | None  # 1-based; None for documents without pages (DOCX, XLSX …)
    box: Box | None  # fractions of the displayed page: x0, y0, x1, y1
    excerpt: str  # masked

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["box"] = list(self.box) if self.box is not None else None
        return data


@dataclass(frozen=True)
class Scan:
    findings: list[Finding]
    pages: int
    ocr_pages: int


@dataclass(frozen=True)
class _Word:
    text: str
    box: Box  # in the page's own units (PDF points or image pixels): x0, y0, x1, y1


# Turns a box in the page's own units into fractions of the displayed page.
Place = Callable[[Box], Box]


def _fraction(value: float, total: float) -> float:
    return round(min(1.0, max(0.0, value / total)), 4) if total else 0.0


def _union(boxes: Iterable[Box]) -> Box:
    listed = list(boxes)
    return (
        min(box[0] for box in listed),
        min(box[1] for box in listed),
        max(box[2] for box in listed),
        max(box[3] for box in listed),
    )


def public_contacts(*values: str) -> frozenset[str]:
    """The body's own published phone numbers and e-mail addresses (its letterhead), as
    the scanner compares them: not personal data, never a finding."""
    known: set[str] = set()
    for value in values:
        value = (value or "").strip().lower()
        if "@" in value:
            known.add(value)
        elif value:
            number = "".join(ch for ch in value if ch.isdigit())
            if number.startswith("62"):
                number = "0" + number[2:]
            known.add(number)
    return frozenset(known)


def _is_known(value: str, known: frozenset[str]) -> bool:
    if not known:
        return False
    value = value.lower()
    if value.startswith("62") and value.isdigit():
        value = "0" + value[2:]
    return value in known


def scan_lines(
    lines: Sequence[Sequence[_Word]],
    page: int | None,
    place: Place,
    known: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings on one page given its lines of boxed words, in reading order. Boxes are
    computed only for the words of a finding (most lines have none)."""
    findings: list[Finding] = []
    context = ""
    for words in lines:
        if not words:
            continue
        text = " ".join(word.text for word in words)
        matches = [match for match in find(text, context) if not _is_known(match.value, known)]
        context = text
        if not matches:
            continue
        spans: list[tuple[int, int]] = []
        offset = 0
        for word in words:
            spans.append((offset, offset + len(word.text)))
            offset += len(word.text) + 1
        for match in matches:
            covered = [
                word.box
                for word, (start, end) in zip(words, spans, strict=True)
                if start < match.end and match.start < end
            ]
            findings.append(
                Finding(match.kind, page, place(_union(covered)), mask(match.kind, match.value))
            )
    return findings


def scan_text(text: str, known: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings in plain text (no pages, no boxes)."""
    findings: list[Finding] = []
    context = ""
    for line in text.splitlines():
        for match in find(line, context):
            if _is_known(match.value, known):
                continue
            findings.append(Finding(match.kind, None, None, mask(match.kind, match.value)))
        context = line
    return findings


def _ocr_findings(image: Path, page: int, known: frozenset[str]) -> list[Finding]:
    from PIL import Image

    with Image.open(image) as opened:
        width, height = opened.size
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for word in ocr.image_words(image):
        box = (word.left, word.top, word.left + word.width, word.top + word.height)
        lines.setdefault(word.line, []).append(_Word(word.text, box))

    def place(box: Box) -> Box:
        return (
            _fraction(box[0], width),
            _fraction(box[1], height),
            _fraction(box[2], width),
            _fraction(box[3], height),
        )

    return scan_lines(list(lines.values()), page, place, known)


def _unread(page: int, why: str) -> Finding:
    return Finding(Kind.UNREAD, page, (0.0, 0.0, 1.0, 1.0), why)


def scan_image(data: bytes, suffix: str, known: frozenset[str] = frozenset()) -> Scan:
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        try:
            findings = _ocr_findings(Path(handle.name), 1, known)
        except ocr.OcrUnreadable:
            return Scan([_unread(1, _("Gambar tidak dapat dibaca oleh OCR."))], 1, 1)
    return Scan(findings, 1, 1)


def _pdf_words(page: Any) -> list[list[_Word]]:
    """The page's words grouped in lines, in MuPDF's reading order."""
    lines: dict[tuple[int, int], list[_Word]] = {}
    for x0, y0, x1, y1, text, block, line, _number in page.get_text("words"):
        lines.setdefault((block, line), []).append(_Word(text, (x0, y0, x1, y1)))
    return list(lines.values())


def _pdf_place(page: Any) -> Place:
    import pymupdf

    # Words come in the unrotated page's coordinates; the rotation matrix turns them into
    # the displayed page's, whose size is page.rect.
    matrix = page.rotation_matrix
    width, height = page.rect.width, page.rect.height

    def place(box: Box) -> Box:
        shown = pymupdf.Rect(box) * matrix
        return (
            _fraction(shown.x0, width),
            _fraction(shown.y0, height),
            _fraction(shown.x1, width),
            _fraction(shown.y1, height),
        )

    return place


def scan_pdf(data: bytes, known: frozenset[str] = frozenset()) -> Scan:
    import pymupdf

    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:  # MuPDF raises several kinds on damaged files
        raise Unreadable(_("PDF rusak atau tidak dapat dibuka.")) from error
    with document:
        if document.needs_pass and not document.authenticate(""):
            raise Unreadable(_("PDF dilindungi kata sandi; isinya tidak dapat diperiksa."))
        if document.page_count > MAX_PAGES:
            raise Unreadable(
                _("PDF terlalu panjang untuk diperiksa otomatis (lebih dari %(n)s halaman).")
                % {"n": MAX_PAGES}
            )
        findings: list[Finding] = []
        scanned: list[int] = []
        for index, page in enumerate(document):
            try:
                lines = _pdf_words(page)
            except Exception as error:
                raise Unreadable(_("PDF rusak atau tidak dapat dibuka.")) from error
            characters = sum(len(word.text) for words in lines for word in words)
            if characters < MIN_CHARS_PER_PAGE and page.get_images():
                scanned.append(index + 1)
            else:
                findings += scan_lines(lines, index + 1, _pdf_place(page), known)
        pages = document.page_count
    if scanned:
        findings += _ocr_pdf_pages(data, scanned, known)
    findings.sort(key=lambda finding: finding.page or 0)
    return Scan(findings, pages, len(scanned))


def _ocr_pdf_pages(data: bytes, pages: list[int], known: frozenset[str]) -> list[Finding]:
    findings: list[Finding] = []
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        for number in pages[:MAX_OCR_PAGES]:
            try:
                with ocr.pdf_page_images(
                    Path(handle.name), first_page=number, last_page=number
                ) as images:
                    for image in images:
                        findings += _ocr_findings(image, number, known)
            except ocr.OcrUnreadable:
                findings.append(_unread(number, _("Halaman ini tidak dapat dibaca oleh OCR.")))
    for number in pages[MAX_OCR_PAGES:]:
        findings.append(
            _unread(
                number,
                _("Halaman hasil pindaian di luar batas %(n)s halaman OCR; periksa sendiri.")
                % {"n": MAX_OCR_PAGES},
            )
        )
    return findings


IMAGE_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg"}


def scan(
    data: bytes,
    content_type: str,
    *,
    read_text: Callable[[], str] | None = None,
    known: frozenset[str] = frozenset(),
) -> Scan:
    """Scan a document. ``read_text`` gives the plain text of a kind that is neither a
    PDF nor an image; ``known`` holds the body's own contacts (``public_contacts``)."""
    if content_type == "application/pdf":
        return scan_pdf(data, known)
    if content_type in IMAGE_SUFFIXES:
        return scan_image(data, IMAGE_SUFFIXES[content_type], known)
    if read_text is None:
        raise Unreadable(_("Jenis berkas ini tidak dapat diperiksa otomatis."))
    return Scan(scan_text(read_text(), known), 0, 0)
