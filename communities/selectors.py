"""Reads for communities, shaped so a page's query count does not grow with the data."""

from django.db.models import Count, FilteredRelation, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from cop_platform import permissions

from .models import CONVENING_ROLES, Community, Membership


def _conveners_prefetch():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(role__in=CONVENING_ROLES).select_related("user")
        .order_by("role", "user__last_name"),
        to_attr="convener_memberships",
    )


def communities_visible_to(tenant):
    """Every community this person may see in the current organisation."""
    qs = Community.objects.filter(organisation=tenant.organisation)
    if permissions.can_see_all_communities(tenant):
        return qs
    user_id = tenant.member.user_id if tenant.member else None
    # A subquery rather than a join on memberships: the join gave a row per member of every community and
    # needed DISTINCT over every column (with the page's annotations) to fold them again — seconds a request
    # for a member at scale M against tens of milliseconds this way.
    theirs = Membership.objects.filter(user_id=user_id).values("community_id")
    return qs.filter(Q(visibility="listed") | Q(pk__in=theirs))


def community_directory(tenant, *, query="", status="", phase=""):
    """The communities this person may see, with members, conveners and phase (the programmes app's
    lifecycle: a correlated subquery, so still one query for the page), filtered by ``phase`` if given."""
    from programmes.selectors import phase_annotation

    qs = communities_visible_to(tenant).annotate(phase=phase_annotation())
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(domain_statement__icontains=query))
    if status:
        qs = qs.filter(status=status)
    if phase:
        qs = qs.filter(phase=phase)
    return (
        qs.select_related("organisation")
        .annotate(member_count=_member_count())
        .prefetch_related(_conveners_prefetch())
        .order_by("name")
    )


def _member_count():
    """Members of each community as a correlated subquery: the database counts only for the rows of the
    page being shown, not for every community before the page is cut (as a GROUP BY would)."""
    counted = (
        Membership.objects.filter(community=OuterRef("pk"))
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def memberships_of(*, organisation, user):
    return (
        Membership.objects.filter(organisation=organisation, user=user)
        .select_related("community__organisation")
        .order_by("community__name")
    )


def community_with_membership(*, organisation, slug, user):
    """The community ``slug`` of ``organisation`` (a queryset of at most one), with the viewer's membership
    of it, if any, as ``viewer_membership`` (None otherwise): one query for both (a join on the one row a
    person can have in a community)."""
    qs = Community.objects.filter(organisation=organisation, slug=slug).select_related("organisation")
    if not getattr(user, "is_authenticated", False):
        return qs
    return (qs.annotate(viewer_membership=FilteredRelation("memberships", condition=Q(memberships__user=user)))
            .select_related("viewer_membership"))


def membership_for(*, community, user):
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(community=community, user=user).first()


def member_directory(*, community, query="", employer="", profession="", role=""):
    """The members of ``community``, searchable and filterable. One query for the page, however many."""
    qs = Membership.objects.filter(community=community).select_related("user")
    if query:
        qs = qs.filter(
            Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query)
            | Q(employer__icontains=query) | Q(profession__icontains=query) | Q(role_title__icontains=query)
        )
    if employer:
        qs = qs.filter(employer=employer)
    if profession:
        qs = qs.filter(profession=profession)
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("user__last_name", "user__first_name", "pk")


def member_filter_choices(*, community):
    """The organisations and professions present, for the directory's filters (two queries)."""
    base = Membership.objects.filter(community=community)
    employers = list(base.exclude(employer="").order_by("employer").values_list("employer", flat=True).distinct())
    professions = list(base.exclude(profession="").order_by("profession").values_list("profession", flat=True)
                       .distinct())
    return employers, professions


def invitations_of(*, community, status=""):
    from .models import Invitation

    qs = Invitation.objects.filter(community=community).select_related("invited_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def pending_join_requests(*, community):
    from .models import JoinRequest, JoinRequestStatus

    return (JoinRequest.objects.filter(community=community, status=JoinRequestStatus.PENDING)
            .select_related("user").order_by("created_at", "pk"))


def recent_arrivals(*, community, days=30, limit=10, asked=None):
    """Who asked to join or accepted an invitation lately, newest first, for the conveners' dashboard:
    ``[{"when", "person", "what", "pending"}]``. Two bounded queries (one when the join requests of the
    last ``days``, newest first, are given as ``asked``)."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import Invitation, InvitationStatus, JoinRequest, JoinRequestStatus

    since = timezone.now() - timedelta(days=days)
    accepted = (Invitation.objects.filter(community=community, status=InvitationStatus.ACCEPTED,
                                          responded_at__gte=since)
                .select_related("accepted_by").order_by("-responded_at")[:limit])
    if asked is None:
        asked = (JoinRequest.objects.filter(community=community, created_at__gte=since)
                 .select_related("user").order_by("-created_at", "-pk")[:limit])
    rows = [{"when": i.responded_at, "person": i.accepted_by, "email": i.email, "pending": False,
             "what": f"accepted the invitation ({i.get_role_display().lower()})"} for i in accepted]
    rows += [{"when": r.created_at, "person": r.user, "email": r.user.email,
              "pending": r.status == JoinRequestStatus.PENDING,
              "what": "asked to join" + ("" if r.status == JoinRequestStatus.PENDING
                                         else f" ({r.get_status_display().lower()})")} for r in asked[:limit]]
    return sorted(rows, key=lambda row: row["when"], reverse=True)[:limit]


def map_of(*, community):
    from django.db.models import Prefetch

    from .models import Invitation, MapEntry

    return (MapEntry.objects.filter(community=community)
            .prefetch_related(Prefetch("invitations", queryset=Invitation.objects.order_by("-created_at")))
            .order_by("name", "pk"))


def domain_history(*, community):
    from .models import DomainVersion

    return DomainVersion.objects.filter(community=community).select_related("edited_by").order_by("-created_at", "-pk")


# --- Meetings and the momentum plan ------------------------------------------------------------------


def meetings_of(*, community, when="upcoming", now=None):
    from django.utils import timezone

    from .models import Meeting

    now = now or timezone.now()
    qs = Meeting.objects.filter(community=community)
    if when == "past":
        return qs.filter(starts_at__lt=now).annotate(
            attendance_count=Count("attendances", distinct=True),
            exchange_count=Count("practice_exchanges", distinct=True)).order_by("-starts_at", "-pk")
    return qs.filter(starts_at__gte=now).annotate(
        coming_count=Count("responses", filter=Q(responses__answer="yes"), distinct=True),
    ).order_by("starts_at", "pk")


def meeting_detail(*, community, meeting_id):
    from .models import Action, Attendance, Meeting, MeetingResponse, PracticeExchange

    return (Meeting.objects.filter(community=community, pk=meeting_id)
            .select_related("community__organisation", "created_by")
            .prefetch_related(
                Prefetch("attendances", queryset=Attendance.objects.select_related("user")
                         .order_by("user__last_name", "user__first_name")),
                Prefetch("responses", queryset=MeetingResponse.objects.select_related("user")
                         .order_by("user__last_name", "user__first_name", "pk")),
                Prefetch("practice_exchanges", queryset=PracticeExchange.objects.select_related("shared_by")),
                Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("month", "pk")))
            .first())


def momentum_plan(*, community, status="", owner_id=None, query=""):
    from .models import Action

    qs = Action.objects.filter(community=community).select_related("owner", "meeting")
    if status == "open":
        from .models import OPEN_ACTION_STATUSES

        qs = qs.filter(status__in=OPEN_ACTION_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    if query:
        qs = qs.filter(title__icontains=query)
    return qs.order_by("month", "pk")


def next_steps(*, community, limit=5):
    from .models import OPEN_ACTION_STATUSES, Action

    return list(Action.objects.filter(community=community, status__in=OPEN_ACTION_STATUSES)
                .select_related("owner").order_by("month", "pk")[:limit])


def meeting_summary(*, community):
    """The next meeting (not cancelled) and the last one, from a community loaded with
    :func:`community_home_annotations`: ``{"next", "last"}``, each a meeting with its id, title and start
    (the fields the home shows) or None."""
    from .models import Meeting

    def meeting(when):
        pk = getattr(community, f"{when}_meeting_pk")
        if pk is None:
            return None
        return Meeting(pk=pk, organisation_id=community.organisation_id, community=community,
                       title=getattr(community, f"{when}_meeting_title"),
                       starts_at=getattr(community, f"{when}_meeting_starts_at"))

    return {"next": meeting("next"), "last": meeting("last")}


def member_users(*, community):
    return list(Membership.objects.filter(community=community).select_related("user")
                .order_by("user__last_name", "user__first_name", "pk"))


# --- State of play (the host's table of every community) --------------------------------------------

STATE_OF_PLAY_SORTS = {
    "name": ("name",), "-name": ("-name",),
    "members": ("member_total", "name"), "-members": ("-member_total", "name"),
    "status": ("status", "name"), "-status": ("-status", "name"),
    "last": ("last_meeting", "name"), "-last": ("-last_meeting", "name"),
    "next": ("next_meeting", "name"), "-next": ("-next_meeting", "name"),
    "phase": ("phase_number", "name"), "-phase": ("-phase_number", "name"),
}


def state_of_play(*, organisation, query="", status="", sort="name", now=None, phase=""):
    """One row per community of the organisation: conveners and core group, members, status, phase (from
    the programmes app's lifecycle, filtered by ``phase`` and sorted in lifecycle order), last and next
    meeting, next steps. A fixed number of queries whatever the number of communities."""
    from django.db.models import F, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from programmes.selectors import phase_annotation, phase_number

    from .models import OPEN_ACTION_STATUSES, Action, Meeting

    now = now or timezone.now()
    members = (Membership.objects.filter(community=OuterRef("pk")).order_by().values("community")
               .annotate(n=Count("pk")).values("n"))
    last = (Meeting.objects.filter(community=OuterRef("pk"), starts_at__lt=now, cancelled_at__isnull=True)
            .order_by("-starts_at")
            .values("starts_at")[:1])
    nxt = (Meeting.objects.filter(community=OuterRef("pk"), starts_at__gte=now, cancelled_at__isnull=True)
           .order_by("starts_at").values("starts_at")[:1])
    qs = (Community.objects.filter(organisation=organisation).select_related("organisation")
          .annotate(member_total=Coalesce(Subquery(members, output_field=IntegerField()), 0),
                    last_meeting=Subquery(last), next_meeting=Subquery(nxt), phase=phase_annotation())
          .annotate(phase_number=phase_number("phase"))
          .prefetch_related(
              Prefetch("memberships", to_attr="running_memberships",
                       queryset=Membership.objects.filter(role__in=[*CONVENING_ROLES, "core_group"])
                       .select_related("user").order_by("role", "user__last_name", "pk")),
              Prefetch("actions", to_attr="open_actions",
                       queryset=Action.objects.filter(status__in=OPEN_ACTION_STATUSES)
                       .select_related("owner").order_by("community_id", "month", "pk")[:3])))
    if query:
        qs = qs.filter(name__icontains=query)
    if status:
        qs = qs.filter(status=status)
    if phase:
        qs = qs.filter(phase=phase)
    order = STATE_OF_PLAY_SORTS.get(sort, STATE_OF_PLAY_SORTS["name"])
    ordering = []
    for key in order:
        if key.lstrip("-") in ("last_meeting", "next_meeting"):
            field = F(key.lstrip("-"))
            ordering.append(field.desc(nulls_last=True) if key.startswith("-") else field.asc(nulls_last=True))
        else:
            ordering.append(key)
    return qs.order_by(*ordering, "pk")


# The community home's reads live in their own module; callers keep reading them from here.
from .selectors_home import (  # noqa: E402, F401
    STARTUP_STEP_PAGES,
    boundary_crossing,
    community_home_annotations,
    convener_dashboard,
    home_memberships,
    startup_checklist,
)
