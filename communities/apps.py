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
        from .signup_links import LinkSignup

        register_signup_extension(LinkSignup())

        from cop_platform.notifications import (
            register_email_mode_resolver,
            register_notification_kind,
            register_unsubscribe_handler,
        )

        from .services import notifications as notification_settings

        for kind, label, default_mode in notification_settings.NOTIFICATION_KINDS:
            register_notification_kind(kind, label=label, default_mode=default_mode)
        register_email_mode_resolver(notification_settings.email_modes_resolve)
        register_unsubscribe_handler(notification_settings.email_unsubscribe,
                                     settings_url_name="community_host:notifications")

        from . import home, receivers  # noqa: F401  (receivers connect on import)

        home.register()

        from . import calendar, my_work

        calendar.register()
        my_work.register()
