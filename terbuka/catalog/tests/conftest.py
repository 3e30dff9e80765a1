"""Catalog fixtures: tasks run inline (ImmediateBackend); an entry of agency A; a local
feed server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from terbuka.catalog.models import Entry
from terbuka.catalog.tests.feedserver import FeedServer
from terbuka.testing import make_entry


@pytest.fixture(autouse=True)
def _inline_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def entry_a(world: Any) -> Entry:
    return make_entry(world.pelaksana_a, world.agency_a)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
