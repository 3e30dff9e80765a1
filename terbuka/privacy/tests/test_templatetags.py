"""The filters the navigation and the officer's request page use to link here."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from terbuka.testing import submit_with_documents

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    "{% load privacy_tags %}{% if user|is_dpo %}dpo{% endif %}"
    "{% if user|can_see_access_log:info_request %} log{% endif %}"
)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("dpo", "dpo log"), ("utama", " log"), ("admin", " log"), ("operator", ""), ("requester", "")],
)
def test_it_tells_who_gets_the_links(world, dpo, persona, expected):
    info_request = submit_with_documents(world)
    user = dpo if persona == "dpo" else getattr(world, persona)
    rendered = TEMPLATE.render(Context({"user": user, "info_request": info_request}))
    assert rendered == expected
