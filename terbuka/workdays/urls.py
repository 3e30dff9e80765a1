from django.urls import path

from terbuka.workdays import officer, views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    # The PPID Utama's calendar of his bodies.
    path("kelola/", officer.manage, name="manage"),
    path("kelola/<slug:slug>/", officer.manage_body, name="manage_body"),
    path("kelola/hari/<int:pk>/ubah/", officer.day_edit, name="day_edit"),
    path("kelola/hari/<int:pk>/hapus/", officer.day_remove, name="day_remove"),
    path("kelola/hari/<int:pk>/kembalikan/", officer.day_restore, name="day_restore"),
]
