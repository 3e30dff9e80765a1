"""Every state change of an information request (STYLE.md "Workflows").

Each action is keyword-only and atomic, takes the acting user, re-reads the request under
``select_for_update``, checks the move against ``TRANSITIONS`` and the actor's rights
(``access``), saves, writes an ``Event`` and sends its e-mails after commit (``notify``).
A refused action raises ``ActionError`` (a ``ValidationError`` whose message is a complete
Indonesian sentence) and changes nothing; a user acting outside his rights gets
``PermissionDenied``. Actions that store files also delete them again if they fail
(``files.cleans_up_on_error``, PITFALLS.md 6).

The actions live in modules named after the stage of the request:

- ``receipt``: ``submit``, ``register``, the requester's identity (Pasal 22(1)–(6));
- ``handling``: ``assign``, ``forward``, ``submit_draft``, ``extend``, ``withdraw``,
  ``post_message``;
- ``notice``: the written notice, its sending, the referral and corrections (Pasal 22(7));
- ``reopening``: an answered request reopened under the Atasan PPID's instruction (Pasal
  36) and answered again;
- ``shield``: ``confirm_shield``, the officer letting out a document the personal-data
  shield held;
- ``shared``: what they all do the same way (lock, checks, event and audit record).

Callers import the package: ``from terbuka.requests import actions; actions.submit(...)``.
"""

from terbuka.requests.actions.handling import (
    assign,
    extend,
    forward,
    post_message,
    submit_draft,
    withdraw,
)
from terbuka.requests.actions.notice import correct_notice, save_notice, send_notice
from terbuka.requests.actions.receipt import (
    Identity,
    RequestContent,
    complete_identity,
    identity_request_refusal,
    mark_identity_incomplete,
    register,
    submit,
)
from terbuka.requests.actions.reopening import answer_under_instruction, reopen
from terbuka.requests.actions.shield import confirm_shield
from terbuka.requests.errors import ActionError

__all__ = [
    "ActionError",
    "Identity",
    "RequestContent",
    "answer_under_instruction",
    "assign",
    "complete_identity",
    "confirm_shield",
    "correct_notice",
    "extend",
    "forward",
    "identity_request_refusal",
    "mark_identity_incomplete",
    "post_message",
    "register",
    "reopen",
    "save_notice",
    "send_notice",
    "submit",
    "submit_draft",
    "withdraw",
]
