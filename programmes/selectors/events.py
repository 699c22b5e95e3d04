"""Read-side queries of cross-community events: a fixed number of queries per page, whatever the number of
events, communities or invitees."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Event, EventAnswer, EventInvitation


def _with_counts(qs):
    def count(**filters):
        sub = (EventInvitation.objects.filter(event=OuterRef("pk"), **filters).order_by().values("event")
               .annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(sub, output_field=IntegerField()), 0)

    from communities.models import Community

    return (qs.annotate(invited_total=count(), coming_total=count(answer=EventAnswer.YES),
                        came_total=count(attended=True))
            .select_related("organisation")
            .prefetch_related(Prefetch("communities", queryset=Community.objects.order_by("name"))))


def events_list(*, organisation, when="upcoming", query="", now=None):
    """Events of the organisation, upcoming (soonest first) or past (latest first), searched by title,
    place or a community's name, with their communities and counts."""
    now = now or timezone.now()
    qs = Event.objects.filter(organisation=organisation)
    qs = qs.filter(ends_at__gt=now).order_by("starts_at", "pk") if when == "upcoming" else \
        qs.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    if query:
        matching = Event.objects.filter(organisation=organisation).filter(
            Q(title__icontains=query) | Q(place__icontains=query) | Q(communities__name__icontains=query)
        ).values("pk")
        qs = qs.filter(pk__in=matching)
    return _with_counts(qs)


def community_events(*, community):
    """The events ``community`` took part in (or will), latest first, with the other communities."""
    return _with_counts(Event.objects.filter(organisation_id=community.organisation_id, communities=community)
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
