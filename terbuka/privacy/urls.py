"""Mounted at /privasi/ by the root urls."""

from django.urls import path

from terbuka.privacy import views

app_name = "privacy"
urlpatterns = [
    # The requester (data subject).
    path("saya/", views.mine, name="mine"),
    path("saya/unduh/", views.export_data, name="export"),
    path("saya/permintaan/", views.new_subject_request, name="new_subject_request"),
    # The data-protection officer.
    path("dpo/", views.dpo_inbox, name="dpo_inbox"),
    path("dpo/permintaan/<uuid:public_id>/", views.dpo_request, name="dpo_request"),
    path("dpo/permintaan/<uuid:public_id>/proses/", views.dpo_take_up, name="dpo_take_up"),
    path("dpo/permintaan/<uuid:public_id>/hapus/", views.dpo_erase, name="dpo_erase"),
    path("dpo/permintaan/<uuid:public_id>/tolak/", views.dpo_refuse, name="dpo_refuse"),
    path("dpo/permintaan/<uuid:public_id>/selesai/", views.dpo_done, name="dpo_done"),
    path("dpo/insiden/", views.breach_list, name="breach_list"),
    path("dpo/insiden/baru/", views.breach_new, name="breach_new"),
    path("dpo/insiden/<uuid:public_id>/", views.breach_detail, name="breach_detail"),
    # Who viewed personal data.
    path("akses/permohonan/<uuid:public_id>/", views.access_of_request, name="access_of_request"),
    path("akses/pemohon/<int:user_id>/", views.access_of_requester, name="access_of_requester"),
]
