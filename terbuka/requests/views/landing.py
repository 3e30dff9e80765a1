"""Where a person lands after logging in (issue 13): an officer on his inbox, a requester
on "Permohonan saya", everyone else (administrators, Atasan PPID, DPO) on the home page as
before. ``settings.LOGIN_REDIRECT_URL`` names this view; a ``next`` still wins."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from terbuka.bodies import permissions


@login_required
@never_cache
def after_login(request: HttpRequest) -> HttpResponse:
    user = request.user
    if permissions.is_officer(user):
        return redirect("requests:inbox")
    if not permissions.has_official_duties(user):
        return redirect("requests:mine")
    return redirect("portal:home")
