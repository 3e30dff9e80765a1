from django.contrib.auth import views as auth_views
from django.urls import path

from terbuka.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("masuk/kode/", views.otp_verify, name="otp_verify"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("daftar/", views.register, name="register"),
    path("verifikasi/terkirim/", views.verification_sent, name="verification_sent"),
    path("verifikasi/kirim-ulang/", views.resend_verification, name="resend_verification"),
    path("verifikasi/<uidb64>/<token>/", views.verify_email, name="verify_email"),
    path("profil/", views.profile, name="profile"),
    path("dua-langkah/aktifkan/", views.otp_enrol, name="otp_enrol"),
    path("dua-langkah/kode-pemulihan/", views.otp_recovery_codes, name="otp_recovery_codes"),
    path("dua-langkah/nonaktifkan/", views.otp_disable, name="otp_disable"),
    path("kata-sandi/ubah/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/lupa/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "kata-sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "kata-sandi/atur-ulang/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "kata-sandi/atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
