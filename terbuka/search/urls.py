from django.urls import URLPattern, path

from terbuka.search import views

app_name = "search"
urlpatterns: list[URLPattern] = [
    path("cari/", views.search, name="search"),
    path("cari/saran/", views.suggest, name="suggest"),
]
