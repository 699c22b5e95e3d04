"""What cross-community events add to the core (called once from ``ProgrammesConfig.ready()``): the
composer of their e-mails, and an "Events" item in the header for host staff (admins and project
managers), who run them. Invitees reach an event from its e-mail or from their community's Events page."""


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
