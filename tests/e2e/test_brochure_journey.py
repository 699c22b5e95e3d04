"""Browser journey for the communities' brochure: the demo's evaluator builds it from their evaluation home,
watches it in the "Reports and brochures" panel (the box polls while a worker — here the test itself, as the
broker's queue is held — makes the PDF), then downloads it: a page per HIN community, then the lifecycle and
the value-cycle pages. Every page is checked with axe at a phone's width."""

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from communities.models import Community
from cop_platform import tasks
from cop_platform.models import Build, BuildStatus
from evaluation.exports import BROCHURE_KIND
from tests.core.pdf_helpers import embedded_things, pdf_reader, pdf_text
from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

HOME = "/hin-south-london/evaluation/"


def test_evaluator_builds_and_downloads_the_brochure(page, demo_site, check_a11y, monkeypatch):
    held = []
    monkeypatch.setattr(tasks.build_file, "apply_async", lambda args=(), kwargs=None, **options: held.append(args))

    sign_in(page, demo_site, "evaluator@hin.example.org")
    page.goto(demo_site + HOME)
    panel = page.get_by_test_id("reports-panel")
    expect(panel.get_by_role("heading", name="Reports and brochures")).to_be_visible()
    expect(panel).to_contain_text("No report, data pack or brochure has been made yet.")
    check_a11y(page)
    fits_a_phone(page)

    panel.get_by_role("button", name="Build the brochure (PDF)").click()
    expect(page.get_by_test_id("build-status")).to_contain_text("Waiting for a worker")
    assert len(held) == 1
    organisation_id, build_id = held[0]
    tasks.build_file.run(organisation_id, build_id)  # the worker
    with scopes_disabled():
        build = Build.objects.get(pk=build_id)
        names = list(Community.objects.filter(organisation_id=organisation_id, status="active",
                                              visibility="listed").values_list("name", flat=True))
    assert build.kind == BROCHURE_KIND and build.status == BuildStatus.READY, build.failure_reason

    download_link = page.get_by_test_id("build-download")
    expect(download_link).to_be_visible(timeout=10_000)
    check_a11y(page)
    fits_a_phone(page)
    page.reload()
    expect(page.get_by_test_id("reports-list")).to_contain_text("Brochure of our communities (PDF)")

    with page.expect_download() as download_info:
        page.get_by_test_id("build-download").click()
    download = download_info.value
    assert download.suggested_filename == "brochure-hin-south-london.pdf"
    with open(download.path(), "rb") as handle:
        content = handle.read()
    text = " ".join(pdf_text(content).split())
    assert len(names) >= 7
    for name in names:
        assert f"Community: {name}" in text, name
    assert len(pdf_reader(content).pages) > len(names)
    for section in ("The lifecycle of a community of practice", "Developing feedback", "The value cycle",
                    "Telling stories"):
        assert section in text, section
    assert "@hin.example.org" not in text.replace("cop@hin.example.org", "")  # no person's address
    assert embedded_things(content) == []
