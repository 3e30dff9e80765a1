import datetime as dt
import io
import os
import time
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from terbuka import storage
from terbuka.requests import actions, errors, files
from terbuka.requests.actions import receipt
from terbuka.requests.models import FileKind, InfoRequest, RequestFile
from terbuka.testing import JPEG_BYTES, PDF_BYTES, PNG_BYTES, pdf_upload, png_upload, submit_request


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def stored_names() -> set[str]:
    return set(storage.walk(files.STORAGE_ROOT))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("surat.pdf", PDF_BYTES),
        ("FOTO.JPG", JPEG_BYTES),
        ("tabel.docx", DOCX),
        ("tabel.odt", ODT),
        ("gambar.png", PNG_BYTES),
    ],
)
def test_it_accepts_real_files_of_the_allowed_kinds(name, content):
    checked = files.validate_upload(upload(name, content), FileKind.ATTACHMENT)
    if checked.format.code in ("jpeg", "png"):
        # Images are re-encoded without metadata: the same picture, not the same bytes.
        assert checked.content.startswith(content[:4])
    else:
        assert checked.content == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.pdf", b"", "kosong"),
        ("palsu.pdf", b"MZ\x90\x00 not a pdf", "tidak sesuai"),
        ("palsu.docx", ODT, "tidak sesuai"),
        ("palsu.odt", DOCX, "tidak sesuai"),
        ("zip.docx", zip_bytes({"a.txt": b"x"}), "tidak sesuai"),
        ("skrip.exe", b"MZ", "tidak diterima"),
        ("catatan.html", b"<script>", "tidak diterima"),
    ],
)
def test_it_refuses_bad_files_with_a_clear_message(name, content, message):
    with pytest.raises(actions.ActionError) as error:
        files.validate_upload(upload(name, content), FileKind.ATTACHMENT)
    assert message in error.value.messages[0]


def test_identity_documents_take_only_pdf_jpeg_png_up_to_5_mb():
    with pytest.raises(actions.ActionError):
        files.validate_upload(upload("akta.docx", DOCX), FileKind.IDENTITY)
    big = PDF_BYTES + b"0" * (5 * files.MB)
    with pytest.raises(actions.ActionError) as error:
        files.validate_upload(upload("ktp.pdf", big), FileKind.IDENTITY)
    assert "terlalu besar" in error.value.messages[0]
    assert files.validate_upload(upload("ktp.pdf", big), FileKind.ATTACHMENT)


def test_a_too_large_attachment_is_refused_before_reading():
    class Huge:
        name = "besar.pdf"
        size = 11 * files.MB

        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("read a file already known to be too large")

    with pytest.raises(actions.ActionError) as error:
        files.validate_upload(Huge(), FileKind.ATTACHMENT)
    assert "10 MB" in error.value.messages[0]


def test_identity_documents_are_encrypted_at_rest_and_read_back(world):
    info_request = submit_request(world, identity_documents=[png_upload()])
    identity = info_request.files.get()
    with default_storage.open(identity.file.name, "rb") as handle:
        raw = handle.read()
    assert not raw.startswith(b"\x89PNG")
    assert files.open_file(identity).startswith(b"\x89PNG")
    assert len(identity.sha256) == 64
    # Stored under a random name, not the uploaded one.
    assert "ktp" not in identity.file.name


def test_a_failed_action_leaves_no_stored_file(world):
    before = stored_names()
    with pytest.raises(actions.ActionError):
        # The second file fails validation after the first was checked: nothing is stored.
        submit_request(world, attachments=[pdf_upload(), upload("x.pdf", b"")])
    assert stored_names() == before
    assert not InfoRequest.objects.exists()


def test_files_stored_by_an_action_that_then_fails_are_deleted(world, monkeypatch):
    before = stored_names()

    def explode(*args, **kwargs):
        raise RuntimeError("the event could not be written")

    monkeypatch.setattr(receipt, "_notify_receipt", explode)
    with pytest.raises(RuntimeError):
        submit_request(world, attachments=[pdf_upload()], identity_documents=[png_upload()])
    assert stored_names() == before
    assert not InfoRequest.objects.exists()


def test_sweep_deletes_old_orphans_only(world):
    info_request = submit_request(world, attachments=[pdf_upload()])
    kept = info_request.files.get().file.name
    orphan = default_storage.save("requests/2025/01/orphan.pdf", io.BytesIO(PDF_BYTES))
    young = default_storage.save("requests/2025/01/young.pdf", io.BytesIO(PDF_BYTES))
    old = time.time() - 2 * 3600
    os.utime(default_storage.path(orphan), (old, old))
    os.utime(default_storage.path(kept), (old, old))
    call_command("sweep_orphan_files", stdout=io.StringIO())
    assert not default_storage.exists(orphan)
    assert default_storage.exists(young)
    assert default_storage.exists(kept)
    swept = files.sweep_orphans(dt.timedelta(0))
    assert young in swept and kept not in swept


def test_download_filename_is_safe():
    request_file = RequestFile(original_name='../../etc/pass"wd\r\n.PDF')
    assert files.download_filename(request_file) == "etcpasswd.pdf"


def test_an_uploaded_photo_is_kept_without_its_exif_metadata():
    from PIL import Image

    image = Image.new("RGB", (16, 16), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    checked = files.validate_upload(upload("ktp.jpg", out.getvalue()), FileKind.IDENTITY)
    assert b"KameraPonsel" in out.getvalue()
    assert b"KameraPonsel" not in checked.content


def test_an_image_that_cannot_be_decoded_is_refused_with_a_clear_message():
    fake = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(errors.ActionError, match="rusak atau tidak dapat dibaca"):
        files.validate_upload(upload("ktp.png", fake), FileKind.IDENTITY)
