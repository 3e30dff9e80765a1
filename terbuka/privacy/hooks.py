"""Who must hear that an erasure closed an account.

``erase`` deactivates the account of a requester who asked to close it. Apps above privacy
that hold something the account can still use (the API's personal tokens) register a
callback in their ``AppConfig.ready``::

    from terbuka.privacy.hooks import on_account_closed

    on_account_closed(revoke_personal_tokens_of_closed_account)

The callbacks run inside the erasure's transaction: one that fails rolls the erasure back.
"""

from __future__ import annotations

from typing import Any, Protocol


class AccountClosedCallback(Protocol):
    def __call__(self, *, actor: Any, user: Any) -> object: ...


_callbacks: list[AccountClosedCallback] = []


def on_account_closed(callback: AccountClosedCallback) -> AccountClosedCallback:
    """Register ``callback`` (once; registering it again does nothing)."""
    if callback not in _callbacks:
        _callbacks.append(callback)
    return callback


def account_closed(*, actor: Any, user: Any) -> None:
    for callback in list(_callbacks):
        callback(actor=actor, user=user)
