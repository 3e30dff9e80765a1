from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "terbuka.api"
    label = "api"
    verbose_name = _("API terbuka")

    def ready(self) -> None:
        from terbuka.api.actions import revoke_personal_tokens_of_closed_account
        from terbuka.privacy.hooks import on_account_closed

        on_account_closed(revoke_personal_tokens_of_closed_account)
