"""System check: every model of ours is tenant-owned and scoped, or on the short list of global ones."""

from django.apps import apps
from django.core import checks

OUR_APPS = {"cop_platform", "accounts", "tenancy", "communities", "conveners", "programmes", "evaluation"}
GLOBAL_MODELS = {"accounts.User", "accounts.CalendarFeed", "tenancy.Organisation", "cop_platform.MailServerStatus"}


@checks.register(checks.Tags.models)
def check_tenant_scoping(app_configs=None, **kwargs):
    errors = []
    for model in apps.get_models():
        label = f"{model._meta.app_label}.{model.__name__}"
        if model._meta.app_label not in OUR_APPS or label in GLOBAL_MODELS:
            continue
        field_names = {f.name for f in model._meta.get_fields()}
        # django-scopes builds its manager class on the fly; its mark is ``with_scopes_disabled``.
        scoped = hasattr(model._default_manager, "with_scopes_disabled")
        if "organisation" not in field_names or not scoped:
            errors.append(
                checks.Error(
                    f"{label} is neither tenant-owned (an 'organisation' foreign key and a ScopedManager) "
                    "nor listed in GLOBAL_MODELS.",
                    id="convene.E001",
                    obj=model,
                )
            )
    return errors
