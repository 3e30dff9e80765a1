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

from terbuka.conftest import World
from terbuka.search import index
from terbuka.search.registry import (
    FormChoice,
    IndexDocument,
    Source,
    register_source,
    unregister_source,
)

# What the catalog and the request log register (apps.py): their kinds and filter values.
DIP_DEFAULTS: dict[str, Any] = {
    "category": "berkala",
    "year": 2024,
    "form": "softcopy",
    "published_on": dt.date(2024, 3, 1),
}
REQUEST_DEFAULTS: dict[str, Any] = {"year": 2024, "published_on": dt.date(2024, 3, 1)}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    # The personas' passwords are hashed for every test; search tests never log in by password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


class FakeSource:
    """A source of the tests' own: ``public`` holds its public objects' documents."""

    KIND = "uji"

    def __init__(self) -> None:
        self.public: dict[int, IndexDocument] = {}
        self.source = Source(
            kind=self.KIND,
            noun="dokumen uji",
            filter_label="Hanya dokumen uji",
            badge="Dokumen uji",
            document=self.public.get,
            public_documents=lambda: list(self.public.values()),
            categories=[("ujicoba", "Kategori uji coba")],
            forms=[FormChoice("digital", "Berkas digital", accepts=("digital", "keduanya"))],
            position=99,
        )

    def add(self, object_id: int, title: str, body: Any, **fields: Any) -> IndexDocument:
        document = IndexDocument(
            object_id=object_id,
            body_id=body.pk,
            title=title,
            text=fields.pop("text", title),
            url=f"/uji/{object_id}/",
            **fields,
        )
        self.public[object_id] = document
        return document


@pytest.fixture
def fake_source() -> Iterator[FakeSource]:
    fake = FakeSource()
    register_source(fake.source)
    yield fake
    unregister_source(FakeSource.KIND)
