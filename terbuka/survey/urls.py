"""Mounted at /survei/. A request's survey link carries its random id and a keyed code."""

from django.urls import path

from terbuka.survey import views

app_name = "survey"
urlpatterns = [
    path("hasil/", views.results_page, name="results"),
    path("<uuid:public_id>/<str:code>/", views.answer, name="answer"),
]
