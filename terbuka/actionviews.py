"""The one way a view runs an action (STYLE.md, "Where logic lives"; issue 8).

A view validates the form, calls the action, and then either says it was done and
redirects (Post/Redirect/Get), or shows the page again, answering 400, with the action's
refusal on the form and everything the user typed kept.

Actions refuse with a ``ValidationError`` whose messages are complete sentences for the
user: ``ActionError`` (``requests/errors.py``), ``PrivacyError`` (privacy), or Django's own
``ValidationError``, naming fields, from the catalog's actions and the upload checks.
``PermissionDenied`` is not a refusal to explain on the form: it goes on to the 403 page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

T = TypeVar("T")

# What to say, or where to go, once the action is done: fixed, or made from its result.
FromResult = str | Callable[[T], str]


def safe_next(request: HttpRequest, value: str | None) -> str:
    """The ``next`` target if it stays on this site, otherwise the empty string: a posted
    ``next`` never sends anyone to another site (an open redirect)."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def refusal_text(error: ValidationError) -> str:
    """The refusal's sentence(s), as they are."""
    return " ".join(str(message) for message in error.messages)


def add_refusal(form: BaseForm, error: ValidationError) -> None:
    """Show the refusal on the form: next to the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refusal_text(error))


def _from(value: FromResult[T], result: T) -> str:
    return value(result) if callable(value) else value


def run_action(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    done: FromResult[T] | None,
    then: FromResult[T],
    again: Callable[[], HttpResponse],
) -> HttpResponse:
    """Validate ``form`` and run ``action(cleaned_data)``.

    Done: the success message ``done`` (none if None), and a redirect to ``then`` (a URL
    or a URL name). Invalid or refused: ``again()``, the page with the bound form, as 400.
    """

    def shown(result: T) -> HttpResponse:
        if done is not None:
            messages.success(request, _from(done, result))
        return redirect(_from(then, result))

    return run_action_and_show(request, form, action, shown=shown, again=again)


def run_button(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    done: FromResult[T],
    then: str,
) -> HttpResponse:
    """An action behind a button, with nothing typed: done or refused, the user goes back
    to ``then`` and reads the success message or the refusal there."""
    try:
        result = action()
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _from(done, result))
    return redirect(then)


def run_action_and_show(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    shown: Callable[[T], HttpResponse],
    again: Callable[[], HttpResponse],
) -> HttpResponse:
    """Like ``run_action``, but once done the answer to the POST itself is the page
    ``shown(result)``, with no redirect: for what is shown once and must not be kept in a
    message, the session or a URL to survive the redirect (a new token's secret)."""
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return shown(result)
    response = again()
    response.status_code = 400
    return response
