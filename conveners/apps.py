from django.apps import AppConfig


class ConvenersConfig(AppConfig):
    """Calls for conveners, applications, panel review, decisions and honoraria."""

    name = "conveners"
    verbose_name = "Calls for conveners"

    def ready(self):
        from cop_platform.email import register_composer

        from .services.confirmations import CONFIRMATION_KIND, compose_confirmation

        register_composer(CONFIRMATION_KIND, compose_confirmation)

        from cop_platform.notifications import register_notification_kind

        from .services.notices import NOTIFICATION_KINDS

        for kind, label, essential in NOTIFICATION_KINDS:
            register_notification_kind(kind, label=label, essential=essential)

        from . import dossier, home, receivers  # noqa: F401  (receivers connect on import)

        home.register()
        dossier.register()

        from . import my_work

        my_work.register()
