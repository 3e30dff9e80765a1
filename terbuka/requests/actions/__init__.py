"""Every state change of an information request (STYLE.md "Workflows").

Being split into modules named after the stage of a request; for now everything lives in
``receipt``. Callers keep using ``from terbuka.requests import actions``.
"""

from terbuka.requests.actions.receipt import (
    ActionError,
    Identity,
    assign,
    complete_identity,
    correct_notice,
    extend,
    forward,
    mark_identity_incomplete,
    post_message,
    register,
    save_notice,
    send_notice,
    submit,
    submit_draft,
    withdraw,
)

__all__ = [
    "ActionError",
    "Identity",
    "assign",
    "complete_identity",
    "correct_notice",
    "extend",
    "forward",
    "mark_identity_incomplete",
    "post_message",
    "register",
    "save_notice",
    "send_notice",
    "submit",
    "submit_draft",
    "withdraw",
]
