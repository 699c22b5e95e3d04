from django.apps import AppConfig


class ConvenersConfig(AppConfig):
    """Calls for conveners, applications, panel review, decisions and honoraria."""

    name = "conveners"
    verbose_name = "Calls for conveners"

    def ready(self):
        from . import home, receivers  # noqa: F401  (receivers connect on import)

        home.register()
