"""Find what each installed app contributes by a module of a known name (``<app>.demo``,
``<app>.load_data``), so the core never names a feature app."""

import importlib
import importlib.util

from django.apps import apps


def app_modules(name, *, provides):
    """Each installed app's ``<app>.<name>`` module that defines ``provides``, in ``INSTALLED_APPS``
    order (an app that has no such module, or whose module lacks it, is skipped)."""
    modules = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{name}"
        try:
            found = importlib.util.find_spec(module_name) is not None
        except ModuleNotFoundError:
            found = False
        if found:
            module = importlib.import_module(module_name)
            if callable(getattr(module, provides, None)):
                modules.append(module)
    return modules
