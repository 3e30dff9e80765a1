"""The two full-text backends behind ``terbuka.search.index`` and ``terbuka.search.query``
(their shared types in ``base``), chosen by the database in use."""

from __future__ import annotations

from django.db import connection

from terbuka.search.backends.base import CANDIDATE_LIMIT, Backend, Filters, Row, facet_tokens

__all__ = ["CANDIDATE_LIMIT", "Backend", "Filters", "Row", "current", "facet_tokens"]


def current() -> Backend:
    if connection.vendor == "postgresql":
        from terbuka.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from terbuka.search.backends.sqlite import SQLiteBackend

    return SQLiteBackend()
