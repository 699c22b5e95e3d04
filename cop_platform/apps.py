from django.apps import AppConfig


class CorePlatformConfig(AppConfig):
    name = "cop_platform"
    label = "cop_platform"
    verbose_name = "Convene core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the tenancy system check)
