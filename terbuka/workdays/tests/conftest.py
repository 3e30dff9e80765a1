from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from terbuka.workdays import hooks


@pytest.fixture
def heard() -> Iterator[list[dict[str, Any]]]:
    """A dummy recompute callback, registered for one test: what it was told."""
    calls: list[dict[str, Any]] = []

    def callback(**kwargs: Any) -> None:
        from django.db import connection

        calls.append({**kwargs, "in_transaction": connection.in_atomic_block})

    hooks.on_calendar_change(callback)
    yield calls
    hooks.disconnect(callback)
