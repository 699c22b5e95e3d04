from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """The five-phase lifecycle, programmes and cohorts."""

    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        from .home import register_lifecycle

        register_lifecycle()
