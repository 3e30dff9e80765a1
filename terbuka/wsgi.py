"""WSGI entry point for gunicorn: ``gunicorn terbuka.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
application = get_wsgi_application()
