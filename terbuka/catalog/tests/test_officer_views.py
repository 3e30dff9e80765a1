"""Officers create and edit their own body's entries, attach documents, upload versions,
mark berkala entries updated, and see the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.urls import reverse

from terbuka.catalog import actions
from terbuka.catalog.models import Category, Document, Entry
from terbuka.catalog.tests.factories import stored_files, text_pdf, upload
from terbuka.testing import ENTRY_VALUES, PASSWORD, make_entry


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {key: str(value) for key, value in ENTRY_VALUES.items()}
    data.update(available_softcopy="on", is_published="on", unit="", next_update_due="")
    data.update(overrides)
    return data


def login(client: Any, username: str = "pelaksana.a") -> None:
    client.login(username=username, password=PASSWORD)


def test_it_creates_an_entry_with_its_first_document(world: Any, client: Any) -> None:
    login(client)
    response = client.post(
        reverse("catalog:entry_create"),
        form_data(document_title="LRA 2024", upload=upload("lra.pdf", text_pdf())),
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.body == world.agency_a
    assert entry.documents.get().versions.count() == 1


def test_it_refuses_a_mismatched_file_without_saving_the_entry(world: Any, client: Any) -> None:
    login(client)
    before = stored_files()
    response = client.post(
        reverse("catalog:entry_create"),
        form_data(upload=upload("laporan.pdf", b"PK\x03\x04 not really a pdf")),
    )
    assert response.status_code == 400  # refused: the form again, as typed
    assert "Isi berkas tidak sesuai dengan ekstensinya" in response.content.decode()
    assert not Entry.objects.exists()
    assert stored_files() == before


def test_it_refuses_an_empty_file_with_a_clear_message(world: Any, client: Any) -> None:
    login(client)
    response = client.post(
        reverse("catalog:entry_create"), form_data(upload=upload("kosong.pdf", b""))
    )
    assert response.status_code == 400  # refused: the form again, as typed
    assert not Entry.objects.exists()
    assert "kosong" in response.content.decode().lower()


def test_it_asks_an_officer_of_several_bodies_which_one(world: Any, client: Any) -> None:
    login(client, "utama")
    response = client.get(reverse("catalog:entry_create"))
    assert "Pilih badan publik" in response.content.decode()
    response = client.post(
        reverse("catalog:entry_create") + f"?badan={world.agency_b.slug}", form_data()
    )
    assert response.status_code == 302
    assert Entry.objects.get().body == world.agency_b


def test_it_refuses_a_body_the_officer_does_not_serve(world: Any, client: Any) -> None:
    login(client)
    response = client.post(
        reverse("catalog:entry_create") + f"?badan={world.agency_b.slug}", form_data()
    )
    assert response.status_code == 404
    assert not Entry.objects.exists()


def test_it_refuses_requesters_and_anonymous_visitors(world: Any, client: Any) -> None:
    assert client.get(reverse("catalog:dashboard")).status_code == 302
    client.force_login(world.requester)
    assert client.get(reverse("catalog:dashboard")).status_code == 403
    assert client.get(reverse("catalog:entry_create")).status_code == 403


def test_it_edits_its_own_entry_and_refuses_another_bodys(
    entry_a: Entry, world: Any, client: Any
) -> None:
    login(client, "pelaksana.b")
    edit = reverse("catalog:entry_edit", args=[entry_a.public_id])
    assert client.post(edit, form_data(title="Dibajak")).status_code == 403
    login(client)
    assert (
        client.post(edit, form_data(title="Laporan Realisasi Anggaran 2024 (revisi)")).status_code
        == 302
    )
    entry_a.refresh_from_db()
    assert entry_a.title == "Laporan Realisasi Anggaran 2024 (revisi)"


def test_it_attaches_a_link_and_uploads_a_new_version(
    entry_a: Entry, world: Any, client: Any
) -> None:
    login(client)
    response = client.post(
        reverse("catalog:document_add", args=[entry_a.public_id]),
        {"title": "Portal LPSE", "link": "https://lpse.kalteng.go.id/"},
    )
    assert response.status_code == 302
    document = actions.add_document(
        actor=world.pelaksana_a, entry=entry_a, title="LRA", upload=upload("a.pdf", text_pdf())
    )
    response = client.post(
        reverse("catalog:version_add", args=[document.public_id]),
        {"upload": upload("b.pdf", text_pdf("Revisi"))},
    )
    assert response.status_code == 302
    assert document.versions.count() == 2
    assert Document.objects.filter(entry=entry_a).count() == 2


def test_it_shows_a_clear_message_for_a_bad_new_version(
    entry_a: Entry, world: Any, client: Any
) -> None:
    document = actions.add_document(
        actor=world.pelaksana_a, entry=entry_a, title="LRA", upload=upload("a.pdf", text_pdf())
    )
    login(client)
    response = client.post(
        reverse("catalog:version_add", args=[document.public_id]),
        {"upload": upload("b.docx", text_pdf())},
    )
    assert response.status_code == 400  # refused: the form again, as typed
    assert "isinya PDF" in response.content.decode()
    assert document.versions.count() == 1


@time_machine.travel(dt.datetime(2025, 10, 1, 2, tzinfo=dt.UTC), tick=False)
def test_the_dashboard_flags_overdue_berkala_entries_until_marked_updated(
    world: Any, client: Any
) -> None:
    overdue = make_entry(
        world.pelaksana_a,
        world.agency_a,
        title="Profil Badan Publik",
        last_updated_on=dt.date(2025, 1, 2),
    )
    make_entry(
        world.pelaksana_a,
        world.agency_a,
        title="Masih mutakhir",
        last_updated_on=dt.date(2025, 9, 1),
    )
    make_entry(
        world.pelaksana_b, world.agency_b, title="Milik PUPR", last_updated_on=dt.date(2024, 1, 2)
    )
    login(client)
    page = client.get(reverse("catalog:dashboard")).content.decode()
    section = page[page.index("lewat batas pembaruan 6 bulanan") : page.index("gagal atau macet")]
    assert "Profil Badan Publik" in section
    assert "Masih mutakhir" not in section
    assert "Milik PUPR" not in section
    response = client.post(
        reverse("catalog:mark_updated", args=[overdue.public_id]),
        {"next": reverse("catalog:dashboard")},
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.next_update_due == dt.date(2026, 4, 1)
    page = client.get(reverse("catalog:dashboard")).content.decode()
    assert "Semua informasi berkala mutakhir" in page


def test_marking_updated_never_sends_the_officer_to_another_site(
    entry_a: Entry, world: Any, client: Any
) -> None:
    login(client)
    url = reverse("catalog:mark_updated", args=[entry_a.public_id])
    for target in ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"]:
        response = client.post(url, {"next": target})
        assert response.status_code == 302
        assert response["Location"] == entry_a.get_absolute_url()
    response = client.post(url, {"next": reverse("catalog:dashboard")})
    assert response["Location"] == reverse("catalog:dashboard")


def test_another_body_cannot_mark_an_entry_updated(entry_a: Entry, world: Any, client: Any) -> None:
    login(client, "pelaksana.b")
    assert client.post(reverse("catalog:mark_updated", args=[entry_a.public_id])).status_code == 403


def test_it_explains_on_the_page_why_an_entry_cannot_be_marked_updated(
    world: Any, client: Any
) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a, category=Category.SERTA_MERTA)
    login(client)
    response = client.post(reverse("catalog:mark_updated", args=[entry.public_id]), follow=True)
    assert response.redirect_chain == [(entry.get_absolute_url(), 302)]
    assert "Hanya informasi berkala yang wajib diperbarui berkala." in response.content.decode()
    entry.refresh_from_db()
    assert entry.next_update_due is None
