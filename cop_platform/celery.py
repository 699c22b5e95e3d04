"""The Celery app.

Conventions (see README, "Background work"):
- tasks live in each app's ``tasks.py``, take ids (always including ``organisation_id`` for tenant
  work), reload their rows, re-enter the tenant scope and call a service;
- they are enqueued after commit (:func:`cop_platform.tasks.enqueue_on_commit`), so a rolled-back
  request sends nothing, and a broker that is down at enqueue time loses nothing: the row stays
  pending and a periodic sweep re-enqueues it;
- they are idempotent: the row records what was done and a retry never does it twice;
- with no broker configured (the embedded default) they run eagerly in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")

app = Celery("cop_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
