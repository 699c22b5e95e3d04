"""Convene: the project package and its core (settings, URLs, Celery, tenancy, accounts)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
