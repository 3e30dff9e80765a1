"""The shield and redaction together (issue 12): a DIP document with a NIK is held, the
officer follows "Hitamkan temuan", applies the areas it proposes, and the redacted version
is scanned again, found clean and published — with nothing of the NIK left in it."""

from __future__ import annotations

import io
from typing import Any

import pymupdf
import pytest
from django.test import Client
from django.urls import reverse

from terbuka.catalog.models import DocumentVersion
from terbuka.catalog.tests.test_shield import WITH_NIK, attach, download
from terbuka.shield import links
from terbuka.shield.state import ShieldState
from terbuka.testing import NIK_DUA, PASSWORD, make_entry


@pytest.fixture(autouse=True)
def _inline_tasks(settings: Any) -> None:
    # The worker's jobs run when the transaction commits, as the worker would run them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_held_nik_is_blacked_out_from_the_proposed_areas_and_then_published(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    entry_a = make_entry(world.pelaksana_a, world.agency_a)
    document = attach(entry_a, world, WITH_NIK, django_capture_on_commit_callbacks)
    held = document.versions.get()
    assert held.shield_state == ShieldState.HELD
    assert download(Client(), document) == 404

    client.login(username="pelaksana.a", password=PASSWORD)
    check = client.get(reverse("catalog:version_check", kwargs={"public_id": held.public_id}))
    proposed = links.redaction_url(held, held.shield_findings)
    assert proposed is not None and proposed.replace("&", "&amp;") in check.content.decode()

    # The redaction page opens with one row per finding, ground huruf h, ready to apply.
    page = client.get(proposed)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else str(value) for name, value in data.items()}
    assert data["area-0-ground"] == "h" and data["area-0-page"] == "1"
    with django_capture_on_commit_callbacks(execute=True):
        applied = client.post(proposed.split("?")[0], data)
    assert applied.status_code == 302

    redacted = DocumentVersion.objects.get(document=document, number=2)
    assert redacted.shield_state == ShieldState.CLEAR, "scanned again, nothing left"
    response = Client().get(reverse("catalog:document_download", args=[document.public_id]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = "".join(page.get_text() for page in pymupdf.open(stream=io.BytesIO(body)))
    assert NIK_DUA not in text and NIK_DUA.encode() not in body
    assert "Tumbang" in text, "only the finding was removed, not the line"
