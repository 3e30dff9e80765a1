"""Mounted at /verifikasi/. Letters are addressed by their random code (PITFALLS.md 12)."""

from django.urls import path

from terbuka.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.start, name="start"),
    path("<str:code>/", views.verify, name="verify"),
]
