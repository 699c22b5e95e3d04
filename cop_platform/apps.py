from django.apps import AppConfig


class CorePlatformConfig(AppConfig):
    name = "cop_platform"
    label = "cop_platform"
    verbose_name = "Convene core"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the tenancy system check)
            pagecache,  # noqa: F401  (watches every connection's writes)
            permissions,
            registry,
        )
        from .email import register_composer
        from .notifications import mail as notification_mail

        register_composer(notification_mail.NOW_COMPOSER, notification_mail.compose_now)
        register_composer(notification_mail.DIGEST_COMPOSER, notification_mail.compose_digest)

        registry.register_navigation_item("core.home", text="Home", url_name="tenant_home", order=0, exact=True)
        registry.register_navigation_item("core.my_work", text="My work", url_name="tenant_my_work", order=10)
        for key, text, url_name, order in (("core.people", "People", "tenant_people", 80),
                                           ("core.audit", "Audit trail", "tenant_audit", 85),
                                           ("core.settings", "Settings", "tenant_settings", 90)):
            registry.register_navigation_item(key, text=text, url_name=url_name, order=order,
                                              allowed=permissions.can_manage_people)
