"""The entry page and document downloads."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from terbuka.catalog import actions, shielding, tasks
from terbuka.catalog.models import Category, Entry
from terbuka.catalog.tests.factories import text_pdf, upload
from terbuka.testing import PASSWORD, make_entry


def test_it_shows_the_seven_columns_documents_and_the_first_lines(
    entry_a: Entry, world: Any, client: Any
) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a,
        entry=entry_a,
        title="LRA 2024",
        upload=upload("lra.pdf", text_pdf("Realisasi belanja modal puskesmas keliling")),
    )
    tasks.run_extraction(document.versions.get().pk)
    shielding.run_scan(document.versions.get().pk)
    page = client.get(entry_a.get_absolute_url()).content.decode()
    for value in (
        "Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2024",
        "Realisasi pendapatan dan belanja",
        "Sekretariat Dinas Kesehatan",
        "Kepala Subbagian Keuangan",
        "Januari 2025, Palangka Raya",
        "softcopy",
        "10 tahun",
        "LRA 2024",
        "Realisasi belanja modal puskesmas keliling",
    ):
        assert value in page, value
    assert reverse("catalog:document_download", args=[document.public_id]) in page
    # The public does not see the officers' tools.
    assert "Unggah versi baru" not in page
    assert "Ekstraksi teks" not in page


def test_it_lists_older_versions_in_the_history(entry_a: Entry, world: Any, client: Any) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a,
        entry=entry_a,
        title="LRA",
        upload=upload("v1.pdf", text_pdf("Satu")),
    )
    actions.add_version(
        actor=world.pelaksana_a, document=document, upload=upload("v2.pdf", text_pdf("Dua"))
    )
    shielding.scan_pending()
    page = client.get(entry_a.get_absolute_url()).content.decode()
    assert "Unduh versi 2" in page
    assert reverse("catalog:document_version_download", args=[document.public_id, 1]) in page
    old = client.get(reverse("catalog:document_version_download", args=[document.public_id, 1]))
    assert b"Satu" in b"".join(old.streaming_content)
    current = client.get(reverse("catalog:document_download", args=[document.public_id]))
    assert b"Dua" in b"".join(current.streaming_content)


def test_it_serves_a_document_safely(entry_a: Entry, world: Any, client: Any) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a,
        entry=entry_a,
        title="LRA",
        upload=upload('Laporan "akhir";\r\nX-Evil: 1.pdf', text_pdf()),
    )
    shielding.scan_pending()
    response = client.get(reverse("catalog:document_download", args=[document.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition and "\n" not in disposition and '";' not in disposition[22:]
    assert "Laporan_akhir" in disposition


def test_it_hides_unpublished_entries_and_their_files_from_the_public(
    entry_a: Entry, world: Any, client: Any
) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a, entry=entry_a, title="LRA", upload=upload("a.pdf", text_pdf())
    )
    actions.update_entry(actor=world.pelaksana_a, entry=entry_a, is_published=False)
    download = reverse("catalog:document_download", args=[document.public_id])
    assert client.get(entry_a.get_absolute_url()).status_code == 404
    assert client.get(download).status_code == 404
    client.login(username="pelaksana.b", password=PASSWORD)
    assert client.get(download).status_code == 404
    client.login(username="pelaksana.a", password=PASSWORD)
    assert client.get(entry_a.get_absolute_url()).status_code == 200
    assert client.get(download).status_code == 200


def test_it_shows_related_entries(world: Any, client: Any) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, tags="anggaran")
    sibling = make_entry(world.pelaksana_a, world.agency_a, title="Laporan Keuangan Triwulan III")
    tagged = make_entry(
        world.pelaksana_b,
        world.agency_b,
        category=Category.SETIAP_SAAT,
        title="Rencana Kerja Anggaran PUPR",
        tags="anggaran, pupr",
    )
    unrelated = make_entry(
        world.pelaksana_b,
        world.agency_b,
        category=Category.SETIAP_SAAT,
        title="SOP Jalan",
        tags="jalan",
    )
    page = client.get(entry.get_absolute_url()).content.decode()
    related = page[page.index("Informasi terkait") :]
    assert sibling.title in related
    assert tagged.title in related
    assert unrelated.title not in related


def test_it_answers_404_for_an_unknown_document_version(
    entry_a: Entry, world: Any, client: Any
) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a, entry=entry_a, title="LRA", upload=upload("a.pdf", text_pdf())
    )
    assert (
        client.get(
            reverse("catalog:document_version_download", args=[document.public_id, 9])
        ).status_code
        == 404
    )
