"""What communities give calendar feeds (``cop_platform.calendar``): the meetings of the person's
communities in their personal feed, and a community's own feed for its members.

A community's feed is the person's feed narrowed to one community: ``/calendar/<token>/communities/<id>.ics``
authenticates by the same secret, and answers only while the person is a member (their membership is a
row of the same one query; a person who leaves stops seeing it, with the same 404 as an unknown token)."""

from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone

from cop_platform.calendar import CalendarEntry, feeds

from .models import Meeting, Membership
from .services.meeting_mail import meeting_uid_for

KIND = "meeting"


def meeting_rows(people, since, *, community_id=None):
    meetings = Meeting.objects.filter(community__memberships__user_id__in=people, ends_at__gte=since)
    if community_id is not None:
        meetings = meetings.filter(community_id=community_id)
    return feeds.feed_rows(
        meetings, kind=KIND, id="pk", org="organisation_id", title="title", group="community__name",
        starts="starts_at", ends="ends_at", place="place", link="call_link", text="agenda",
        cancelled=ExpressionWrapper(Q(cancelled_at__isnull=False), output_field=BooleanField()),
        sequence="sequence", updated="updated_at")


def rows(people, since):
    return [meeting_rows(people, since)]


def entry(row):
    return CalendarEntry(uid=meeting_uid_for(row.id, row.org), sequence=row.sequence, starts_at=row.starts,
                         ends_at=row.ends, summary=f"{row.group}: {row.title}", organiser_name=row.group,
                         place=row.place or "", call_link=row.link or "", description=row.text or "",
                         cancelled=bool(row.cancelled), updated_at=row.updated)


def community_feed(request, token, community_id):
    """One community's meetings, for its members only."""
    from datetime import timedelta

    since = timezone.now() - timedelta(days=feeds.PAST_DAYS)

    def parts():
        people = feeds.people_with(token)
        membership = feeds.feed_rows(Membership.objects.filter(user_id__in=people, community_id=community_id),
                                     kind=feeds.GATE, id="pk", group=F("community__name"))
        return [feeds.feed_row(token), membership, meeting_rows(people, since, community_id=community_id)]

    rows_ = feeds.read_rows(parts)
    name = next((row.group for row in rows_ if row.kind == feeds.GATE), "")
    return feeds.feed_response(request, rows=rows_, entry_for=entry, name=f"Convene: {name}", require=(feeds.GATE,))


def community_feeds(user):
    """The person's communities, each with its own feed (shown on their account page)."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        memberships = (Membership.objects.filter(user=user).select_related("community__organisation")
                       .order_by("community__organisation__name", "community__name"))
        return [(f"{m.community.name} ({m.community.organisation.name})", "community_calendar_feed",
                 {"community_id": m.community_id}) for m in memberships]


def register():
    from cop_platform import registry

    registry.register_calendar_source(KIND, rows=rows, entry=entry, narrower_feeds=community_feeds)
