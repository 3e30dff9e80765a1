"""Mounted at /permohonan/ by the root urls. Private objects are addressed by random
UUIDs only, never by sequential ids (PITFALLS.md 12)."""

from django.urls import path

from terbuka.requests.views import downloads, landing, officer, public, requester, shield

app_name = "requests"
urlpatterns = [
    # The public request log.
    path("", public.log, name="log"),
    path("log/<uuid:public_id>/", public.log_detail, name="log_detail"),
    # The requester.
    path("baru/", requester.new, name="new"),
    path("saya/", requester.mine, name="mine"),
    path("<uuid:public_id>/", requester.detail, name="detail"),
    path("<uuid:public_id>/tanda-terima/", requester.receipt, name="receipt"),
    path("<uuid:public_id>/tanda-terima/pdf/", requester.receipt_pdf, name="receipt_pdf"),
    path("<uuid:public_id>/cabut/", requester.withdraw, name="withdraw"),
    path("<uuid:public_id>/pesan/", requester.message, name="message"),
    path("<uuid:public_id>/identitas/", requester.complete_identity, name="complete_identity"),
    path("berkas/<uuid:file_public_id>/", downloads.download, name="download"),
    # After login: the officer's inbox, the requester's own requests, or the home page.
    path("masuk/", landing.after_login, name="after_login"),
    # Officers.
    path("petugas/", officer.inbox, name="inbox"),
    path("petugas/daftarkan/", officer.register, name="register"),
    path("petugas/<uuid:public_id>/", officer.officer_detail, name="officer_detail"),
    path(
        "petugas/<uuid:public_id>/identitas-kurang/",
        officer.mark_identity_incomplete,
        name="mark_identity_incomplete",
    ),
    path("petugas/<uuid:public_id>/tugaskan/", officer.assign, name="assign"),
    path("petugas/<uuid:public_id>/disposisi/", officer.forward, name="forward"),
    path(
        "petugas/<uuid:public_id>/disposisi/<int:disposition_id>/draf/",
        officer.submit_draft,
        name="submit_draft",
    ),
    path("petugas/<uuid:public_id>/pemberitahuan/", officer.save_notice, name="save_notice"),
    path("petugas/<uuid:public_id>/pemberitahuan/kirim/", officer.send_notice, name="send_notice"),
    path(
        "petugas/<uuid:public_id>/pemberitahuan/ralat/",
        officer.correct_notice,
        name="correct_notice",
    ),
    path("petugas/<uuid:public_id>/perpanjang/", officer.extend, name="extend"),
    path("petugas/<uuid:public_id>/pesan/", officer.officer_message, name="officer_message"),
    path("petugas/<uuid:public_id>/catatan/", officer.note, name="note"),
    # A document the personal-data shield holds.
    path("petugas/berkas/<uuid:file_public_id>/pemeriksaan/", shield.file_check, name="file_check"),
]
