"""Model fields that keep personal data encrypted at rest (see ``terbuka.crypto``)."""

from __future__ import annotations

from typing import Any

from django.db import models

from terbuka import crypto


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token; the empty string stays empty.

    Encrypted values cannot be searched or sorted in SQL: pair a field that must be looked
    up with a keyed hash column (``crypto.keyed_hash``).
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if not value:
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value:
            return value
        return crypto.encrypt(str(value))
