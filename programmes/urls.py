"""The programmes app's tenant URLs (included at ``/<org>/``): a community's lifecycle, and the host's
programmes."""

from django.urls import path

from .views import events, lifecycle

app_name = "programmes"

urlpatterns = [
    path("communities/<slug:slug>/lifecycle/", lifecycle.lifecycle, name="lifecycle"),
    # Cross-community events (Basecamps)
    path("events/", events.events, name="events"),
    path("events/new/", events.event_new, name="event_new"),
    path("events/<int:event_id>/", events.event_detail, name="event"),
    path("events/<int:event_id>/event.ics", events.event_ics, name="event_ics"),
    path("events/<int:event_id>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:event_id>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<int:event_id>/delete/", events.event_delete, name="event_delete"),
    path("events/<int:event_id>/record/", events.event_record, name="event_record"),
    path("communities/<slug:slug>/events/", events.community_events, name="community_events"),
]
