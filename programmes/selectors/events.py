"""Read-side queries of cross-community events: a fixed number of queries per page, whatever the number of
events, communities or invitees."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ..models import Event, EventAnswer, EventInvitation


def _with_communities(qs):
    from communities.models import Community

    return qs.select_related("organisation").prefetch_related(
        Prefetch("communities", queryset=Community.objects.order_by("name")))


def with_counts(events):
    """``events`` (a page of them) as a list, each with ``invited_total``, ``coming_total`` and
    ``came_total``: one grouped query over the page's invitations, however many events and invitees."""
    events = list(events)
    rows = (EventInvitation.objects.filter(event_id__in=[e.pk for e in events]).order_by().values("event_id")
            .annotate(total=Count("event"), yes=Count("event", filter=Q(answer=EventAnswer.YES)),
                      came=Count("event", filter=Q(attended=True))))
    counts = {row["event_id"]: row for row in rows}
    for event in events:
        row = counts.get(event.pk, {})
        event.invited_total, event.coming_total = row.get("total", 0), row.get("yes", 0)
        event.came_total = row.get("came", 0)
    return events


def events_list(*, organisation, when="upcoming", query="", now=None):
    """Events of the organisation, upcoming (soonest first) or past (latest first), searched by title,
    place or a community's name, with their communities (counts: :func:`with_counts` on the page)."""
    now = now or timezone.now()
    qs = Event.objects.filter(organisation=organisation)
    qs = qs.filter(ends_at__gt=now).order_by("starts_at", "pk") if when == "upcoming" else \
        qs.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    if query:
        by_community = Event.communities.through.objects.filter(
            community__organisation=organisation, community__name__icontains=query).values("event_id")
        qs = qs.filter(Q(title__icontains=query) | Q(place__icontains=query) | Q(pk__in=by_community))
    return _with_communities(qs)


def community_events(*, community):
    """The events ``community`` took part in (or will), latest first, with the other communities."""
    return _with_communities(Event.objects.filter(organisation_id=community.organisation_id, communities=community)
                             .order_by("-starts_at", "-pk"))


def event_detail(*, organisation, event_id):
    from communities.models import Community

    return (Event.objects.filter(organisation=organisation, pk=event_id)
            .select_related("organisation", "programme")
            .prefetch_related(Prefetch("communities", queryset=Community.objects.order_by("name")))
            .first())


def answer_counts(*, event):
    """How many are invited (``total``), answered yes, maybe or no, have not answered (``none``), and came:
    one query."""
    return EventInvitation.objects.filter(event=event).aggregate(
        total=Count("pk"), yes=Count("pk", filter=Q(answer=EventAnswer.YES)),
        maybe=Count("pk", filter=Q(answer=EventAnswer.MAYBE)), no=Count("pk", filter=Q(answer=EventAnswer.NO)),
        none=Count("pk", filter=Q(answer="")), came=Count("pk", filter=Q(attended=True)))


def invitations(*, event, answer=None):
    qs = EventInvitation.objects.filter(event=event).select_related("user").order_by(
        "user__last_name", "user__first_name", "pk")
    if answer is not None:
        qs = qs.filter(answer=answer)
    return qs


def invitation_of(*, event, user):
    return EventInvitation.objects.filter(event=event, user=user).first()


def may_see_event(*, tenant, event, user, invitation):
    """Host staff, invitees and members of the event's communities see it; to anyone else it does not
    exist (404)."""
    from communities.models import Membership

    from ..permissions import can_manage_programmes

    if can_manage_programmes(tenant) or invitation is not None:
        return True
    return Membership.objects.filter(community__events=event, user=user).exists()
