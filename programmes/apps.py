from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """The five-phase lifecycle, programmes and cohorts."""

    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        from cop_platform.email import register_composer

        from .home_programmes import register_programmes
        from .services import SESSION_COMPOSER, compose_session_change

        register_composer(SESSION_COMPOSER, compose_session_change)
        register_programmes()
