"""The core finds what each installed app contributes (demo data, load data) by module name, so adding
an app never means editing the core."""

import sys
import types

import pytest
from django.apps import apps
from django.core.management import call_command

from cop_platform.discovery import app_modules


def test_the_demo_and_load_data_modules_of_the_installed_apps_are_found_in_order():
    assert [m.__name__ for m in app_modules("demo", provides="seed")] == ["communities.demo", "conveners.demo",
                                                                               "programmes.demo", "evaluation.demo"]
    assert [m.__name__ for m in app_modules("load_data", provides="generate")] == [
        "communities.load_data", "conveners.load_data", "programmes.load_data", "evaluation.load_data"]


@pytest.fixture
def new_app_with_demo(monkeypatch):
    """An installed app the core has never heard of, with a ``demo`` module that records its call."""
    seen = []
    package = types.ModuleType("newapp")
    package.__path__ = []
    demo = types.ModuleType("newapp.demo")
    demo.__spec__ = types.SimpleNamespace(name="newapp.demo")
    demo.seed = lambda *, organisations, stdout: seen.append(sorted(organisations))
    monkeypatch.setitem(sys.modules, "newapp", package)
    monkeypatch.setitem(sys.modules, "newapp.demo", demo)
    configs = list(apps.get_app_configs()) + [types.SimpleNamespace(name="newapp")]
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)
    return seen


def test_seed_demo_runs_the_demo_module_of_an_app_it_was_never_told_about(db, new_app_with_demo):
    call_command("seed_demo", force=True)
    assert new_app_with_demo == [["co-creation-network", "hin-south-london"]]
