"""What programmes add to the organisation's home page and header (registered in ``ProgrammesConfig.ready()``):
the navigation item "Programmes"; a participant's next session; host staff's programmes running. Each list
is short; the programmes running come from the home's one query of programme lists (``home_lists``)."""

from django.utils import timezone

from .home_lists import home_programme_lists
from .models import Participant, ParticipantStatus, Session
from .permissions import can_manage_programmes


def home_panel(tenant, user):
    today = timezone.localdate()
    organisation = tenant.organisation
    panel = {}
    taking_part = Participant.objects.filter(organisation=organisation, user=user,
                                             status=ParticipantStatus.SELECTED).values("programme_id")
    panel["next_session"] = (Session.objects.filter(organisation=organisation, programme_id__in=taking_part,
                                                    is_cancelled=False, date__gte=today)
                             .select_related("programme", "organisation").order_by("date", "starts_at", "pk").first())
    if can_manage_programmes(tenant):
        panel["running"] = home_programme_lists(tenant)["running"]
    if not panel["next_session"] and not panel.get("running"):
        return None
    return panel


def register_programmes():
    from cop_platform import registry

    registry.register_home_panel("programmes.programmes", template="programmes/_programmes_home_panel.html",
                                 context=home_panel, order=20)
    registry.register_navigation_item("programmes.programmes", text="Programmes", url_name="programmes:programmes",
                                      order=45)
