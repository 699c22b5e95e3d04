"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Every test here is marked ``e2e``. ``demo_site`` loads the demo data (``seed_demo``) and gives the
server's URL; ``check_a11y(page)`` runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page as it is
and fails with a readable list of violations. A failing test leaves a full-page screenshot in
``var/e2e-failures/<test-name>.png``.
"""

import io
import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

E2E_DIR = Path(__file__).resolve().parent
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)  # rep_setup, rep_call, rep_teardown
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (``--headed``, ``--slowmo`` ...) plus Debian's Chromium."""
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The live server's URL, with the demo organisations, communities and logins loaded."""
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return live_server.url


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request, page_checks):
    """After a failed test that drove a browser, a full-page screenshot of where it stopped."""
    page = request.getfixturevalue("page") if "page" in request.fixturenames else None
    yield
    report = getattr(request.node, "rep_call", None)
    if page is not None and report is not None and report.failed:
        folder = Path(settings.BASE_DIR) / "var" / "e2e-failures"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.@-]+", "-", request.node.name).strip("-")[:150]
        try:
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        except Exception as exc:  # a crashed page must not hide the test's own failure
            print(f"Could not save a screenshot: {exc}")


AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary, html: n.html})),
  }));
}"""


def format_violations(url, violations, max_nodes=3):
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:max_nodes]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    ... and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)


# axe only reports an aria-describedby/-labelledby naming a missing id as "needs review"; a hint or
# error message that is referenced but never rendered is a real defect here, so it fails too.
DANGLING_IDREFS = """() => {
  const found = [];
  for (const attr of ['aria-describedby', 'aria-labelledby']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      const missing = el.getAttribute(attr).split(/\\s+/).filter((id) => id && !document.getElementById(id));
      if (missing.length) found.push(`${attr}="${missing.join(' ')}" on ${el.outerHTML.slice(0, 160)}`);
    }
  }
  return found;
}"""


@pytest.fixture
def check_a11y():
    """``check_a11y(page)``: axe-core's WCAG 2.x A/AA rules must find nothing on the page, and every
    id named by aria-describedby/aria-labelledby must exist."""
    axe_path = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
    if not axe_path.exists():
        pytest.fail(f"axe-core is missing at {axe_path}: run `npm install`")
    axe_source = axe_path.read_text()

    def _check(page):
        page.wait_for_load_state("load")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol: the pages' CSP (rightly) refuses an inline <script>.
            page.evaluate(axe_source)
        violations = page.evaluate(AXE_RUN, AXE_TAGS)
        assert not violations, format_violations(page.url, violations)
        dangling = page.evaluate(DANGLING_IDREFS)
        assert not dangling, f"ARIA references to missing ids on {page.url}:\n" + "\n".join(dangling)

    return _check


@pytest.fixture(autouse=True)
def page_checks(request, tmp_path, monkeypatch):
    """Every browser context a journey opens runs at 375 px and is watched (tests/e2e/page_checks.py);
    the test fails, listing each problem, if a page it visited scrolls sideways, asked another host for
    anything, broke the Content-Security-Policy or is not valid HTML."""
    from playwright.sync_api import Browser

    from tests.e2e.page_checks import PHONE, PageChecks

    vnu_jar = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not vnu_jar.exists():
        pytest.fail(f"vnu-jar is missing at {vnu_jar}: run `npm install`")
    checks = PageChecks(folder=tmp_path, vnu_jar=vnu_jar)
    new_context = Browser.new_context

    def watched_context(self, *args, **kwargs):
        return checks.watch(new_context(self, *args, **{**kwargs, "viewport": PHONE}))

    monkeypatch.setattr(Browser, "new_context", watched_context)
    yield checks
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed or not checks.contexts:
        return
    problems = checks.problems()
    assert not problems, "\n".join(problems)
