from django.urls import path

from terbuka.bodies import views

app_name = "bodies"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/logo/", views.logo, name="logo"),
]
