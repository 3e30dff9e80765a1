"""The shared form partial (templates/partials/form_fields.html), issue 13: an error
summary linking to each field, fields in error marked for screen readers, choice groups as
fieldsets, and limits said before a person types or uploads."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from terbuka.requests.forms import body_label

pytestmark = pytest.mark.django_db

NEW = "/permohonan/baru/"


@pytest.fixture
def requester_client(client: Client, world: Any) -> Client:
    client.force_login(world.requester)
    return client


def tag(html: str, element_id: str) -> str:
    match = re.search(rf'<[a-z]+[^>]*\bid="{element_id}"[^>]*>', html)
    assert match, element_id
    return match.group(0)


def test_it_summarises_the_errors_on_top_with_a_link_to_each_field(
    requester_client: Client, world: Any
) -> None:
    response = requester_client.post(NEW, {"token": "a" * 32, "purpose": "Untuk riset"})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('<div class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert "Ada isian yang perlu diperbaiki" in summary
    assert 'href="#id_body"' in summary
    assert 'href="#id_subject"' in summary
    assert 'href="#id_how_to_obtain_0"' in summary  # a radio group: its first choice
    assert html.index("error-summary") < html.index('id="id_body"')
    assert "Untuk riset" in html  # what was typed stays


def test_it_marks_a_field_in_error_and_names_its_message(
    requester_client: Client, world: Any
) -> None:
    html = requester_client.post(
        NEW, {"token": "a" * 32, "body": body_label(world.agency_a), "how_to_obtain": "softcopy"}
    ).content.decode()
    subject = tag(html, "id_subject")
    assert 'aria-invalid="true"' in subject
    described = re.search(r'aria-describedby="([^"]+)"', subject)
    assert described
    assert described.group(1).split() == [
        "id_subject_helptext",
        "id_subject_counter",
        "id_subject_error",
    ]
    assert 'id="id_subject_error"' in html
    assert html.count('id="id_subject_error"') == 1
    assert 'aria-invalid="true"' not in tag(html, "id_body")  # no error there


def test_it_sends_no_summary_with_an_untouched_form(requester_client: Client) -> None:
    html = requester_client.get(NEW).content.decode()
    assert "error-summary" not in html
    assert 'aria-invalid="true"' not in html


def test_it_puts_a_radio_group_in_a_fieldset_with_a_legend(
    requester_client: Client,
) -> None:
    html = requester_client.get(NEW).content.decode()
    fieldset = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert "<legend>Cara memperoleh informasi" in fieldset
    assert 'name="how_to_obtain"' in fieldset


def test_it_states_the_upload_limits_before_upload(requester_client: Client) -> None:
    html = requester_client.get(NEW).content.decode()
    assert "Jenis berkas: PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG. Maks. 10 MB per berkas." in html
    assert "Jenis berkas: PDF, JPEG, PNG. Maks. 5 MB per berkas." in html
    attachments = tag(html, "id_attachments")
    assert 'accept=".pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png"' in attachments
    assert "id_attachments_limits" in attachments


def test_it_states_the_length_limit_of_a_text_area(requester_client: Client) -> None:
    html = requester_client.get(NEW).content.decode()
    assert "Maks. 5.000 karakter." in html
    assert "Maks. 2.000 karakter." in html
    subject = tag(html, "id_subject")
    assert 'maxlength="5000"' in subject and 'data-counter="id_subject_counter"' in subject


def test_it_says_a_pasted_text_is_too_long_and_keeps_it(
    requester_client: Client, world: Any
) -> None:
    long_text = "x" * 5001
    html = requester_client.post(
        NEW,
        {
            "token": "a" * 32,
            "body": body_label(world.agency_a),
            "subject": long_text,
            "how_to_obtain": "softcopy",
        },
    ).content.decode()
    assert long_text in html
    assert 'href="#id_subject"' in html
    assert "5000" in html[html.index('id="id_subject_error"') :][:300]
