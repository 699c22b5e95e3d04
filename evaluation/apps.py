from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Value cycles, evidence, stories, reports and brochures."""

    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        from . import exports, home_reports, home_values, receivers_stories, reports

        home_values.register()
        receivers_stories.register()  # stories: the pulse offer, its e-mails, nav
        reports.register()  # the value-cycle reports (PDF builds)
        exports.register()  # the data packs and the brochure (cop_platform.builds)
        home_reports.register()  # the evaluator's home: reports and brochures
