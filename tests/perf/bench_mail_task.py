"""The HTTP benchmark's bare Celery task (``bench_http.py``): one e-mail sent with Django's ``send_mail``, no
database work — what the worker can send at most, against which the invitations are compared. The
benchmark's worker imports this module (``celery worker --include tests.perf.bench_mail_task``)."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(name="bench.send_one_mail", ignore_result=True)
def send_one_mail(n):
    send_mail(f"Benchmark message {n}", "A message of the benchmark's bare loop.", None,
              [f"bench{n}@bench.example.org"])
