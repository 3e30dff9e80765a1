"""Fixtures made in the tests (PyMuPDF writes the PDFs, Pillow draws the images) and the
checks that prove removal: three ways of reading text and a search of the raw bytes."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw, ImageFont

from terbuka.redaction.engine import Area

SECRET = "3171234567890001"
KEPT = "Kepala Dinas Pendidikan"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def text_image(lines: list[str], *, size: int = 48, mode: str = "RGB") -> Image.Image:
    """A white page with ``lines`` of black text, large enough for OCR."""
    image = Image.new(mode, (1400, 120 + len(lines) * 110), "white")
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((60, 60 + index * 110), line, fill="black", font=_font(size))
    return image


def image_bytes(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        exif = Image.Exif()
        exif[0x010E] = f"NIK {SECRET}"  # ImageDescription
        exif[0x013B] = "Petugas Rahasia"  # Artist
        image.save(out, format="JPEG", quality=95, exif=exif)
    else:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", f"NIK {SECRET}")
        image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def text_pdf(*, rotation: int = 0, extras: bool = False) -> bytes:
    """A text PDF: the NIK on one line, the head of office on another."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), f"NIK {SECRET}", fontsize=14)
    page.insert_text((72, 200), KEPT, fontsize=14)
    # Vector content under the NIK: an underline.
    page.draw_line((72, 104), (260, 104), color=(0, 0, 1), width=1)
    if extras:
        doc.set_metadata({"author": f"NIK {SECRET}", "subject": SECRET, "title": "Data"})
        doc.set_xml_metadata(f"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{SECRET}</x:xmpmeta>")
        annot = page.add_text_annot((400, 300), f"Catatan NIK {SECRET}")
        annot.set_info(content=f"NIK {SECRET}")
        annot.update()
        widget = pymupdf.Widget()
        widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        widget.field_name = "nik"
        widget.field_value = SECRET
        widget.rect = pymupdf.Rect(72, 400, 300, 420)
        page.add_widget(widget)
        doc.embfile_add("lampiran.txt", f"NIK {SECRET}".encode(), filename="lampiran.txt")
        page.add_file_annot((400, 500), f"NIK {SECRET}".encode(), "nik.txt")
        page.insert_link(
            {
                "kind": pymupdf.LINK_URI,
                "from": pymupdf.Rect(72, 86, 260, 104),
                "uri": f"https://x.test/{SECRET}",
            }
        )
        doc.set_toc([[1, f"Data NIK {SECRET}", 1]])
        xref = doc.pdf_catalog()
        js = doc.get_new_xref()
        doc.update_object(js, f"<< /S /JavaScript /JS (app.alert('{SECRET}');) >>")
        doc.xref_set_key(xref, "OpenAction", f"{js} 0 R")
    if rotation:
        page.set_rotation(rotation)
    return bytes(doc.tobytes())


def scanned_pdf(*, ocr_layer: bool = False, rotation: int = 0) -> bytes:
    """A scan: one page that is only an image of the text; with ``ocr_layer`` an invisible
    OCR text layer over the image and, below it, a line of real text naming the NIK again
    (several text layers)."""
    image = text_image([f"NIK {SECRET}", KEPT])
    png = io.BytesIO()
    image.save(png, format="PNG")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    scale = 595 / image.width
    picture = pymupdf.Rect(0, 0, 595, image.height * scale)
    page.insert_image(picture, stream=png.getvalue())
    if ocr_layer:
        # Where the OCR program would put the words: over the image's first line.
        page.insert_text((60 * scale, 105 * scale), f"NIK {SECRET}", fontsize=18, render_mode=3)
        page.insert_text((60 * scale, 320 * scale), f"NIK {SECRET}", fontsize=14)
    if rotation:
        page.set_rotation(rotation)
    return bytes(doc.tobytes())


def area_around(data: bytes, needle: str, *, ground: str = "h", page: int = 1) -> list[Area]:
    """The areas (displayed-page fractions) covering every place PyMuPDF finds ``needle``,
    with a small margin."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        pdf_page = doc[page - 1]
        shown = pdf_page.rect
        areas = []
        for hit in pdf_page.search_for(needle):
            rect = (hit * pdf_page.rotation_matrix).normalize()
            rect = pymupdf.Rect(rect.x0 - 3, rect.y0 - 3, rect.x1 + 3, rect.y1 + 3)
            areas.append(
                Area(
                    page,
                    round(max(rect.x0 / shown.width, 0), 4),
                    round(max(rect.y0 / shown.height, 0), 4),
                    round(min(rect.x1 / shown.width, 1), 4),
                    round(min(rect.y1 / shown.height, 1), 4),
                    ground,
                )
            )
        return areas


# --- the checks ----------------------------------------------------------------------


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def pymupdf_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def pdftotext(data: bytes) -> str:
    program = shutil.which("pdftotext")
    assert program, "poppler-utils (pdftotext) is needed for this test"
    result = subprocess.run(
        [program, "-layout", "-", "-"], input=data, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8", "replace")


def ocr_png(png: bytes) -> str:
    program = shutil.which("tesseract")
    assert program, "tesseract is needed for this test"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.png"
        path.write_bytes(png)
        result = subprocess.run(
            [program, str(path), "stdout", "-l", "ind", "--psm", "3"],
            capture_output=True,
            check=True,
            timeout=120,
        )
    return result.stdout.decode("utf-8", "replace")


def ocr_pdf(data: bytes) -> str:
    """OCR of every page, turned back to rotation 0: the fixtures' text is upright there,
    and tesseract does not read text lying on its side."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        texts = []
        for page in doc:
            page.set_rotation(0)
            texts.append(ocr_png(page.get_pixmap(dpi=200).tobytes("png")))
        return "\n".join(texts)


def raw_streams(data: bytes) -> list[bytes]:
    """The file's bytes, and every object and stream decompressed."""
    parts = [data]
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for xref in range(1, doc.xref_length()):
            parts.append(doc.xref_object(xref, compressed=False).encode("latin-1", "replace"))
            if doc.xref_is_stream(xref):
                parts.append(doc.xref_stream(xref) or b"")
    return parts


def raw_hits(data: bytes, needle: str) -> bool:
    """Is ``needle`` in the raw bytes, as text or as a hex string (how PyMuPDF and many
    producers write a text string), in the file or in any decompressed stream?"""
    forms = [
        needle.encode(),
        needle.encode().hex().encode(),
        needle.encode().hex().upper().encode(),
    ]
    return any(form in part for part in raw_streams(data) for form in forms)


def assert_pdf_free_of(data: bytes, secret: str = SECRET) -> None:
    """None of the four readings finds ``secret`` (nor its first 8 digits, read by OCR)."""
    assert secret not in digits(pymupdf_text(data))
    assert secret not in digits(pdftotext(data))
    assert secret[:8] not in digits(ocr_pdf(data))
    assert not raw_hits(data, secret)
