"""The refusal of a request action, in its own module so that everything that refuses
(the actions, the upload checks in ``files``) imports it from one place, below both."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ActionError(ValidationError):
    """A refused action; the message is a complete Indonesian sentence for the user.

    Views need not name it: ``terbuka.actionviews`` shows any ``ValidationError`` on the
    form."""
