"""Mounted at /keberatan/. Objections are addressed by random UUIDs only (PITFALLS.md 12)."""

from django.urls import path

from terbuka.remedies import views

app_name = "remedies"
urlpatterns = [
    # The requester.
    path("ajukan/<uuid:public_id>/", views.new, name="new"),
    path("ajukan/badan/<slug:slug>/", views.new_berkala, name="new_berkala"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/tanggapan/", views.respond, name="respond"),
    path("<uuid:public_id>/cabut/", views.withdraw, name="withdraw"),
    path("<uuid:public_id>/tanda-terima.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("<uuid:public_id>/tanggapan.pdf", views.answer_pdf, name="answer_pdf"),
    path("<uuid:public_id>/berkas/<uuid:file_public_id>/", views.download, name="download"),
    path("<uuid:public_id>/berkas-sengketa.pdf", views.dossier_pdf, name="dossier_pdf"),
    path("<uuid:public_id>/berkas-sengketa.zip", views.dossier_zip, name="dossier_zip"),
    # The Atasan PPID and the PPID.
    path("petugas/", views.inbox, name="inbox"),
    path("petugas/daftarkan/<uuid:public_id>/", views.register, name="register"),
    path("petugas/daftarkan/badan/<slug:slug>/", views.register_berkala, name="register_berkala"),
    path("petugas/register/", views.register_list, name="register_list"),
    path("petugas/register/unduh/<str:fmt>/", views.register_export, name="register_export"),
    path("petugas/<uuid:public_id>/", views.officer_detail, name="officer_detail"),
    path("petugas/<uuid:public_id>/putusan/", views.decide, name="decide"),
    path("petugas/<uuid:public_id>/laksanakan/", views.instruction_done, name="instruction_done"),
]
