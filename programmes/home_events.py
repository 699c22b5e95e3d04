"""What cross-community events add to the core (called once from ``ProgrammesConfig.ready()``): the
composer of their e-mails and, on the home page, a person's upcoming events. Host staff reach the events
from the programmes page; invitees from an event's e-mail or their community's Events page."""


def register_events():
    from cop_platform.email import register_composer

    from .services.event_mail import EVENT_COMPOSER, compose_event_email

    register_composer(EVENT_COMPOSER, compose_event_email)
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
