"""Reads for a community's home and its conveners' dashboard: what the home shows beyond the community,
as annotations on the one query that loads it; the conveners and newest members in one query; the
dashboard's join requests and arrivals; the start-up checklist; and the boundary-crossing figures, counted
by the database. Re-exported by :mod:`communities.selectors`."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import CONVENING_ROLES, Community, Membership


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
    from .selectors import _member_count  # (imported here: communities.selectors re-exports this module)

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
    from .selectors import pending_join_requests, recent_arrivals

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
