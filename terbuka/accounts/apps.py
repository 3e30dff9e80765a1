from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "terbuka.accounts"
    verbose_name = _("Akun")

    def ready(self) -> None:
        from terbuka.accounts import auth_events  # noqa: F401 — connects the receivers
