"""Host-wide community pages directly under /<org>/ (e.g. the state of play)."""

from django.urls import path

from . import views

app_name = "community_host"

urlpatterns = [
    path("state-of-play/", views.state_of_play, name="state_of_play"),
    path("state-of-play.csv", views.state_of_play_csv, name="state_of_play_csv"),
    path("notifications/settings/", views.notification_settings, name="notifications"),
]
