from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from terbuka.api.api import api

urlpatterns = [
    path("", include("terbuka.portal.urls")),
    path("akun/", include("terbuka.accounts.urls")),
    path("akun/token-api/", include("terbuka.api.urls")),
    path("badan-publik/", include("terbuka.bodies.urls")),
    path("kalender/", include("terbuka.workdays.urls")),
    path("permohonan/", include("terbuka.requests.urls")),
    path("", include("terbuka.catalog.urls")),
    path("", include("terbuka.search.urls")),
    path("privasi/", include("terbuka.privacy.urls")),
    path("keberatan/", include("terbuka.remedies.urls")),
    path("sengketa/", include("terbuka.disputes.urls")),
    path("survei/", include("terbuka.survey.urls")),
    path("laporan/", include("terbuka.reports.urls")),
    path("monev/", include("terbuka.monev.urls")),
    path("koordinasi/", include("terbuka.coordination.urls")),
    path("verifikasi/", include("terbuka.letters.urls")),
    path("hitamkan/", include("terbuka.redaction.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Everyone logs in through our login (lockout, second factor, audit), also for the admin.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
]

handler403 = "terbuka.portal.views.permission_denied"
handler404 = "terbuka.portal.views.page_not_found"
handler500 = "terbuka.portal.views.server_error"
