"""Document uploads: content checked against the extension, limits, storage, versions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from terbuka.catalog import actions, documents
from terbuka.catalog.models import Document, DocumentVersion, Entry, ExtractionStatus
from terbuka.catalog.pdfgen import scanned_png
from terbuka.catalog.tests.factories import (
    corrupt_pdf,
    docx_bytes,
    encrypted_pdf,
    odt_bytes,
    stored_files,
    text_pdf,
    upload,
    xlsx_bytes,
)
from terbuka.testing import make_entry


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("laporan.pdf", text_pdf(), "pdf"),
        ("renstra.docx", docx_bytes("Rencana Strategis"), "docx"),
        ("pengadaan.xlsx", xlsx_bytes("Pengadaan alat kesehatan"), "xlsx"),
        ("sop.odt", odt_bytes("SOP", "Pelayanan informasi"), "odt"),
        ("peta.PNG", scanned_png(["Peta rawan banjir"]), "png"),
    ],
)
def test_it_accepts_each_format_by_its_content(name: str, data: bytes, kind: str) -> None:
    assert documents.inspect(upload(name, data)).kind.code == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kosong.pdf", b"", "kosong"),
        ("laporan.pdf", b"MZ\x90\x00 this is a program", "tidak sesuai"),
        ("laporan.docx", text_pdf(), "isinya PDF"),
        ("laporan.pdf", docx_bytes("x"), "isinya DOCX"),
        ("tabel.xlsx", docx_bytes("x"), "isinya DOCX"),
        ("gambar.jpg", scanned_png(["x"]), "isinya PNG"),
        ("arsip.zip", b"PK\x03\x04", "tidak diterima"),
        ("skrip.html", b"<script>alert(1)</script>", "tidak diterima"),
        ("tanpa-ekstensi", text_pdf(), "tidak diterima"),
    ],
)
def test_it_refuses_bad_uploads_with_a_clear_message(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        documents.inspect(upload(name, data))
    assert message in " ".join(caught.value.messages)


def test_it_refuses_an_oversize_file(monkeypatch: Any) -> None:
    monkeypatch.setitem(
        documents.KINDS, "pdf", documents.Kind("pdf", "PDF", "application/pdf", 1000, ".pdf")
    )
    big = text_pdf() + b"%" * 2000
    with pytest.raises(ValidationError) as caught:
        documents.inspect(upload("besar.pdf", big))
    assert "paling besar" in caught.value.messages[0]


def test_it_refuses_a_zip_posing_as_odt_with_the_wrong_mimetype() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(ValidationError):
        documents.inspect(upload("lembar.odt", out.getvalue()))


def test_it_stores_under_a_random_name_and_keeps_the_original_safely(
    entry_a: Entry, world: Any
) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a,
        entry=entry_a,
        title="Laporan",
        upload=upload("../../etc/Laporan Keuangan (final)\u202e.pdf", text_pdf()),
    )
    version = document.versions.get()
    assert version.file.name.startswith("dip/")
    assert "Laporan" not in version.file.name
    assert version.original_name == "Laporan_Keuangan_final.pdf"
    assert version.content_type == "application/pdf"
    assert len(version.sha256) == 64


def test_it_keeps_old_versions_when_a_new_one_is_uploaded(entry_a: Entry, world: Any) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a,
        entry=entry_a,
        title="Laporan",
        upload=upload("v1.pdf", text_pdf("Versi satu")),
    )
    second = actions.add_version(
        actor=world.pelaksana_a, document=document, upload=upload("v2.pdf", text_pdf("Versi dua"))
    )
    assert second.number == 2
    assert [v.number for v in document.versions.all()] == [2, 1]
    assert document.current_version == second
    assert len({v.file.name for v in document.versions.all()}) == 2


def test_it_refuses_a_new_version_from_an_officer_of_another_body(
    entry_a: Entry, world: Any
) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a, entry=entry_a, title="Laporan", upload=upload("v1.pdf", text_pdf())
    )
    before = stored_files()
    with pytest.raises(actions.PermissionDenied):
        actions.add_version(
            actor=world.pelaksana_b, document=document, upload=upload("v2.pdf", text_pdf())
        )
    assert document.versions.count() == 1
    assert stored_files() == before


@pytest.mark.parametrize(
    ("name", "data"),
    [("kosong.pdf", b""), ("palsu.pdf", b"GIF89a not a pdf"), ("laporan.docx", text_pdf())],
)
def test_it_leaves_no_row_and_no_file_for_a_refused_upload(
    entry_a: Entry, world: Any, name: str, data: bytes
) -> None:
    before = stored_files()
    with pytest.raises(ValidationError):
        actions.add_document(
            actor=world.pelaksana_a, entry=entry_a, title="X", upload=upload(name, data)
        )
    assert not Document.objects.exists()
    assert stored_files() == before


def test_it_deletes_the_stored_file_when_saving_the_rows_fails(
    entry_a: Entry, world: Any, monkeypatch: Any
) -> None:
    before = stored_files()

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions.log, "record", broken)
    with pytest.raises(RuntimeError):
        actions.add_document(
            actor=world.pelaksana_a, entry=entry_a, title="X", upload=upload("a.pdf", text_pdf())
        )
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize(
    ("data", "reason"),
    [(corrupt_pdf(), "rusak"), (encrypted_pdf(), "kata sandi")],
)
def test_it_accepts_a_damaged_pdf_but_its_extraction_fails_clearly(
    entry_a: Entry, world: Any, django_capture_on_commit_callbacks: Any, data: bytes, reason: str
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        document = actions.add_document(
            actor=world.pelaksana_a, entry=entry_a, title="Laporan", upload=upload("l.pdf", data)
        )
    version = document.versions.get()
    assert version.extraction_status == ExtractionStatus.FAILED
    assert reason in version.extraction_error
    entry_a.refresh_from_db()
    assert entry_a.is_published


def test_it_keeps_a_link_document_without_versions(entry_a: Entry, world: Any) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a,
        entry=entry_a,
        title="Portal LPSE",
        link="https://lpse.example.go.id/",
    )
    assert document.link
    assert not document.versions.exists()
    with pytest.raises(ValidationError):
        actions.add_version(
            actor=world.pelaksana_a, document=document, upload=upload("a.pdf", text_pdf())
        )


def test_it_wants_exactly_one_of_file_or_link(entry_a: Entry, world: Any) -> None:
    with pytest.raises(ValidationError):
        actions.add_document(actor=world.pelaksana_a, entry=entry_a, title="X")
    with pytest.raises(ValidationError):
        actions.add_document(
            actor=world.pelaksana_a,
            entry=entry_a,
            title="X",
            upload=upload("a.pdf", text_pdf()),
            link="https://example.go.id/",
        )


def test_it_rolls_back_the_whole_step_when_the_document_fails_inside_a_transaction(
    world: Any,
) -> None:

    with pytest.raises(ValidationError), transaction.atomic():
        entry = make_entry(world.pelaksana_a, world.agency_a)
        actions.add_document(
            actor=world.pelaksana_a, entry=entry, title="X", upload=upload("x.pdf", b"")
        )
    assert not Entry.objects.exists()
