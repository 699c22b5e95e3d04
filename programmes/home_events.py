"""What cross-community events add to the core (called once from ``ProgrammesConfig.ready()``): the
composer of their e-mails, an "Events" item in the header for host staff (admins and project managers),
who run them, and on the home page a person's upcoming events. Invitees also reach an event from its
e-mail or from their community's Events page."""


def _runs_events(tenant):
    from .permissions import can_manage_events

    return can_manage_events(tenant)


def register_events():
    from cop_platform import registry
    from cop_platform.email import register_composer

    from .services.event_mail import EVENT_COMPOSER, compose_event_email

    register_composer(EVENT_COMPOSER, compose_event_email)
    registry.register_navigation_item("programmes.events", text="Events", url_name="programmes:events",
                                      allowed=_runs_events, order=45)
    _register_panel()


def events_panel(tenant, user):
    """The person's upcoming events (invited, not cancelled), soonest first: one query, five at most; nothing
    shown when there are none."""
    from django.utils import timezone

    from .models import EventInvitation

    invitations = list(EventInvitation.objects.filter(organisation=tenant.organisation, user=user,
                                                      event__cancelled_at__isnull=True,
                                                      event__starts_at__gt=timezone.now())
                       .select_related("event").order_by("event__starts_at", "event_id")[:5])
    if not invitations:
        return None
    return {"invitations": invitations}


def _register_panel():
    from cop_platform import registry

    registry.register_home_panel("programmes.events", template="programmes/events/_home_panel.html",
                                 context=events_panel, order=60)
