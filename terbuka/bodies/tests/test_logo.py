"""A body's own logo (issue 13 "Look"): uploaded by the administrator through the one
upload check, shown on the body's public page and on the letterhead of its letters."""

from __future__ import annotations

import io
from typing import Any

import pymupdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from terbuka.bodies.admin import BodyAdminForm
from terbuka.bodies.models import Body
from terbuka.testing import pdf_upload, submit_request


def png_with_exif() -> bytes:
    image = Image.new("RGB", (120, 120), (0, 90, 160))
    exif = Image.Exif()
    exif[0x010E] = "Kamera rahasia"  # ImageDescription
    out = io.BytesIO()
    image.save(out, format="PNG", exif=exif)
    return out.getvalue()


def form_for(body: Body, upload: SimpleUploadedFile) -> BodyAdminForm:
    data = {"website": body.website}
    return BodyAdminForm(data=data, files={"logo": upload}, instance=body)


def test_the_logo_is_kept_clean_and_shown_on_the_page_and_the_letterhead(
    client: Client, world: Any
) -> None:
    form = form_for(world.province, SimpleUploadedFile("logo.png", png_with_exif(), "image/png"))
    assert form.is_valid(), form.errors
    province = form.save()
    with province.logo.open("rb") as handle:
        stored = handle.read()
    assert b"Kamera rahasia" not in stored, "kept without its metadata"

    page = client.get(province.get_absolute_url()).content.decode()
    logo_url = reverse("bodies:logo", kwargs={"slug": province.slug})
    assert f'src="{logo_url}"' in page and f"Logo {province.name}" in page
    served = client.get(logo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"

    # The receipt of a request to the province carries it on its letterhead.
    info_request = submit_request(world)
    client.force_login(world.requester)
    receipt = client.get(reverse("requests:receipt_pdf", args=[info_request.public_id]))
    content = b"".join(receipt.streaming_content) if receipt.streaming else receipt.content
    with pymupdf.open(stream=content, filetype="pdf") as pdf:
        assert pdf[0].get_images(), "the logo is on the letterhead"


def test_a_body_without_a_logo_has_none_and_a_bad_file_gets_a_message(world: Any) -> None:
    assert (
        Client().get(reverse("bodies:logo", kwargs={"slug": world.agency_a.slug})).status_code
        == 404
    )
    refused = form_for(world.agency_a, pdf_upload("logo.png"))
    assert not refused.is_valid()
    assert "PNG atau JPEG" in str(refused.errors["logo"])
    big = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 600_000, "image/png")
    assert "512 KB" in str(form_for(world.agency_a, big).errors["logo"])
