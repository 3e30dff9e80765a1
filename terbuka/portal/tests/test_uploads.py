"""terbuka/uploads.py: formats judged by their bytes; images kept without their metadata."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from terbuka import uploads


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to display upright
    gps = exif.get_ifd(0x8825)
    gps[2] = (1.0, 52.0, 0.0)  # GPSLatitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"lokasi rumah pemohon")
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "png"),
        (_zip({"[Content_Types].xml": b"x", "word/document.xml": b"x"}), "docx"),
        (_zip({"[Content_Types].xml": b"x", "xl/workbook.xml": b"x"}), "xlsx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods"),
        (_zip({"word/document.xml": b"x"}), None),  # not a real OOXML package
        (_zip({"evil.exe": b"MZ"}), None),
        (b"MZ\x90\x00 an executable renamed to .pdf", None),
        (b"", None),
    ],
)
def test_it_names_the_format_from_the_bytes(content: bytes, expected: str | None) -> None:
    assert uploads.sniff(content) == expected
    assert uploads.sniff(io.BytesIO(content)) == expected


def test_it_strips_exif_gps_and_comments_and_keeps_the_picture_upright() -> None:
    original = _jpeg_with_gps()
    assert b"KameraPonsel" in original and b"lokasi rumah" in original
    cleaned = uploads.strip_image_metadata(original, "jpeg")
    assert b"KameraPonsel" not in cleaned
    assert b"lokasi rumah" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert not image.getexif()
        assert image.size == (20, 40)  # the orientation was applied, then dropped


def test_it_refuses_a_corrupt_image() -> None:
    with pytest.raises(uploads.UnreadableImage):
        uploads.strip_image_metadata(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "png")


def test_it_refuses_a_decompression_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    Image.new("L", (400, 400)).save(out, format="PNG")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(uploads.UnreadableImage):
        uploads.strip_image_metadata(out.getvalue(), "png")


@pytest.mark.django_db
def test_downloads_go_through_nginx_only_when_configured_and_never_decrypted_files(
    settings: object,
) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("dip/contoh.pdf", ContentFile(b"%PDF-1.4 contoh"))
    streamed = uploads.download_response(
        storage_name=name, content_type="application/pdf", filename="laporan.pdf"
    )
    assert b"".join(streamed.streaming_content) == b"%PDF-1.4 contoh"  # type: ignore[attr-defined]
    assert "X-Accel-Redirect" not in streamed
    assert streamed["Content-Disposition"] == 'attachment; filename="laporan.pdf"'
    assert streamed["X-Content-Type-Options"] == "nosniff"

    settings.TERBUKA_X_ACCEL_REDIRECT_PREFIX = "/_berkas/"  # type: ignore[attr-defined]
    handed = uploads.download_response(
        storage_name=name, content_type="application/pdf", filename="laporan.pdf"
    )
    assert handed["X-Accel-Redirect"] == f"/_berkas/{name}"
    assert handed.content == b""

    decrypted = uploads.download_response(
        storage_name=name, content_type="image/png", filename="ktp.png", data=b"plain"
    )
    assert "X-Accel-Redirect" not in decrypted
    assert decrypted.content == b"plain"
    assert decrypted["Cache-Control"] == "private, no-store"
