"""The request form /permohonan/baru/ (UU 14/2008 Pasal 22(1)–(5))."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from terbuka.accounts.models import RequesterProfile
from terbuka.bodies.models import Body, BodyKind
from terbuka.requests import deadlines
from terbuka.requests.forms import body_label
from terbuka.requests.models import InfoRequest, RequestFile
from terbuka.testing import PASSWORD, pdf_upload

NEW = "/permohonan/baru/"


def form_data(world: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "token": "a" * 32,
        "body": body_label(world.agency_a),
        "subject": "Daftar penerima bantuan sosial 2024",
        "purpose": "Pengawasan warga",
        "how_to_obtain": "softcopy",
        "delivery": "email",
    }
    data.update(overrides)
    return data


@pytest.fixture
def requester_client(client: Client, world: Any) -> Client:
    client.force_login(world.requester)
    return client


def test_it_is_mounted_where_other_pages_link(db: Any) -> None:
    assert reverse("requests:new") == NEW


def test_it_shows_the_form_to_a_visitor(client: Client, world: Any) -> None:
    response = client.get(NEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-body-filter" in html
    assert body_label(world.agency_a) in html
    assert 'name="token"' in html
    assert "Masuk" in html


def test_it_groups_the_bodies_by_region_with_their_full_names(client: Client, world: Any) -> None:
    html = client.get(NEW).content.decode()
    province = html.index('<optgroup label="Provinsi Kalimantan Tengah">')
    regency = html.index('<optgroup label="Kabupaten Barito Utara">')
    assert province < regency  # the province first, then regencies, then cities
    # The province's health office says whose it is; the regency's already does.
    assert (
        '<option value="Dinas Kesehatan (DINKES)">'
        "Dinas Kesehatan — Provinsi Kalimantan Tengah (DINKES)</option>"
    ) in html[province:regency]
    assert (
        '<option value="Dinas Kesehatan Kabupaten Barito Utara (DINKES-BARUT)">'
        "Dinas Kesehatan Kabupaten Barito Utara (DINKES-BARUT)</option>"
    ) in html[regency:]
    # Each region's own government leads its group.
    first = html.index("<option", province)
    assert 'value="Provinsi Kalimantan Tengah (KALTENG)"' in html[first : first + 80]


def test_it_selects_the_body_from_the_body_page(client: Client, world: Any) -> None:
    html = client.get(NEW + "?badan=" + world.agency_b.slug).content.decode()
    assert f'<option value="{body_label(world.agency_b)}" selected>' in html


def test_it_prefills_the_body_from_the_body_page(client: Client, world: Any) -> None:
    response = client.get(NEW + "?badan=" + world.agency_b.slug)
    assert response.context["form"].initial["body"] == body_label(world.agency_b)


def test_it_gives_a_new_token_on_every_render(requester_client: Client) -> None:
    first = requester_client.get(NEW).context["form"].initial["token"]
    second = requester_client.get(NEW).context["form"].initial["token"]
    assert first != second


def test_it_submits_and_shows_the_receipt(requester_client: Client, world: Any) -> None:
    response = requester_client.post(NEW, form_data(world), follow=True)
    info_request = InfoRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "requests:receipt", kwargs={"public_id": info_request.public_id}
    )
    html = response.content.decode()
    assert info_request.number and info_request.number in html
    assert info_request.due_date is not None
    assert "Batas waktu" in html
    assert deadlines.explanation_text(info_request)[0] in html  # how the due date was counted
    assert info_request.requester == world.requester
    assert info_request.publish_allowed is False


def test_it_keeps_what_was_typed_when_required_fields_are_missing(
    requester_client: Client, world: Any
) -> None:
    response = requester_client.post(NEW, form_data(world, subject="", purpose="Untuk riset"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Untuk riset" in html
    assert body_label(world.agency_a) in html
    assert "field-error" in html
    assert not InfoRequest.objects.exists()


def test_it_refuses_an_unknown_body(requester_client: Client, world: Any) -> None:
    response = requester_client.post(NEW, form_data(world, body="Dinas Antah Berantah"))
    assert response.status_code == 400
    assert "Pilih badan publik dari daftar" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_it_makes_one_request_when_the_form_is_sent_twice(
    requester_client: Client, world: Any
) -> None:
    first = requester_client.post(NEW, form_data(world))
    second = requester_client.post(NEW, form_data(world))
    assert InfoRequest.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_it_refuses_a_body_without_a_ppid(requester_client: Client, world: Any) -> None:
    orphan = Body.objects.create(
        name="Badan Tanpa PPID", code="TANPA", slug="tanpa-ppid", kind=BodyKind.OTHER
    )
    response = requester_client.post(NEW, form_data(world, body=body_label(orphan)))
    assert response.status_code == 400
    html = response.content.decode()
    assert "belum memiliki PPID" in html
    assert "Daftar penerima bantuan sosial 2024" in html
    assert not InfoRequest.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("ktp.pdf", b"", content_type="application/pdf"), "kosong"),
        (
            SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
            "tidak sesuai",
        ),
        (
            SimpleUploadedFile(
                "ktp.pdf",
                b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 10),
                content_type="application/pdf",
            ),
            "terlalu besar",
        ),
    ],
    ids=["empty", "mismatched", "too-large"],
)
def test_it_refuses_a_bad_identity_document(
    requester_client: Client, world: Any, upload: SimpleUploadedFile, message: str
) -> None:
    response = requester_client.post(NEW, {**form_data(world), "identity_documents": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Daftar penerima bantuan sosial 2024" in html
    assert not InfoRequest.objects.exists()
    assert not RequestFile.objects.exists()


def test_it_stores_a_good_attachment(requester_client: Client, world: Any) -> None:
    response = requester_client.post(NEW, {**form_data(world), "attachments": pdf_upload()})
    assert response.status_code == 302
    assert RequestFile.objects.get().kind == "attachment"


def test_it_keeps_the_visitors_typing_through_login(client: Client, world: Any) -> None:
    response = client.post(NEW, form_data(world, subject="Anggaran jalan desa 2025"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=%2Fpermohonan%2Fbaru%2F" in response["Location"]
    assert not InfoRequest.objects.exists()

    login = client.post(
        reverse("accounts:login"),
        {"username": world.requester.username, "password": PASSWORD, "next": NEW},
    )
    assert login["Location"] == NEW
    page = client.get(NEW)
    html = page.content.decode()
    assert "Anggaran jalan desa 2025" in html
    assert body_label(world.agency_a) in html
    assert "lampirkan ulang" in html
    # The kept draft is used once.
    assert "Anggaran jalan desa 2025" not in client.get(NEW).content.decode()


def test_it_asks_for_the_missing_identity_first(client: Client, world: Any) -> None:
    RequesterProfile.objects.filter(user=world.requester).update(address="")
    client.force_login(world.requester)
    page = client.get(NEW)
    assert "/akun/profil/?next=%2Fpermohonan%2Fbaru%2F" in page.content.decode()
    response = client.post(NEW, form_data(world))
    assert response.status_code == 400
    assert "Lengkapi profil" in response.content.decode()
    assert "Daftar penerima bantuan sosial 2024" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_it_explains_the_identity_documents_for_a_legal_entity(client: Client, world: Any) -> None:
    RequesterProfile.objects.filter(user=world.requester).update(requester_type="legal_entity")
    client.force_login(world.requester)
    assert "akta pendirian" in client.get(NEW).content.decode()


def test_it_refuses_get_only_methods_it_does_not_know(requester_client: Client) -> None:
    assert requester_client.put(NEW).status_code == 405
