"""WSGI entry point (gunicorn ``cop_platform.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")

application = get_wsgi_application()
