"""``terbuka.escaping.text`` writes what the template engine writes for ``{{ value }}``."""

from __future__ import annotations

import uuid

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from terbuka.escaping import text

VALUES = [
    "Laporan <keuangan> & \"anggaran\" '2024'",
    "tanpa apa-apa",
    "",
    42,
    None,
    uuid.UUID(int=7),
    mark_safe("<mark>aman</mark> &amp;"),
    gettext_lazy("Badan publik"),
]


@pytest.mark.parametrize("value", VALUES)
def test_it_writes_a_value_as_the_template_engine_does(value: object) -> None:
    with override("en"):
        expected = Template("{{ value }}").render(Context({"value": value}))
        assert text(value) == expected
