from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """The five-phase lifecycle, programmes and cohorts."""

    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        from cop_platform import registry

        from .permissions import can_manage_programmes

        # Readiness questionnaires (host staff).
        registry.register_navigation_item("programmes.questionnaires", text="Questionnaires",
                                          url_name="programmes:questionnaires", allowed=can_manage_programmes,
                                          order=60)
