"""Background task settings for the Django tasks API (``django-tasks`` backport on Django 5.2).

``terbuka/settings.py`` imports this module::

    from terbuka.catalog.task_settings import TASK_APPS, TASKS
    INSTALLED_APPS += TASK_APPS

The embedded default is the database backend (``django_tasks_db``): the queue lives in
the same database, so no broker is needed; ``python manage.py db_worker`` runs the jobs.
``TERBUKA_TASKS_BACKEND=immediate`` runs every job inline instead (a small demo without a
worker). Anything else stops start-up with a clear error.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TASK_APPS = ["django_tasks", "django_tasks_db"]

_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_choice = os.environ.get("TERBUKA_TASKS_BACKEND", "database").strip().lower()
if _choice not in _BACKENDS:
    raise ImproperlyConfigured(
        f"TERBUKA_TASKS_BACKEND must be one of {', '.join(_BACKENDS)}, not {_choice!r}"
    )

TASKS = {"default": {"BACKEND": _BACKENDS[_choice], "QUEUES": ["default"]}}
