from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """The five-phase lifecycle, programmes and cohorts."""

    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        from .home_events import register_events

        register_events()
        from cop_platform.email import register_composer

        from .services.participants import (
            CONFIRMATION_KIND,
            DECISION_KIND,
            compose_decision,
            compose_supporter_confirmation,
        )

        register_composer(CONFIRMATION_KIND, compose_supporter_confirmation)
        register_composer(DECISION_KIND, compose_decision)

        from . import home_participants

        home_participants.register()
