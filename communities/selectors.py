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


def boundary_crossing(*, community=None, communities=None, months=6, today=None):
    """How many organisations, professions and sectors the community spans now, and at the end of each of
    the last ``months`` months (counting the current members by when they joined). One query, the counting
    done by the database (filtered distinct counts, one set per month). Given ``communities`` (a queryset)
    instead: across them all, a person in several counted once, ``bridging`` those in more than one
    (evaluation.md, "members who bridge communities")."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if communities is not None:
        return _boundary_crossing_across(communities=communities, months=months, today=today)
    month_ends = _month_ends(today, months)
    figures = {}
    for label, cutoff in [("now", None), *((f"m{i}", end) for i, (_, end) in enumerate(month_ends))]:
        figures.update(_span_counts(label, cutoff))
    row = Membership.objects.filter(community=community).aggregate(**figures)

    def spans(label):
        return {key: row[f"{label}_{key}"] or 0 for key in ("members", "organisations", "professions", "sectors")}

    history = [{"month": month, **spans(f"m{i}")} for i, (month, _) in enumerate(month_ends)]
    return {"now": spans("now"), "history": history, "bridging": 0}


def _month_ends(today, months):
    """``[(first day of the month, the first moment of the next month)]`` for the last ``months`` months,
    oldest first, in the current time zone."""
    import datetime

    from django.utils import timezone

    ends = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        month += 1
        next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
        ends.append((datetime.date(year, month, 1),
                     timezone.make_aware(datetime.datetime.combine(next_month, datetime.time.min))))
    return ends


def _span_counts(label, cutoff):
    """Distinct members, organisations and professions (trimmed, case ignored) and sectors among the
    memberships that began before ``cutoff`` (all of them when it is None)."""
    from django.db.models import Value
    from django.db.models.functions import Lower, NullIf, Trim

    joined = Q(joined_at__lt=cutoff) if cutoff is not None else Q()

    def distinct_text(field):  # blank counts as nothing (COUNT skips the NULL)
        return Count(NullIf(Lower(Trim(field)), Value("")), distinct=True, filter=joined)

    return {
        f"{label}_members": Count("user_id", distinct=True, filter=joined),
        f"{label}_organisations": distinct_text("employer"),
        f"{label}_professions": distinct_text("profession"),
        f"{label}_sectors": Count(NullIf("sector", Value("")), distinct=True, filter=joined),
    }


def _boundary_crossing_across(*, communities, months, today):
    """:func:`boundary_crossing` across several communities (one query; a person counted once)."""
    from collections import Counter

    rows = list(Membership.objects.filter(community__in=communities).values_list(
        "joined_at", "employer", "profession", "sector", "user_id"))

    def spans(members):
        return {
            "members": len({r[4] for r in members}),
            "organisations": len({e.strip().lower() for _, e, _, _, _ in members if e.strip()}),
            "professions": len({p.strip().lower() for _, _, p, _, _ in members if p.strip()}),
            "sectors": len({s for _, _, _, s, _ in members if s}),
        }

    history = [{"month": month, **spans([r for r in rows if r[0] < end])}
               for month, end in _month_ends(today, months)]
    bridging = sum(1 for n in Counter(r[4] for r in rows).values() if n > 1)
    return {"now": spans(rows), "history": history, "bridging": bridging}


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


def community_home_annotations(*, now):
    """What the community home shows beyond the community itself, as annotations on the one query that
    loads it (the page's decorator): members, phase (the programmes app's lifecycle), the next and the last
    meeting, the conveners' counts of open actions and invitations, and which start-up steps the data shows
    done. Correlated subqueries, each on one community's rows, so the page's query count stays flat."""
    from django.db.models import Exists

    from programmes.selectors import phase_annotation

    from .models import (
        ANSWERABLE_STATUSES,
        OPEN_ACTION_STATUSES,
        Action,
        DomainVersion,
        Invitation,
        InvitationStatus,
        MapEntry,
        Meeting,
    )

    def count(model, **where):
        counted = (model.objects.filter(community=OuterRef("pk"), **where).order_by().values("community")
                   .annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    def meeting(field, upcoming):
        if upcoming:
            qs = Meeting.objects.filter(starts_at__gte=now, cancelled_at__isnull=True).order_by("starts_at", "pk")
        else:
            qs = Meeting.objects.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
        return Subquery(qs.filter(community=OuterRef("pk")).values(field)[:1])

    def exists(model, **where):
        return Exists(model.objects.filter(community=OuterRef("pk"), **where))

    return {
        "member_count": _member_count(),
        "phase": phase_annotation(),
        **{f"{when}_meeting_{field}": meeting(field, when == "next")
           for when in ("next", "last") for field in ("pk", "title", "starts_at")},
        "open_action_count": count(Action, status__in=OPEN_ACTION_STATUSES),
        "pending_invitation_count": count(Invitation, status__in=[InvitationStatus.QUEUED, *ANSWERABLE_STATUSES]),
        "failed_invitation_count": count(Invitation, status=InvitationStatus.FAILED),
        "step_domain_written_here": exists(DomainVersion, edited_by__isnull=False),
        "step_map": exists(MapEntry),
        "step_invitation": exists(Invitation, sent_at__isnull=False),
        "step_meeting_recorded": exists(Meeting, recorded_at__isnull=False),
        "step_roles": Exists(Membership.objects.filter(community=OuterRef("pk")).exclude(working_role="")),
    }


def home_memberships(*, community, new_member_days=30, new_member_limit=5, with_new_members=False):
    """The community's conveners (``Convened by``) and, for its conveners' dashboard, the newest members
    of the last ``new_member_days``: one query. ``(conveners, new_members)``."""
    from datetime import timedelta

    from django.utils import timezone

    since = timezone.now() - timedelta(days=new_member_days)
    wanted = Q(role__in=CONVENING_ROLES)
    if with_new_members:
        newest = (Membership.objects.filter(community=community, joined_at__gte=since)
                  .order_by("-joined_at", "-pk").values("pk")[:new_member_limit])
        wanted |= Q(pk__in=Subquery(newest))
    rows = list(Membership.objects.filter(community=community).filter(wanted).select_related("user")
                .order_by("role", "user__last_name", "pk"))
    conveners = [m for m in rows if m.role in CONVENING_ROLES]
    new_members = sorted((m for m in rows if m.joined_at >= since), key=lambda m: (m.joined_at, m.pk),
                         reverse=True)[:new_member_limit] if with_new_members else []
    return conveners, new_members


def convener_dashboard(*, community, new_members, new_member_days=30, join_request_limit=5, arrival_limit=10):
    """What a convener sees first on the community home. Its counts come with the community
    (:func:`community_home_annotations`), its new members with the conveners (:func:`home_memberships`);
    here two bounded queries: the join requests (waiting, and those of the last ``new_member_days``, in one)
    and the invitations accepted lately."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import JoinRequest, JoinRequestStatus

    since = timezone.now() - timedelta(days=new_member_days)
    waiting = pending_join_requests(community=community).values("pk")[:join_request_limit]
    recent = (JoinRequest.objects.filter(community=community, created_at__gte=since)
              .order_by("-created_at", "-pk").values("pk")[:arrival_limit])
    rows = list(JoinRequest.objects.filter(community=community)
                .filter(Q(pk__in=Subquery(waiting)) | Q(pk__in=Subquery(recent))).select_related("user"))
    join_requests = sorted((r for r in rows if r.status == JoinRequestStatus.PENDING),
                           key=lambda r: (r.created_at, r.pk))[:join_request_limit]
    asked = sorted((r for r in rows if r.created_at >= since), key=lambda r: (r.created_at, r.pk), reverse=True)
    return {
        "open_actions": community.open_action_count,
        "pending_invitations": community.pending_invitation_count,
        "failed_invitations": community.failed_invitation_count,
        "join_requests": join_requests,
        "arrivals": recent_arrivals(community=community, days=new_member_days, limit=arrival_limit, asked=asked),
        "new_members": new_members,
    }


def startup_checklist(*, community):
    """The six start-up steps (FAQ §10), each done by doing it in the app where possible ("initial
    conversation" when a meeting has been recorded, or ticked by hand). What the data shows comes with the
    community when it was loaded with :func:`community_home_annotations`; otherwise one query."""
    from .rules import domain_is_developed
    from .services import STARTUP_STEPS

    flags = ("step_domain_written_here", "step_map", "step_invitation", "step_meeting_recorded", "step_roles")
    if not all(hasattr(community, flag) for flag in flags):
        from django.utils import timezone

        found = (Community.objects.filter(pk=community.pk)
                 .values(**{f: v for f, v in community_home_annotations(now=timezone.now()).items() if f in flags})
                 .first())
        for flag in flags:
            setattr(community, flag, found[flag])
    done = {
        "domain": domain_is_developed(statement=community.domain_statement,
                                      written_in_community=community.step_domain_written_here),
        "map": community.step_map,
        "invitation": community.step_invitation,
        "conversation": "conversation" in (community.startup_ticks or []) or community.step_meeting_recorded,
        "roles": community.step_roles,
        "define": bool(community.who_else.strip()),
    }
    steps = [{"key": key, "who": who, "title": title, "how": how, "done": done[key],
              "url": _startup_step_url(community, key)} for key, who, title, how in STARTUP_STEPS]
    return {"steps": steps, "done": sum(s["done"] for s in steps), "total": len(steps)}


# Where each start-up step is done: (URL name, extra URL arguments).
STARTUP_STEP_PAGES = {
    "domain": ("edit", {"section": "domain"}),
    "map": ("map", {}),
    "invitation": ("invite", {}),
    "conversation": ("meeting_new", {}),
    "roles": ("members", {}),
    "define": ("edit", {"section": "community"}),
}


def _startup_step_url(community, key):
    from django.urls import reverse

    name, extra = STARTUP_STEP_PAGES[key]
    return reverse(f"communities:{name}", kwargs={"org": community.organisation.slug, "slug": community.slug,
                                                  **extra})


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
