"""/calendar/<token>.ics: the personal calendar feed, outside any tenant prefix (the secret names the person)."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", views.personal_feed, name="calendar_feed"),
]
