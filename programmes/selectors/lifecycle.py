"""Read-side queries of the lifecycle: the page's records and the signals, computed and never stored."""

from datetime import timedelta

from django.utils import timezone

from .. import rules
from ..models import CheckIn, PhaseMove

QUARTER_DAYS = 91


def timeline(*, community):
    """Every phase move of ``community``, newest first, with who moved it (one query)."""
    return list(PhaseMove.objects.filter(community=community).select_related("moved_by").order_by("-moved_at", "-id"))


def latest_checkin(*, community):
    return CheckIn.objects.filter(community=community).select_related("added_by").order_by("-date", "-id").first()


def _months_between(earlier, later):
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def _count(queryset):
    """How many rows ``queryset`` has, as a subquery to annotate another query with (0 when none)."""
    from django.db.models import Count, IntegerField, Subquery
    from django.db.models.functions import Coalesce

    counted = queryset.order_by().values("organisation").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def signals(*, community, phase_key, now=None, has_outcome=None):
    """Signals for conveners and the host (issue 9, item 2): months since the last meeting held (None when
    the community has never met), new members in the last quarter, the share of members who took part in
    the last quarter (:func:`active_members`), and the brochure's advice that fits. They inform; they never
    move a phase. Evidence of value recorded in the last quarter counts too, when the evaluation app is
    installed (read through the app registry: programmes does not import evaluation). One query: each
    figure is a subquery of it."""
    from django.apps import apps
    from django.db.models import Subquery

    from communities.models import Community, Meeting, Membership

    now = now or timezone.now()
    last = (Meeting.objects.filter(community=community, cancelled_at__isnull=True, starts_at__lte=now)
            .order_by("-starts_at").values("starts_at")[:1])
    members = Membership.objects.filter(community=community)
    figures = {"last_meeting": Subquery(last),
               "new_members": _count(members.filter(joined_at__gte=now - timedelta(days=QUARTER_DAYS))),
               "member_total": _count(members),
               "active": _count(_active_members(community=community, now=now))}
    if apps.is_installed("evaluation"):
        evidence = apps.get_model("evaluation", "Evidence")
        figures["evidence_recent"] = _count(evidence.objects.filter(
            community=community, date__gte=timezone.localdate(now) - timedelta(days=QUARTER_DAYS)))
    row = Community.objects.filter(pk=community.pk).values(**figures).get()
    last, new_members, member_total, active = (row["last_meeting"], row["new_members"], row["member_total"],
                                               row["active"])
    evidence_recent = row.get("evidence_recent")
    months = None if last is None else _months_between(timezone.localdate(last), timezone.localdate(now))
    share = rules.active_share(active, member_total)
    return {"months_since_meeting": months, "new_members_last_quarter": new_members,
            "active_members": active, "member_total": member_total, "active_share": share,
            "evidence_recent": evidence_recent,
            "advice": rules.phase_advice(phase_key, months_since_meeting=months,
                                         new_members_last_quarter=new_members, active_share=share,
                                         has_outcome=has_outcome, evidence_recent=evidence_recent)}


# --- The phase of many communities at once (state of play, directory, home panel) -------------------------


def phase_annotation(community="pk"):
    """Each community's phase, as a correlated subquery on its latest move (Discover when it has none), to
    ``.annotate(phase=phase_annotation())`` a queryset of communities: one query whatever their number, and
    nothing stored twice (the moves are the one record of the phase; see the commit choosing this over a
    denormalised ``Community.phase``). ``community`` names the outer query's community id (``"community_id"``
    on a queryset of memberships)."""
    from django.db.models import CharField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    latest = (PhaseMove.objects.filter(community=OuterRef(community)).order_by("-moved_at", "-id")
              .values("to_phase")[:1])
    return Coalesce(Subquery(latest, output_field=CharField()), Value(rules.FIRST_PHASE))


def phase_number(field="phase"):
    """The lifecycle order (1 to 5) of the annotated ``field``, to sort by phase in the brochure's order."""
    from django.db.models import Case, IntegerField, Value, When

    return Case(*[When(**{field: p.key}, then=Value(p.number)) for p in rules.PHASES], default=Value(1),
                output_field=IntegerField())


def active_members(*, community, now=None):
    """How many of the community's members took part in the last quarter (:data:`QUARTER_DAYS`): said yes
    to or attended a meeting held in it, wrote a journal entry, shared at a practice exchange or added a
    library item. One query."""
    return _active_members(community=community, now=now).count()


def _active_members(*, community, now=None):
    """The memberships :func:`active_members` counts."""
    from django.db.models import Exists, OuterRef

    from communities.models import (
        Attendance,
        JournalEntry,
        LibraryItem,
        MeetingAnswer,
        MeetingResponse,
        Membership,
        PracticeExchange,
    )

    now = now or timezone.now()
    since = now - timedelta(days=QUARTER_DAYS)
    user = OuterRef("user_id")
    meeting_window = {"meeting__community": community, "meeting__starts_at__gte": since,
                      "meeting__starts_at__lte": now, "user_id": user}
    took_part = (Exists(MeetingResponse.objects.filter(answer=MeetingAnswer.YES, **meeting_window))
                 | Exists(Attendance.objects.filter(**meeting_window))
                 | Exists(JournalEntry.objects.filter(community=community, author_id=user, created_at__gte=since))
                 | Exists(PracticeExchange.objects.filter(community=community, shared_by_id=user,
                                                          created_at__gte=since))
                 | Exists(LibraryItem.objects.filter(community=community, added_by_id=user, created_at__gte=since)))
    return Membership.objects.filter(community=community).filter(took_part)


def transform_links(*, community, tenant):
    """What the outcomes say about ``community``, for its home and lifecycle page: the communities it split
    into or merged into, and those it was split from (or that merged into it), each outcome not withdrawn.
    Only communities the viewer may see are returned, each list ordered by name. One query: the links of
    the community's own outcomes and the links to it from others' outcomes together."""
    from django.db.models import Case, F, Q, When

    from communities.selectors import communities_visible_to

    from ..models import OutcomeLink

    visible = communities_visible_to(tenant).values("pk")
    other_name = Case(When(outcome__community=community, then=F("community__name")),
                      default=F("outcome__community__name"))
    rows = list(OutcomeLink.objects.filter(outcome__withdrawn_at__isnull=True)
                .filter(Q(outcome__community=community, community__in=visible)
                        | Q(community=community, outcome__community__in=visible))
                .select_related("community__organisation", "outcome__community__organisation")
                .order_by(other_name, "pk"))
    outgoing = [link for link in rows if link.outcome.community_id == community.pk]
    incoming = [link.outcome for link in rows if link.community_id == community.pk]
    return {
        "split_into": [link.community for link in outgoing if link.outcome.kind == "split"],
        "merged_into": [link.community for link in outgoing if link.outcome.kind == "merged"],
        "split_from": [o.community for o in incoming if o.kind == "split"],
        "merged_from": [o.community for o in incoming if o.kind == "merged"],
    }


def outcomes_of(*, community):
    """Every outcome recorded for ``community``, newest first, withdrawn ones included (one query)."""
    from ..models import TransformOutcome

    return list(TransformOutcome.objects.filter(community=community)
                .select_related("recorded_by", "withdrawn_by").order_by("-recorded_at", "-id"))
