from django.contrib.auth import views as auth_views
from django.urls import path

from terbuka.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("daftar/", views.register, name="register"),
    path("profil/", views.profile, name="profile"),
]
