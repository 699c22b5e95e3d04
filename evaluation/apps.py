from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Value cycles, evidence, stories, reports and brochures."""

    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        from . import home_values, receivers_stories, reports

        home_values.register()
        receivers_stories.register()  # stories: the pulse offer, its e-mails, nav
        reports.register()  # the value-cycle reports (PDF builds)
