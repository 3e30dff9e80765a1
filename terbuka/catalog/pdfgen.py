"""Small generated documents for the demo and the tests: a PDF with a real text layer
(written by hand: a few objects and a Helvetica content stream, milliseconds per file),
and a "scanned" page (text drawn onto an image with Pillow, wrapped in a PDF with no text
layer) that only OCR can read."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


def _pdf_string(text: str) -> str:
    # Helvetica with WinAnsi covers Indonesian (Latin) text; escape PDF string syntax.
    safe = text.encode("cp1252", "replace").decode("cp1252")
    return "(" + safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def text_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A one-page A4 PDF whose text pypdf can read back."""
    lines = [title, ""]
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, 85) or [""])
        lines.append("")
    commands = ["BT", "/F1 16 Tf", "56 790 Td", "18 TL", _pdf_string(lines[0]) + " Tj", "/F1 10 Tf"]
    commands.append("14 TL")
    for line in lines[1:52]:
        commands.append("T* " + _pdf_string(line) + " Tj")
    commands.append("ET")
    stream = "\n".join(commands).encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _font(size: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def scanned_image(lines: list[str], *, width: int = 1654, size: int = 44):  # type: ignore[no-untyped-def]
    """A greyscale page (A4 at 200 dpi wide) with ``lines`` drawn in black: what a scanner
    would give, with no text layer."""
    from PIL import Image, ImageDraw

    font = _font(size)
    line_height = int(size * 1.6)
    height = max(400, 160 + line_height * len(lines))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = 100
    for line in lines:
        draw.text((100, y), line, fill=0, font=font)
        y += line_height
    return image


def scanned_png(lines: list[str]) -> bytes:
    out = io.BytesIO()
    scanned_image(lines).save(out, "PNG")
    return out.getvalue()


def scanned_pdf(lines: list[str]) -> bytes:
    """A PDF holding only the page image (Pillow's PDF writer adds no text layer)."""
    out = io.BytesIO()
    scanned_image(lines).save(out, "PDF", resolution=200.0)
    return out.getvalue()
