"""Browser journey for the application dossier: a project manager opens the demo's Sepsis application,
builds its dossier, watches its progress (the box polls the build every 2 s while a worker — here the test
itself, as the broker's queue is held — makes the PDF), then downloads the PDF and its text holds the
application's record, reviewers' names included. Every page is checked with axe at a phone's width."""

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from conveners.dossier import DOSSIER_KIND
from cop_platform import tasks
from cop_platform.models import Build, BuildStatus
from tests.core.pdf_helpers import embedded_things, pdf_text
from tests.e2e.test_meetings_journey import fits_a_phone
from tests.e2e.test_sign_in import sign_in

CALL = "/hin-south-london/calls/spring-round"


def test_project_manager_builds_watches_and_downloads_a_dossier(page, demo_site, check_a11y, monkeypatch):
    held = []  # the broker's queue: the test plays the worker, so the page shows a build in progress
    monkeypatch.setattr(tasks.build_file, "apply_async", lambda args=(), kwargs=None, **options: held.append(args))

    sign_in(page, demo_site, "pm@hin.example.org")
    page.goto(demo_site + CALL + "/applications/")
    expect(page.get_by_role("button", name="Build every dossier (zip)")).to_be_visible()
    page.get_by_test_id("applications").get_by_role("link", name="Sepsis", exact=True).click()
    box = page.get_by_test_id("build-box")
    expect(box).to_contain_text("No file has been made yet.")
    check_a11y(page)
    fits_a_phone(page)

    box.get_by_role("button", name="Build the dossier (PDF)").click()
    expect(page.get_by_test_id("build-status")).to_contain_text("Queued")
    expect(page.get_by_test_id("build-status")).to_contain_text("Waiting for a worker")
    check_a11y(page)
    fits_a_phone(page)

    assert len(held) == 1
    organisation_id, build_id = held[0]
    tasks.build_file.run(organisation_id, build_id)  # the worker
    with scopes_disabled():
        build = Build.objects.get(pk=build_id)
    assert build.kind == DOSSIER_KIND and build.status == BuildStatus.READY, build.failure_reason

    download_link = page.get_by_test_id("build-download")
    expect(download_link).to_be_visible(timeout=10_000)  # the poll swapped in the finished box
    expect(page.get_by_test_id("build-status")).to_contain_text("Ready")
    check_a11y(page)
    fits_a_phone(page)

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    name = download.suggested_filename
    assert name.startswith("dossier-spring-round-") and name.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        content = handle.read()
    text = " ".join(pdf_text(content).split())
    for section in ("Applicant and co-leads", "Sponsor confirmation", "Answers", "Panel scores and comments",
                    "Conflicts of interest declared", "Decision and letter", "Honorarium payments", "Audit trail"):
        assert section in text, f"{section!r} missing from the downloaded dossier"
    assert "Sepsis" in text
    assert embedded_things(content) == []

    # Without JavaScript's poll the file's own page says the same, and offers it again.
    page.goto(demo_site + f"/hin-south-london/files/{build_id}/")
    expect(page.get_by_test_id("build-download")).to_be_visible()
    expect(page.get_by_role("button", name="Make it again with today's data")).to_be_visible()
    check_a11y(page)
    fits_a_phone(page)
