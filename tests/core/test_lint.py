"""The import contract in pyproject.toml bites: a core module that imports a feature app breaks it.

(CI runs ``make lint`` on the real tree; this proves the contract is not a contract that cannot fail.)"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("cop_platform", "communities", "conveners", "programmes", "evaluation")


@pytest.fixture
def tree(tmp_path):
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(tree):
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is in the test extras")
def test_the_core_importing_a_feature_app_breaks_the_contract(tree):
    assert _lint(tree).returncode == 0
    with (tree / "cop_platform" / "tenancy" / "selectors.py").open("a") as module:
        module.write("\nfrom conveners.models import Call  # noqa: E402,F401\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "cop_platform.tenancy.selectors -> conveners.models" in result.stdout
