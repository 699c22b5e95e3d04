from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = "Communities"

    def ready(self):
        from cop_platform.accounts.signup import register_signup_extension
        from cop_platform.email import register_composer

        from . import services
        from .signup import InvitedSignup

        register_composer(services.INVITATION_COMPOSER, services.compose_invitation,
                          on_outcome=services.invitation_email_outcome)
        register_composer(services.REMINDER_COMPOSER, services.compose_invitation_reminder,
                          on_outcome=services.invitation_reminder_outcome)
        register_signup_extension(InvitedSignup())

        from . import home, receivers  # noqa: F401  (receivers connect on import)

        home.register()

        from . import calendar, my_work

        calendar.register()
        my_work.register()
