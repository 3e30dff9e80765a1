"""Officers' registry of a body's DIP feeds: the feeds pulled on a schedule
(``pull_dip_feeds``), their last pull and last error; add one, remove one."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from terbuka.actionviews import run_action, run_button
from terbuka.bodies.models import Body
from terbuka.bodies.permissions import can_act_on
from terbuka.catalog import actions
from terbuka.catalog.models import Feed, FeedShape
from terbuka.catalog.views.officer import _actor


class FeedForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Alamat feed"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy(
            "OpenSID: https://desa…/index.php/api_informasi_publik/ppid. Terbuka lain: "
            "https://…/badan-publik/SLUG/dip.json."
        ),
    )
    shape = forms.ChoiceField(
        label=gettext_lazy("Bentuk feed"), choices=FeedShape.choices, required=False
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValidationError(_("Hanya alamat http atau https."))
        return url


@login_required
@require_http_methods(["GET", "POST"])
def feed_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body.objects.active(), slug=slug)
    if not can_act_on(request.user, body):
        raise PermissionDenied(_("Hanya petugas PPID badan publik ini yang mengelola feed-nya."))
    here = reverse("catalog:feed_list", kwargs={"slug": body.slug})
    if request.method == "POST" and request.POST.get("hapus"):
        feed = get_object_or_404(Feed, body=body, public_id=request.POST["hapus"])
        return run_button(
            request,
            lambda: actions.remove_feed(actor=_actor(request), feed=feed),
            done=_("Feed dihapus dari daftar tarikan. Entri yang sudah masuk tetap di DIP."),
            then=here,
        )
    form = FeedForm(request.POST if request.method == "POST" else None)

    def page() -> HttpResponse:
        return render(
            request,
            "catalog/feeds.html",
            {
                "body": body,
                "form": form,
                "feeds": Feed.objects.filter(body=body).order_by("url"),
            },
        )

    if request.method != "POST":
        return page()
    return run_action(
        request,
        form,
        lambda data: actions.add_feed(
            actor=_actor(request), body=body, url=data["url"], shape=data["shape"]
        ),
        done=_("Feed didaftarkan; akan ditarik pada jadwal berikutnya."),
        then=here,
        again=page,
    )
