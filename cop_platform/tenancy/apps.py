from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "cop_platform.tenancy"
    label = "tenancy"
    verbose_name = "Host organisations"
