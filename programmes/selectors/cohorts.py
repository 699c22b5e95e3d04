"""Reads for programmes and cohorts, shaped so a page's query count does not grow with the data."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from ..models import (
    Attendance,
    CoConsultingGroup,
    GroupMember,
    Participant,
    ParticipantStatus,
    Programme,
    Session,
    SessionMaterial,
)


def _count(queryset, field):
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def programme_list(*, organisation, query="", kind=""):
    qs = Programme.objects.filter(organisation=organisation)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(summary__icontains=query))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(
        session_count=_count(Session.objects.filter(programme=OuterRef("pk"), is_cancelled=False), "programme"),
        participant_count=_count(Participant.objects.filter(programme=OuterRef("pk"),
                                                            status=ParticipantStatus.SELECTED), "programme"),
    ).select_related("organisation").order_by("-starts_on", "name", "pk")


def participant_of(*, programme, user):
    """``user``'s participant row in ``programme`` (any status, with their community), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(programme=programme, user=user).select_related(
        "community__organisation").first()


def sessions_of(*, programme):
    return (Session.objects.filter(programme=programme)
            .annotate(material_count=_count(SessionMaterial.objects.filter(session=OuterRef("pk")), "session"),
                      attended=_count(Attendance.objects.filter(session=OuterRef("pk")), "session")))


def participants_with_attendance(*, programme, query=""):
    """Participants taking part, each with ``attended`` (sessions they attended), and how many sessions
    have had their attendance recorded (the "of y")."""
    qs = Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED).select_related("user")
    if query:
        qs = qs.filter(Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query)
                       | Q(employer__icontains=query) | Q(role_title__icontains=query))
    qs = qs.annotate(attended=_count(Attendance.objects.filter(participant=OuterRef("pk")), "participant"))
    recorded = Session.objects.filter(programme=programme, attendances__isnull=False).distinct().count()
    return qs.order_by("user__last_name", "user__first_name", "pk"), recorded


def group_of(*, participant):
    """The co-consulting group of ``participant`` with its members (users loaded), or None."""
    if participant is None:
        return None
    return (CoConsultingGroup.objects.filter(members__participant=participant)
            .prefetch_related(Prefetch("members", queryset=GroupMember.objects.select_related(
                "participant__user").order_by("participant__user__last_name", "participant__user__first_name")))
            .first())


def groups_of(*, programme):
    return list(CoConsultingGroup.objects.filter(programme=programme).prefetch_related(
        Prefetch("members", queryset=GroupMember.objects.select_related("participant__user")
                 .order_by("participant__user__last_name", "participant__user__first_name"))))


def funded_conveners(*, programme):
    """The leads and co-leads of funded applications to the programme's calls, once the call's outcomes are
    released (before that the decision is not for everyone in the organisation to read)."""
    from conveners.models import Decision, Lead

    return (Lead.objects.filter(application__call__programme=programme, application__decision=Decision.FUNDED,
                                application__call__released_at__isnull=False)
            .select_related("application", "application__call")
            .order_by("application__call__title", "application__domain", "-is_lead", "name"))
