"""What programmes add to a person's My work page (``cop_platform.registry.MY_WORK``): the coming events
they are invited to with their answer, the coming sessions of the cohort programmes they take part in,
and the cohort applications waiting for them to confirm their support as line manager or employer
sponsor (matched on their account's e-mail; they confirm through the e-mailed link). Three queries; no
panel for someone with none of these."""

from django.db.models import Q
from django.utils import timezone

from .models import CohortApplication, CohortApplicationStatus, EventInvitation, ParticipantStatus, Session

SHOWN = 10


def panel(tenant, user):
    organisation = tenant.organisation
    now = timezone.now()
    invitations = list(
        EventInvitation.objects.filter(organisation=organisation, user=user, event__ends_at__gte=now)
        .select_related("event__organisation").order_by("event__starts_at", "pk")[:SHOWN])
    sessions = list(
        Session.objects.filter(organisation=organisation, programme__participants__user=user,
                               programme__participants__status=ParticipantStatus.SELECTED,
                               date__gte=timezone.localdate())
        .select_related("organisation", "programme").order_by("date", "starts_at", "pk")[:SHOWN])
    email = user.email
    waiting = list(
        CohortApplication.objects.filter(organisation=organisation, status=CohortApplicationStatus.SUBMITTED)
        .filter(Q(line_manager_email__iexact=email, line_manager_confirmed_at__isnull=True,
                  line_manager_declined_at__isnull=True)
                | Q(sponsor_email__iexact=email, sponsor_confirmed_at__isnull=True, sponsor_declined_at__isnull=True))
        .select_related("programme", "applicant").order_by("pk")[:SHOWN])
    if not (invitations or sessions or waiting):
        return None
    confirmations = [("line manager" if (a.line_manager_email.lower() == email.lower()
                                          and not a.line_manager_confirmed_at) else "employer sponsor", a)
                     for a in waiting]
    return {"invitations": invitations, "sessions": sessions, "confirmations": confirmations}


def register():
    from cop_platform import registry

    registry.register_panel(registry.MY_WORK, "programmes.my_work", template="programmes/_my_work_panel.html",
                            context=panel, order=15)
