"""Browser journey for the evaluator's views and the value-cycle report: the demo's evaluator opens the
views from the evaluation home, sees the charts with their tables at a phone's width, narrows them to the
support programme, builds the programme's value-cycle report, watches the polled progress while a worker
(here the test itself, as the broker's queue is held) makes it, and downloads the PDF."""

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cop_platform import tasks
from cop_platform.models import Build, BuildStatus
from evaluation import reports
from tests.core.pdf_helpers import embedded_things, pdf_text
from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

ORG = "/hin-south-london"
PROGRAMME = "Patient Safety Communities of Practice 2015–16"
CHARTS = ("matrix", "ladder", "flow", "grid", "tiers", "boundary", "ties")


def test_evaluator_sees_the_charts_and_downloads_the_programme_report(page, demo_site, check_a11y, monkeypatch):
    held = []
    monkeypatch.setattr(tasks.build_file, "apply_async", lambda args=(), kwargs=None, **options: held.append(args))

    sign_in(page, demo_site, "evaluator@hin.example.org", start=ORG + "/evaluation/")
    page.get_by_role("link", name="Evaluator's views (charts)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluator's views")
    for key in CHARTS:
        figure = page.get_by_test_id(f"chart-{key}")
        expect(figure.locator("svg[role=img]")).to_be_visible()
        expect(figure.locator("table")).to_have_count(1)
    svg_width = page.get_by_test_id("chart-matrix").locator("svg").evaluate("e => e.getBoundingClientRect().width")
    assert svg_width <= 375, svg_width
    check_a11y(page)
    fits_a_phone(page)

    page.get_by_label("Programme").select_option(label=PROGRAMME)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("views-scope")).to_have_text(PROGRAMME)
    box = page.get_by_test_id("build-box")
    expect(box).to_contain_text("No file has been made yet.")
    check_a11y(page)
    fits_a_phone(page)

    box.get_by_role("button", name="Build the value-cycle report (PDF)").click()
    expect(page.get_by_test_id("build-status")).to_contain_text("Waiting for a worker")
    fits_a_phone(page)

    assert len(held) == 1
    organisation_id, build_id = held[0]
    tasks.build_file.run(organisation_id, build_id)  # the worker
    with scopes_disabled():
        build = Build.objects.get(pk=build_id)
    assert build.kind == reports.PROGRAMME_KIND and build.status == BuildStatus.READY, build.failure_reason

    download_link = page.get_by_test_id("build-download")
    expect(download_link).to_be_visible(timeout=10_000)  # the poll swapped in the finished box
    check_a11y(page)
    fits_a_phone(page)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.startswith("value-cycle-report-")
    with open(download.path(), "rb") as handle:
        content = handle.read()
    text = " ".join(pdf_text(content).split())
    for expected in ("Value-cycle report: Patient Safety", "Immediate value", "Potential value", "Applied value",
                     "Realised value", "Reframing value", "The value-creation matrix", "Impact stories",
                     "Value flow", "Participation tiers by quarter", "Methods and limitations"):
        assert expected in text, f"{expected!r} missing from the downloaded report"
    assert embedded_things(content) == []
