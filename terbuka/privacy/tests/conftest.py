"""Fixtures for the privacy tests: the data-protection officers (DPO). Requests are built
through the real request actions by the helpers in ``terbuka.testing``."""

from __future__ import annotations

from typing import Any

import pytest

from terbuka.testing import add_dpo


@pytest.fixture
def dpo(world: Any) -> Any:
    """The data-protection officer of the province's PPID body."""
    return add_dpo("dpo.kalteng", world.province)


@pytest.fixture
def regency_dpo(world: Any) -> Any:
    return add_dpo("dpo.barut", world.regency)
