"""The one way Terbuka sends e-mail (STYLE.md, "One owner per rule").

``send`` queues a message with ``transaction.on_commit``: nothing goes out for a change
that rolled back, and the message always shows what was committed. Sending happens after
the commit, so a failure can never undo a change, nor turn a committed change into an
error page. A failure is logged with the message's kind, what it is about (an id) and how
many recipients it had: never an address, a name or a NIK, and not the exception's text
either, because an SMTP refusal quotes the refused addresses.

Each recipient reads the message in his language: the one given with his address, else
the platform language (``settings.LANGUAGE_CODE``). The user model keeps no language
preference, so the only recipient whose language is known is the visitor acting right
now (``Recipient.acting``: the language he browses in, for mail he asked for himself).
Everyone else gets the platform language, not the language of whoever happened to cause
the message. Subjects and context values that need translating are therefore given
lazily (``gettext_lazy``, a callable, a ``TextChoices`` label) and rendered inside
``translation.override`` of the recipient's language.

Callers say what and to whom; this module decides how, once for all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    """An address and the language to write to it in ("" for the platform language)."""

    address: str
    language: str = ""

    @classmethod
    def acting(cls, address: str) -> Recipient:
        """The visitor acting now, in the language he chose for the site."""
        return cls(address, translation.get_language() or "")


# A subject or other text: a string, a lazy translation, or a callable run in the
# recipient's language.
Text = str | Promise | Callable[[], str]
Addresses = Iterable[str | Recipient]
Context = Mapping[str, Any]


def language_of(recipient: Recipient) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    return recipient.language if recipient.language in supported else settings.LANGUAGE_CODE


def _text(value: Text) -> str:
    return value() if callable(value) else str(value)


def _by_language(to: Addresses) -> dict[str, list[str]]:
    """Recipients grouped by language, each address once (its first language wins), in a
    stable order: one message per language, addressed to all its readers."""
    seen: set[str] = set()
    groups: dict[str, list[str]] = {}
    for item in to:
        recipient = item if isinstance(item, Recipient) else Recipient(item)
        address = recipient.address.strip()
        if not address or address in seen:
            continue
        seen.add(address)
        groups.setdefault(language_of(recipient), []).append(address)
    return {language: sorted(addresses) for language, addresses in sorted(groups.items())}


def _resolved(value: Any) -> Any:
    """A lazy translation (or a list of them) as text of the active language: filters such
    as ``join`` do not take lazy strings."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [_resolved(item) for item in value]
    return value


def _render(
    template: str, subject: Text | None, subject_template: str, context: Context
) -> tuple[str, str]:
    values = {key: _resolved(value) for key, value in context.items()}
    body = render_to_string(template, values)
    if subject is not None:
        return _text(subject), body
    return render_to_string(subject_template, values).strip(), body


def _failed(kind: str, about: str, count: int, error: Exception) -> None:
    # Kind, id and count only: the exception's text may quote addresses or names.
    logger.error(
        "E-mail %s%s to %d recipient(s) not sent: %s",
        kind,
        f" ({about})" if about else "",
        count,
        type(error).__name__,
    )


def _deliver(
    kind: str,
    *,
    to: Addresses,
    template: str,
    subject: Text | None = None,
    subject_template: str = "",
    context: Context | Callable[[], Context] | None = None,
    about: str = "",
) -> int:
    """Send now, one message per language; how many went out. Failures are logged."""
    groups = _by_language(to)
    sent = 0
    for language, addresses in groups.items():
        try:
            with translation.override(language):
                values = context() if callable(context) else (context or {})
                subject_line, body = _render(template, subject, subject_template, values)
            send_mail(subject_line, body, None, addresses)
        except Exception as error:
            _failed(kind, about, len(addresses), error)
        else:
            sent += 1
    return sent


def send(
    kind: str,
    *,
    to: Addresses | Callable[[], Addresses],
    template: str,
    subject: Text | None = None,
    subject_template: str = "",
    context: Context | Callable[[], Context] | None = None,
    about: str = "",
) -> None:
    """Queue the e-mail ``template`` (a template path) to be sent once the current
    transaction commits.

    ``kind`` names the message in the log; ``about`` names its object by id ("request
    42"). Give exactly one of ``subject`` and ``subject_template``. ``to`` and ``context``
    may be callables: they then run after the commit, so they read what was committed.
    """
    if (subject is None) == (not subject_template):
        raise ValueError("Give exactly one of subject and subject_template.")

    if callable(to):
        resolve = to
    else:
        fixed = list(to)  # read now: an iterator given here must not be read after commit

        def resolve() -> Addresses:
            return fixed

    def _send() -> None:
        try:
            recipients = list(resolve())
        except Exception as error:
            _failed(kind, about, 0, error)
            return
        _deliver(
            kind,
            to=recipients,
            template=template,
            subject=subject,
            subject_template=subject_template,
            context=context,
            about=about,
        )

    transaction.on_commit(_send)
