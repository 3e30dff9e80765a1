from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "terbuka.letters"
    label = "letters"
    verbose_name = _("Surat bertanda tangan elektronik")

    def ready(self) -> None:
        # Every body's key is loaded once when the project starts (``manage.py check``,
        # ``migrate``, ``runserver``): a wrong passphrase or an expired certificate is
        # reported there, not first by an officer sending a letter.
        from django.core import checks

        from terbuka.letters.signing import check_keys

        checks.register(check_keys, checks.Tags.security)
