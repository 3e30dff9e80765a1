"""Redaction that removes (issue 12): bytes and areas in, redacted bytes out.

Pure functions, no database. A PDF is redacted with PyMuPDF (AGPL-3.0, like Terbuka):
``add_redact_annot`` + ``apply_redactions`` delete the text (every text layer, visible or
an invisible OCR layer), the image pixels and the vector paths under each area from the
page's content; a black box is then painted where they were. The document is then
cleaned of what could still carry the removed content elsewhere: metadata (Info and
XMP), annotations, form fields, embedded files and attachments, JavaScript, thumbnails,
links over an area, and the outline when one of its titles holds removed text. It is
written anew with unused objects dropped (``garbage=4``), so no old content stream or
image survives as an orphan object.

An image (PNG, JPEG) is decoded with Pillow, turned upright (EXIF orientation), filled
black under each area and encoded anew without any metadata.

An area is given as the page is *displayed* (rotation applied): page number from 1 and
fractions 0–1 of the page's width and height from its top-left corner, with the Pasal 17
ground that justifies it. This is the contract with the personal-data shield, which links
to the redaction page with ``?areas=PAGE:X0:Y0:X1:Y1:GROUND;...`` (``parse_areas``).
"""

from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pymupdf
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from terbuka import law

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
CONTENT_TYPES = (PDF, PNG, JPEG)

MAX_PAGES = 500
# Page images for marking areas: wide enough to read a scanned NIK, small enough to send.
PREVIEW_DPI = 100
PREVIEW_MAX_SIDE = 1600
# Fractions are given with up to 4 decimals (a tenth of a millimetre on A4).
FRACTION_DECIMALS = 4


class RedactionError(ValueError):
    """The input cannot be redacted; the message is for the officer, in his language."""


@dataclass(frozen=True)
class Area:
    """A rectangle on a displayed page: page from 1, fractions 0–1 from the top-left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    ground: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "x0": self.x0,
            "y0": self.y0,
            "x1": self.x1,
            "y1": self.y1,
            "ground": self.ground,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Area:
        return cls(
            page=int(data["page"]),
            x0=float(data["x0"]),
            y0=float(data["y0"]),
            x1=float(data["x1"]),
            y1=float(data["y1"]),
            ground=str(data["ground"]),
        )


def fraction_text(value: float) -> str:
    text = f"{value:.{FRACTION_DECIMALS}f}".rstrip("0").rstrip(".")
    return text or "0"


def format_areas(areas: list[Area]) -> str:
    """The query-string form ``PAGE:X0:Y0:X1:Y1:GROUND;...`` (``parse_areas`` reads it)."""
    return ";".join(
        ":".join(
            [
                str(area.page),
                *(fraction_text(v) for v in (area.x0, area.y0, area.x1, area.y1)),
                area.ground,
            ]
        )
        for area in areas
    )


_FRACTION = re.compile(r"^(?:0(?:\.\d{1,4})?|1(?:\.0{1,4})?|\.\d{1,4})$")


def parse_fraction(text: str) -> float | None:
    """A fraction 0–1 with up to four decimals, or None."""
    text = text.strip()
    if not _FRACTION.match(text):
        return None
    try:
        return float(Decimal(text))
    except InvalidOperation:
        return None


def check_area(area: Area, number: int | None = None) -> None:
    """Refuse an area that is not a rectangle on a page or has no Pasal 17 ground."""
    name = gettext("Bagian %(n)s") % {"n": number} if number else gettext("Bagian")
    if area.page < 1:
        raise RedactionError(gettext("%(name)s: nomor halaman dimulai dari 1.") % {"name": name})
    values = (area.x0, area.y0, area.x1, area.y1)
    if any(not 0 <= value <= 1 for value in values):
        raise RedactionError(
            gettext(
                "%(name)s berada di luar halaman: koordinat harus antara 0 dan 1 (pecahan"
                " lebar dan tinggi halaman dari pojok kiri atas)."
            )
            % {"name": name}
        )
    if area.x1 <= area.x0 or area.y1 <= area.y0:
        raise RedactionError(
            gettext(
                "%(name)s tidak berbentuk persegi: x1 harus lebih besar dari x0 dan y1 lebih"
                " besar dari y0."
            )
            % {"name": name}
        )
    if not law.is_valid_ground(area.ground):
        raise RedactionError(
            gettext("%(name)s: pilih dasar pengecualian dari Pasal 17 UU 14/2008.") % {"name": name}
        )


def parse_areas(text: str) -> list[Area]:
    """``"1:0.1:0.2:0.5:0.25:h;2:0:0:1:0.1:h.3"`` → areas; ``RedactionError`` naming the
    first part that is not an area."""
    areas = []
    for number, part in enumerate((p for p in text.split(";") if p.strip()), start=1):
        fields = part.strip().split(":")
        fractions = [parse_fraction(value) for value in fields[1:5]]
        if len(fields) != 6 or not fields[0].strip().isdigit() or None in fractions:
            raise RedactionError(
                gettext(
                    "Bagian %(n)s tidak terbaca. Tulis HALAMAN:X0:Y0:X1:Y1:DASAR dengan"
                    " koordinat pecahan 0–1 (paling banyak 4 angka desimal)."
                )
                % {"n": number}
            )
        x0, y0, x1, y1 = (float(value or 0) for value in fractions)
        area = Area(int(fields[0]), x0, y0, x1, y1, fields[5].strip())
        check_area(area, number)
        areas.append(area)
    return areas


# --- reading a document ---------------------------------------------------------------


def _open_pdf(data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:  # MuPDF raises several kinds on damaged files
        raise RedactionError(
            gettext("PDF ini rusak atau tidak dapat dibaca. Unggah ulang berkas aslinya.")
        ) from error
    if doc.needs_pass:
        doc.close()
        raise RedactionError(
            gettext(
                "PDF ini dilindungi kata sandi. Buka perlindungannya lalu unggah ulang sebelum"
                " menghitamkan."
            )
        )
    if doc.page_count < 1:
        doc.close()
        raise RedactionError(
            gettext("PDF ini rusak atau tidak dapat dibaca. Unggah ulang berkas aslinya.")
        )
    if doc.page_count > MAX_PAGES:
        count = doc.page_count
        doc.close()
        raise RedactionError(
            gettext(
                "PDF ini memiliki %(count)s halaman; paling banyak %(max)s halaman dapat"
                " dihitamkan sekaligus. Pisahkan berkasnya."
            )
            % {"count": count, "max": MAX_PAGES}
        )
    return doc


def _open_image(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
            return ImageOps.exif_transpose(image) or image
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise RedactionError(
            gettext("Gambar ini rusak atau tidak dapat dibaca. Unggah ulang gambarnya.")
        ) from error


def _require_type(content_type: str) -> None:
    if content_type not in CONTENT_TYPES:
        raise RedactionError(gettext("Hanya PDF, PNG dan JPEG yang dapat dihitamkan di Terbuka."))


def is_redactable(content_type: str) -> bool:
    return content_type in CONTENT_TYPES


def page_count(data: bytes, content_type: str) -> int:
    """How many pages the document shows (an image has one)."""
    _require_type(content_type)
    if content_type != PDF:
        _open_image(data).close()
        return 1
    with _open_pdf(data) as doc:
        return int(doc.page_count)


def page_image(data: bytes, content_type: str, page: int) -> bytes:
    """Page ``page`` (from 1) as a PNG, as it is displayed (rotation applied)."""
    _require_type(content_type)
    if content_type != PDF:
        if page != 1:
            raise RedactionError(gettext("Gambar hanya memiliki satu halaman."))
        image = _open_image(data)
        image.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    with _open_pdf(data) as doc:
        if not 1 <= page <= doc.page_count:
            raise RedactionError(
                gettext("Halaman %(page)s tidak ada: dokumen ini memiliki %(count)s halaman.")
                % {"page": page, "count": doc.page_count}
            )
        pdf_page = doc[page - 1]
        longest = max(pdf_page.rect.width, pdf_page.rect.height) or 1
        dpi = min(PREVIEW_DPI, int(PREVIEW_MAX_SIDE * 72 / longest))
        return bytes(pdf_page.get_pixmap(dpi=max(dpi, 10), annots=False).tobytes("png"))


# --- redacting ----------------------------------------------------------------------


def _check_pages(areas: list[Area], count: int) -> None:
    for number, area in enumerate(areas, start=1):
        check_area(area, number)
        if area.page > count:
            raise RedactionError(
                gettext(
                    "Bagian %(n)s berada di luar dokumen: halaman %(page)s tidak ada, dokumen"
                    " ini memiliki %(count)s halaman."
                )
                % {"n": number, "page": area.page, "count": count}
            )


def redact(data: bytes, content_type: str, areas: list[Area]) -> bytes:
    """The document with everything under ``areas`` removed; ``RedactionError`` with a
    message for the officer when the document or an area cannot be used."""
    _require_type(content_type)
    if not areas:
        raise RedactionError(gettext("Tandai paling sedikit satu bagian untuk dihitamkan."))
    if content_type == PDF:
        return _redact_pdf(data, areas)
    return _redact_image(data, content_type, areas)


def _page_rect(page: pymupdf.Page, area: Area) -> pymupdf.Rect:
    """The area, given on the displayed page, in the page's own (unrotated) coordinates,
    which is what redaction annotations use."""
    shown = page.rect  # the displayed page: rotation applied, origin top-left
    corners = (
        pymupdf.Point(shown.x0 + area.x0 * shown.width, shown.y0 + area.y0 * shown.height),
        pymupdf.Point(shown.x0 + area.x1 * shown.width, shown.y0 + area.y1 * shown.height),
    )
    a, b = (corner * page.derotation_matrix for corner in corners)
    return pymupdf.Rect(a, b).normalize()


def _redact_pdf(data: bytes, areas: list[Area]) -> bytes:
    doc = _open_pdf(data)
    try:
        _check_pages(areas, doc.page_count)
        removed_words: set[str] = set()
        by_page: dict[int, list[pymupdf.Rect]] = {}
        for area in areas:
            page = doc[area.page - 1]
            rect = _page_rect(page, area)
            by_page.setdefault(area.page - 1, []).append(rect)
            for word in page.get_text("words", clip=rect):
                removed_words.add(str(word[4]).casefold())
        for index, rects in by_page.items():
            page = doc[index]
            for rect in rects:
                page.add_redact_annot(rect, fill=(0, 0, 0), cross_out=False)
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
            # A link over a removed area may carry what was there (a mailto:, a URL).
            for link in page.get_links():
                if any(pymupdf.Rect(link["from"]).intersects(rect) for rect in rects):
                    page.delete_link(link)
        _clean(doc, removed_words)
        out: bytes = doc.tobytes(garbage=4, deflate=True, clean=True)
    finally:
        doc.close()
    return out


def _clean(doc: pymupdf.Document, removed_words: set[str]) -> None:
    """Drop what carries content outside the pages' content streams."""
    for page in doc:
        for widget in list(page.widgets()):
            page.delete_widget(widget)
        # Deleting an annotation also deletes its popup: start again from the first.
        while (annot := page.first_annot) is not None:
            page.delete_annot(annot)
    doc.scrub(
        attached_files=True,
        clean_pages=True,
        embedded_files=True,
        # Only the hidden text under an area goes (apply_redactions did it): the OCR layer
        # of the rest of a scan keeps the document searchable.
        hidden_text=False,
        javascript=True,
        metadata=True,
        redactions=False,
        remove_links=False,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    doc.set_metadata({})
    doc.del_xml_metadata()
    # scrub empties the scripts but leaves the actions that would run them: drop those
    # (and the request to open the attachments pane, now empty); garbage collection on
    # save then removes the emptied script objects.
    catalog = doc.pdf_catalog()
    for key in ("OpenAction", "AA", "PageMode"):
        doc.xref_set_key(catalog, key, "null")
    for page in doc:
        doc.xref_set_key(page.xref, "AA", "null")
    words = {word for word in removed_words if len(word) >= 3}
    if words and any(
        any(word in str(entry[1]).casefold() for word in words) for entry in doc.get_toc()
    ):
        doc.set_toc([])


def _redact_image(data: bytes, content_type: str, areas: list[Area]) -> bytes:
    image = _open_image(data)
    _check_pages(areas, 1)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for area in areas:
        # Round outwards: a partly covered pixel is covered.
        box = (
            math.floor(area.x0 * width),
            math.floor(area.y0 * height),
            max(math.ceil(area.x1 * width) - 1, 0),
            max(math.ceil(area.y1 * height) - 1, 0),
        )
        draw.rectangle(box, fill=0)
    # Pillow writes some of ``info`` back (EXIF, ICC, comments, text chunks): drop it all.
    image.info = {}
    out = io.BytesIO()
    if content_type == JPEG:
        image.save(out, format="JPEG", quality=90, optimize=True)
    else:
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()
