"""``/verifikasi/``: anyone checks a letter Terbuka issued, by its code and, if he has the
PDF, by uploading it. Public, so it shows nothing personal about the requester, and it is
rate-limited (codes are random, but guessing costs nothing without a limit)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from terbuka.letters import issuing, verification
from terbuka.letters.forms import CheckForm, CodeForm
from terbuka.letters.models import IssuedLetter
from terbuka.security import ratelimit

# Looking a code up, and checking an upload (a PDF parse and a signature validation).
LOOKUPS = ratelimit.Limit(60, 3600)
CHECKS = ratelimit.Limit(20, 3600)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "security/too_many.html", status=429)


@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """A form to type the code printed on the letter."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        code = issuing.normalise(form.cleaned_data["kode"])
        if code.isalnum():
            return redirect("letters:verify", code=code)
        form.add_error("kode", _("Kode verifikasi hanya berisi huruf dan angka."))
    return render(request, "letters/start.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    if not ratelimit.hit("letter-verify", request, limit=LOOKUPS):
        return _too_many(request)
    normalised = issuing.normalise(code)
    letter = (
        IssuedLetter.objects.select_related("body").filter(code=normalised).first()
        if normalised
        else None
    )
    if letter is None:
        return render(
            request, "letters/unknown.html", {"code": code[:20], "form": CodeForm()}, status=404
        )
    if normalised != code:
        return redirect("letters:verify", code=normalised)
    form = CheckForm()
    result = None
    problem = ""
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("letter-check", request, limit=CHECKS):
            return _too_many(request)
        form = CheckForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = verification.check(letter, form.cleaned_data["berkas"])
            except verification.NotChecked as error:
                problem = str(error)
                status = 400
        else:
            status = 400
    return render(
        request,
        "letters/verify.html",
        {"letter": letter, "form": form, "result": result, "problem": problem},
        status=status,
    )
