from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cop_platform.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import mfa, signals  # noqa: F401
