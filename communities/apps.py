from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = "Communities"

    def ready(self):
        from . import home, receivers  # noqa: F401  (receivers connect on import)

        home.register()
