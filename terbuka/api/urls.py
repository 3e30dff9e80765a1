from django.urls import path

from terbuka.api import views

app_name = "personal_tokens"
urlpatterns = [
    path("", views.personal_tokens, name="list"),
    path("<int:pk>/cabut/", views.revoke, name="revoke"),
]
