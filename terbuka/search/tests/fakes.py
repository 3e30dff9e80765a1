"""A search source of the tests' own, for the search app's tests (which know no DIP entry
and no request)."""

from __future__ import annotations

from typing import Any

from terbuka.search.registry import FormChoice, IndexDocument, Source


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
