"""/calendar/<token>/communities/<id>.ics: a community's meetings for its members, outside any tenant
prefix (the secret names the person; see :mod:`communities.calendar`)."""

from django.urls import re_path
from django.views.decorators.http import require_safe

from . import calendar

urlpatterns = [
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})/communities/(?P<community_id>[0-9]{1,12})\.ics$",
            require_safe(calendar.community_feed), name="community_calendar_feed"),
]
