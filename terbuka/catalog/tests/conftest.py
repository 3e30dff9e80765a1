"""Catalog fixtures: tasks run inline (ImmediateBackend); an entry of agency A."""

from __future__ import annotations

from typing import Any

import pytest

from terbuka.catalog.models import Entry
from terbuka.testing import make_entry


@pytest.fixture(autouse=True)
def _inline_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def entry_a(world: Any) -> Entry:
    return make_entry(world.pelaksana_a, world.agency_a)
