from django.urls import path

from terbuka.monev import views

app_name = "monev"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("<slug:badan>/<int:tahun>/", views.assessment_page, name="assessment"),
    path("<slug:badan>/<int:tahun>/mulai/", views.assessment_start, name="start"),
    path(
        "<slug:badan>/<int:tahun>/indikator/<int:nomor>/",
        views.assessment_section,
        name="section",
    ),
    path("<slug:badan>/<int:tahun>/kirim/", views.assessment_submit, name="submit"),
    path("<slug:badan>/<int:tahun>/visitasi/", views.assessment_visit, name="visit"),
    path(
        "<slug:badan>/<int:tahun>/unduh/<str:fmt>/",
        views.assessment_download,
        name="download",
    ),
    path(
        "<slug:badan>/<int:tahun>/bukti/<int:pertanyaan>/",
        views.evidence_download,
        name="evidence",
    ),
]
