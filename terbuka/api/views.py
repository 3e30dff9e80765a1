"""The requester's token page (issue 15): his personal API tokens, a form to make one
(its secret shown once, in the answer to the form), and a button to revoke each."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from terbuka.accounts.models import User
from terbuka.actionviews import run_action_and_show, run_button
from terbuka.api import actions
from terbuka.api.forms import PersonalTokenForm
from terbuka.api.models import PersonalToken


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required
    return user


def _page(request: HttpRequest, form: PersonalTokenForm, **extra: Any) -> HttpResponse:
    return render(
        request,
        "api/personal_tokens.html",
        {
            "form": form,
            "tokens": PersonalToken.objects.filter(user=_user(request)),
            "max_tokens": actions.MAX_PERSONAL_TOKENS,
            **extra,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def personal_tokens(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, PersonalTokenForm())
    form = PersonalTokenForm(request.POST)
    return run_action_and_show(
        request,
        form,
        lambda data: actions.issue_personal_token(
            actor=request.user, name=data["name"], days=data["days"]
        ),
        # A fresh, empty form under the secret: the one just sent is done.
        shown=lambda issued: _page(
            request, PersonalTokenForm(), new_token=issued[0], secret=issued[1]
        ),
        again=lambda: _page(request, form),
    )


@never_cache
@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # Another's token is as unknown as one that does not exist.
    token = get_object_or_404(PersonalToken, pk=pk, user=_user(request))
    return run_button(
        request,
        lambda: actions.revoke_personal_token(actor=request.user, token=token),
        done=lambda revoked: _("Token “%(name)s” sudah dicabut.") % {"name": revoked.name},
        then=reverse("personal_tokens:list"),
    )
