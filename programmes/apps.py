from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """The five-phase lifecycle, programmes and cohorts."""

    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        from cop_platform.email import register_composer
        from cop_platform.notifications import register_notification_kind

        from . import home_participants
        from .home import register_lifecycle
        from .home_events import register_events
        from .home_programmes import register_programmes
        from .services import SESSION_COMPOSER, compose_session_change
        from .services.participant_confirmations import SUPPORT_NOTICE, compose_supporter_confirmation
        from .services.participants import CONFIRMATION_KIND, DECISION_KIND, DECISION_NOTICE, compose_decision

        register_notification_kind(SUPPORT_NOTICE, label="Confirmations for your programme applications")
        register_notification_kind(DECISION_NOTICE, label="Decisions on your programme applications", essential=True)
        register_lifecycle()
        register_events()
        register_programmes()
        register_composer(SESSION_COMPOSER, compose_session_change)
        register_composer(CONFIRMATION_KIND, compose_supporter_confirmation)
        register_composer(DECISION_KIND, compose_decision)
        home_participants.register()

        from . import calendar, my_work

        calendar.register()
        my_work.register()
