"""The engine removes what is under an area, proven by reading the output four ways:
PyMuPDF's text, poppler's pdftotext, tesseract OCR of the rendered pages, and a search of
the raw and decompressed bytes. Each fixture is first shown to carry the NIK the same
ways, so a check that finds nothing is a check that could have found it."""

from __future__ import annotations

import io

import pymupdf
import pytest
from PIL import Image

from terbuka.redaction import engine
from terbuka.redaction.engine import Area, RedactionError
from terbuka.redaction.tests.removal import (
    KEPT,
    SECRET,
    area_around,
    assert_pdf_free_of,
    digits,
    image_bytes,
    ocr_pdf,
    ocr_png,
    pdftotext,
    pymupdf_text,
    raw_hits,
    scanned_pdf,
    text_image,
    text_pdf,
)

# The first line of a drawn text image (text_image): where the NIK is, as fractions.
IMAGE_NIK_AREA = (0.02, 0.12, 0.75, 0.42)


def test_it_removes_text_and_line_art_under_an_area_of_a_text_pdf() -> None:
    original = text_pdf()
    assert SECRET in digits(pymupdf_text(original))
    assert SECRET in digits(pdftotext(original))
    assert raw_hits(original, SECRET)

    redacted = engine.redact(original, engine.PDF, area_around(original, SECRET))

    assert_pdf_free_of(redacted)
    assert KEPT in pymupdf_text(redacted)  # the rest of the page is still text
    with pymupdf.open(stream=redacted, filetype="pdf") as doc:
        # The blue underline under the NIK is gone, not covered.
        assert not [d for d in doc[0].get_drawings() if d.get("color") == (0.0, 0.0, 1.0)]


def test_it_cleans_metadata_annotations_fields_attachments_javascript_links_and_outline() -> None:
    original = text_pdf(extras=True)
    with pymupdf.open(stream=original, filetype="pdf") as doc:
        assert doc.metadata and SECRET in doc.metadata["author"]
        assert doc.embfile_count() == 1
        assert list(doc[0].widgets())
        assert doc.get_toc()

    redacted = engine.redact(original, engine.PDF, area_around(original, SECRET))

    assert_pdf_free_of(redacted)
    with pymupdf.open(stream=redacted, filetype="pdf") as doc:
        assert doc.metadata is not None
        assert not any(doc.metadata[key] for key in ("author", "subject", "title", "producer"))
        assert not doc.get_xml_metadata()
        assert doc.embfile_count() == 0
        assert not list(doc[0].annots())
        assert not list(doc[0].widgets())
        assert not doc[0].get_links()
        assert doc.get_toc() == []  # its title named the NIK
        assert b"JavaScript" not in b"".join(
            doc.xref_object(x).encode() for x in range(1, doc.xref_length())
        )
    assert b"app.alert" not in redacted


def test_it_removes_the_pixels_of_a_scanned_pdf() -> None:
    original = scanned_pdf()
    assert SECRET[:8] in digits(ocr_pdf(original))
    assert SECRET not in digits(pymupdf_text(original))  # no text layer: OCR is the proof

    redacted = engine.redact(original, engine.PDF, [Area(1, *IMAGE_NIK_AREA_ON_PAGE, "h")])

    assert_pdf_free_of(redacted)
    assert "Kepala" in ocr_pdf(redacted)


# The drawn image spans the page's width and the top of its height (scanned_pdf).
_IMAGE_HEIGHT_ON_PAGE = (120 + 2 * 110) * (595 / 1400) / 842
IMAGE_NIK_AREA_ON_PAGE = (
    IMAGE_NIK_AREA[0],
    round(IMAGE_NIK_AREA[1] * _IMAGE_HEIGHT_ON_PAGE, 4),
    IMAGE_NIK_AREA[2],
    round(IMAGE_NIK_AREA[3] * _IMAGE_HEIGHT_ON_PAGE, 4),
)


def test_it_removes_every_text_layer_and_the_image_under_the_areas() -> None:
    original = scanned_pdf(ocr_layer=True)
    with pymupdf.open(stream=original, filetype="pdf") as doc:
        assert pymupdf_text(original).count(SECRET) == 2  # the OCR layer and the real text
        assert len(doc[0].get_images()) == 1
    areas = [Area(1, *IMAGE_NIK_AREA_ON_PAGE, "h"), *area_around(original, SECRET)]

    redacted = engine.redact(original, engine.PDF, areas)

    assert_pdf_free_of(redacted)
    assert "Kepala" in ocr_pdf(redacted)


@pytest.mark.parametrize("rotation", [90, 270])
def test_it_takes_areas_on_the_displayed_page_of_a_rotated_text_pdf(rotation: int) -> None:
    original = text_pdf(rotation=rotation)
    areas = area_around(original, SECRET)
    with pymupdf.open(stream=original, filetype="pdf") as doc:
        assert doc[0].rotation == rotation
        assert doc[0].rect.width > doc[0].rect.height  # displayed landscape
    # On the displayed page the NIK's line runs top to bottom: a tall, thin area.
    assert areas[0].y1 - areas[0].y0 > areas[0].x1 - areas[0].x0

    redacted = engine.redact(original, engine.PDF, areas)

    assert_pdf_free_of(redacted)
    assert KEPT in pymupdf_text(redacted)


@pytest.mark.parametrize("rotation", [90, 270])
def test_it_takes_areas_on_the_displayed_page_of_a_rotated_scan(rotation: int) -> None:
    original = scanned_pdf(rotation=rotation)
    x0, y0, x1, y1 = IMAGE_NIK_AREA_ON_PAGE
    # The same area, seen on the page turned by ``rotation`` clockwise.
    shown = (1 - y1, x0, 1 - y0, x1) if rotation == 90 else (y0, 1 - x1, y1, 1 - x0)

    redacted = engine.redact(original, engine.PDF, [Area(1, *shown, "h")])

    assert_pdf_free_of(redacted)
    assert "Kepala" in ocr_pdf(redacted)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_it_fills_the_area_of_an_image_and_drops_its_metadata(fmt: str) -> None:
    original = image_bytes(text_image([f"NIK {SECRET}", KEPT]), fmt)
    assert SECRET[:8] in digits(ocr_png(original))
    assert SECRET.encode() in original  # in the EXIF or the PNG text chunk
    content_type = engine.PNG if fmt == "PNG" else engine.JPEG

    redacted = engine.redact(original, content_type, [Area(1, *IMAGE_NIK_AREA, "h")])

    assert SECRET[:8] not in digits(ocr_png(redacted))
    assert "Kepala" in ocr_png(redacted)
    assert SECRET.encode() not in redacted
    with Image.open(io.BytesIO(redacted)) as image:
        assert image.format == fmt
        assert not image.getexif()
        assert "Comment" not in image.info


def test_it_turns_an_image_upright_before_taking_the_areas() -> None:
    # Stored on its side with EXIF orientation 6 (shown turned 90° clockwise).
    upright = text_image([f"NIK {SECRET}", KEPT])
    stored = upright.rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    stored.save(out, format="JPEG", quality=95, exif=exif)

    redacted = engine.redact(out.getvalue(), engine.JPEG, [Area(1, *IMAGE_NIK_AREA, "h")])

    assert SECRET[:8] not in digits(ocr_png(redacted))
    with Image.open(io.BytesIO(redacted)) as image:
        assert image.size == upright.size


# --- bad input --------------------------------------------------------------------------


def test_it_refuses_an_area_outside_the_page() -> None:
    with pytest.raises(RedactionError, match="di luar halaman"):
        engine.redact(text_pdf(), engine.PDF, [Area(1, 0.5, 0.5, 1.2, 0.6, "h")])


def test_it_refuses_an_area_on_a_page_the_document_does_not_have() -> None:
    with pytest.raises(RedactionError, match="halaman 3 tidak ada"):
        engine.redact(text_pdf(), engine.PDF, [Area(3, 0.1, 0.1, 0.2, 0.2, "h")])


def test_it_refuses_an_area_without_a_ground() -> None:
    with pytest.raises(RedactionError, match="Pasal 17"):
        engine.redact(text_pdf(), engine.PDF, [Area(1, 0.1, 0.1, 0.2, 0.2, "z")])


def test_it_refuses_a_corrupt_pdf() -> None:
    with pytest.raises(RedactionError, match="rusak"):
        engine.redact(b"%PDF-1.7\n garbage", engine.PDF, [Area(1, 0.1, 0.1, 0.2, 0.2, "h")])


def test_it_refuses_an_encrypted_pdf() -> None:
    with pymupdf.open(stream=text_pdf(), filetype="pdf") as doc:
        locked = doc.tobytes(
            encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="rahasia", owner_pw="pemilik"
        )
    with pytest.raises(RedactionError, match="kata sandi"):
        engine.redact(locked, engine.PDF, [Area(1, 0.1, 0.1, 0.2, 0.2, "h")])


def test_it_refuses_a_pdf_of_more_than_500_pages() -> None:
    doc = pymupdf.open()
    for _number in range(engine.MAX_PAGES + 1):
        doc.new_page(width=100, height=100)
    with pytest.raises(RedactionError, match="501 halaman"):
        engine.page_count(doc.tobytes(), engine.PDF)


def test_it_refuses_a_corrupt_image() -> None:
    with pytest.raises(RedactionError, match="rusak"):
        engine.redact(b"\x89PNG\r\n\x1a\nnope", engine.PNG, [Area(1, 0.1, 0.1, 0.2, 0.2, "h")])


def test_it_reads_and_writes_the_area_query_string() -> None:
    areas = engine.parse_areas("1:0.1:0.2:0.5:0.25:h;2:0:0:1:0.1:h.3")
    assert areas == [Area(1, 0.1, 0.2, 0.5, 0.25, "h"), Area(2, 0.0, 0.0, 1.0, 0.1, "h.3")]
    assert engine.format_areas(areas) == "1:0.1:0.2:0.5:0.25:h;2:0:0:1:0.1:h.3"


@pytest.mark.parametrize(
    "text",
    ["1:0.1:0.2:0.5", "x:0.1:0.2:0.5:0.6:h", "1:0.12345:0.2:0.5:0.6:h", "1:0.1:0.2:1.5:0.6:h"],
)
def test_it_refuses_an_unreadable_area_in_the_query_string(text: str) -> None:
    with pytest.raises(RedactionError, match="Bagian 1"):
        engine.parse_areas(text)


def test_it_renders_a_rotated_page_as_displayed() -> None:
    png = engine.page_image(text_pdf(rotation=90), engine.PDF, 1)
    with Image.open(io.BytesIO(png)) as image:
        assert image.width > image.height
