from django.urls import path

from terbuka.reports import annual_views, views

app_name = "reports"

urlpatterns = [
    path("register/", views.register_list, name="register_list"),
    path("register/unduh/<str:fmt>/", views.register_export, name="register_export"),
    path("statistik/", views.statistics_page, name="statistics"),
    path("statistik/unduh/<str:fmt>/", views.statistics_export, name="statistics_export"),
    path("tahunan/", annual_views.annual_list, name="annual_list"),
    path("tahunan/<slug:badan>/<int:tahun>/", annual_views.annual_page, name="annual"),
    path(
        "tahunan/<slug:badan>/<int:tahun>/mulai/",
        annual_views.annual_start,
        name="annual_start",
    ),
    path(
        "tahunan/<slug:badan>/<int:tahun>/final/",
        annual_views.annual_finalise,
        name="annual_finalise",
    ),
    path(
        "tahunan/<slug:badan>/<int:tahun>/unduh/<str:fmt>/",
        annual_views.annual_download,
        name="annual_download",
    ),
]
