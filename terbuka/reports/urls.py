from django.urls import path

from terbuka.reports import views

app_name = "reports"

urlpatterns = [
    path("register/", views.register_list, name="register_list"),
    path("register/unduh/<str:fmt>/", views.register_export, name="register_export"),
    path("statistik/", views.statistics_page, name="statistics"),
    path("statistik/unduh/<str:fmt>/", views.statistics_export, name="statistics_export"),
]
