"""Fixtures for search tests. The search app knows no DIP entry and no request: its tests
write index rows directly (``index.upsert``), the way a source's documents end up there,
or register a source of their own. What the DIP and the request log put in the index is
tested beside them (``catalog/tests/test_search_source.py``,
``requests/tests/test_search_indexing.py``)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from terbuka.search import index
from terbuka.search.registry import register_source, unregister_source
from terbuka.search.tests.fakes import FakeSource
from terbuka.testing import World

# What the catalog and the request log register (apps.py): their kinds and filter values.
DIP_DEFAULTS: dict[str, Any] = {
    "category": "berkala",
    "year": 2024,
    "form": "softcopy",
    "published_on": dt.date(2024, 3, 1),
}
REQUEST_DEFAULTS: dict[str, Any] = {"year": 2024, "published_on": dt.date(2024, 3, 1)}


@pytest.fixture
def make_document(world: World) -> Callable[..., int]:
    """Index one document (a DIP entry unless ``kind`` says otherwise); returns its id."""
    ids = itertools.count(1)

    def make(
        title: str, text: str = "", *, kind: str = "dip", body: Any = None, **fields: Any
    ) -> int:
        object_id = next(ids)
        values = {**(DIP_DEFAULTS if kind == "dip" else REQUEST_DEFAULTS), **fields}
        values.setdefault("url", f"/{kind}/{object_id}/")
        index.upsert(
            kind=kind,
            object_id=object_id,
            body_id=(body or world.agency_a).pk,
            title=title,
            text=text or title,
            **values,
        )
        return object_id

    return make


@pytest.fixture
def fake_source() -> Iterator[FakeSource]:
    fake = FakeSource()
    register_source(fake.source)
    yield fake
    unregister_source(FakeSource.KIND)
