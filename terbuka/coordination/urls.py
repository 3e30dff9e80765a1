from django.urls import path

from terbuka.coordination import views

app_name = "coordination"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rakor.pdf", views.rakor_pdf, name="rakor_pdf"),
    path("publik/", views.public, name="public"),
]
