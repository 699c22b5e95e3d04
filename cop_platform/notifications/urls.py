"""The inbox, under ``/<org>/notifications/`` (the settings page, ``settings/``, is the communities app's)."""

from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.inbox, name="notifications_inbox"),
    path("notifications/read-all/", views.mark_all_read, name="notifications_read_all"),
    path("notifications/<int:notification_id>/read/", views.mark_read, name="notifications_read"),
]
