from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from terbuka.bodies.models import Body


def directory(request: HttpRequest) -> HttpResponse:
    return render(request, "bodies/directory.html", {"bodies": Body.objects.active()})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body.objects.active(), slug=slug)
    return render(request, "bodies/detail.html", {"body": body})
