"""What communities add to a person's My work page (``cop_platform.registry.MY_WORK``): the coming meetings
of their communities here with whether they said they are coming, and the open actions of the momentum
plans they own. Two queries, whatever the data's size."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import OPEN_ACTION_STATUSES, Action, Meeting, MeetingResponse

SHOWN = 10


def panel(tenant, user):
    organisation = tenant.organisation
    answers = MeetingResponse.objects.filter(meeting=OuterRef("pk"), user=user).values("answer")[:1]
    meetings = list(
        Meeting.objects.filter(organisation=organisation, community__memberships__user=user,
                               ends_at__gte=timezone.now())
        .select_related("community__organisation").annotate(answer=Subquery(answers))
        .order_by("starts_at", "id")[:SHOWN])
    actions = list(
        Action.objects.filter(organisation=organisation, owner=user, status__in=OPEN_ACTION_STATUSES,
                              community__memberships__user=user)
        .select_related("community__organisation").order_by("month", "id")[:SHOWN])
    labels = dict(MeetingResponse._meta.get_field("answer").choices)
    for meeting in meetings:
        meeting.answer_label = labels.get(meeting.answer, "")
    return {"meetings": meetings, "actions": actions, "shown": SHOWN}


def register():
    from cop_platform import registry

    registry.register_panel(registry.MY_WORK, "communities.my_work", template="communities/_my_work_panel.html",
                            context=panel, order=10)
