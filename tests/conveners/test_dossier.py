"""The application dossier and a call's zip of dossiers, built through the core's file builds: what they
hold, who may have them, hostile text in real fields, the bounds, and the pages' query counts."""

import io
import zipfile

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from conveners.dossier import CALL_ZIP_KIND, DOSSIER_KIND
from cop_platform.models import Build, BuildStatus
from tests.conveners.dossier_builders import CONFLICT_REASON, LETTER_TEXT, SCORE_COMMENT, full_application
from tests.core.pdf_helpers import LoopbackServer, embedded_things, hostile_payloads, pdf_text
from tests.helpers import assert_queries_flat

ORG = "tenant-a"


def _new_url(kind, target):
    return reverse("build_new", kwargs={"org": ORG, "build_kind": kind, "build_target": target})


def _build(client, kind, target, capture):
    with capture(execute=True):
        response = client.post(_new_url(kind, target), {"next": "/tenant-a/calls/"})
    assert response.status_code == 302, response.status_code
    with scopes_disabled():
        return Build.objects.filter(kind=kind, target_id=target).order_by("-pk").first()


def _download(client, build):
    response = client.get(reverse("build_download", kwargs={"org": ORG, "build_id": build.pk}))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content), response


@pytest.fixture
def application(world):
    return full_application(world.a)


def test_dossier_holds_every_section(world, client_for, application, django_capture_on_commit_callbacks):
    build = _build(client_for(world.a.project_manager), DOSSIER_KIND, application.pk,
                   django_capture_on_commit_callbacks)
    assert build.status == BuildStatus.READY, build.failure_reason
    content, response = _download(client_for(world.a.project_manager), build)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = " ".join(pdf_text(content).split())
    for expected in (
        "Applicant and co-leads", "Ada Example", "Cory Colead", "Local authority",
        "Sponsor confirmation", "Example Sponsor Trust", "Sam Sponsor", "Confirmed",
        "Answers", "A passion for safer care.", "Ward sisters.", "Monthly.", "Help with a first meeting.",
        "Panel scores and comments", "Rhiannon Scorer", SCORE_COMMENT, "4 / 5", "Criterion 1",
        "Conflicts of interest declared", "Conall Conflicted", CONFLICT_REASON,
        "Decision and letter", "Funded", LETTER_TEXT,
        "Honorarium payments", "£2,500.00",
        "Audit trail", "Decision recorded",
    ):
        assert expected in text, f"{expected!r} missing from the dossier"
    assert embedded_things(content) == []


def test_dossier_is_refused_to_applicant_reviewer_and_evaluator(world, client_for, application,
                                                                django_capture_on_commit_callbacks):
    build = _build(client_for(world.a.admin), DOSSIER_KIND, application.pk, django_capture_on_commit_callbacks)
    urls = [reverse(name, kwargs={"org": ORG, "build_id": build.pk})
            for name in ("build_status", "build_download", "build_rebuild")]
    with scopes_disabled():
        reviewer = application.assignments.first().reviewer
    for person in (application.applicant, reviewer, world.a.panel_member, world.a.evaluator, world.a.member):
        client = client_for(person)
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(_new_url(DOSSIER_KIND, application.pk)).status_code == 404
        for url in urls:
            assert client.get(url).status_code == 404, (person.email, url)
            assert client.post(url).status_code == 404, (person.email, url)
    with scopes_disabled():
        assert Build.objects.count() == 1


def test_applicant_sees_their_application_without_the_dossier_box(world, client_for, application):
    page = client_for(application.applicant).get(application.get_absolute_url())
    assert page.status_code == 200
    assert b'data-testid="build-box"' not in page.content
    staff_page = client_for(world.a.project_manager).get(application.get_absolute_url())
    assert b'data-testid="build-box"' in staff_page.content and b"Build the dossier (PDF)" in staff_page.content


def test_another_tenants_staff_get_404(world, client_for, application, django_capture_on_commit_callbacks):
    build = _build(client_for(world.a.admin), DOSSIER_KIND, application.pk, django_capture_on_commit_callbacks)
    client = client_for(world.b.admin)
    assert client.get(reverse("build_download", kwargs={"org": ORG, "build_id": build.pk})).status_code == 404
    # Their own organisation's URL with tenant A's build or application: not found either.
    assert client.get(reverse("build_status", kwargs={"org": "tenant-b", "build_id": build.pk})).status_code == 404
    new_b = reverse("build_new", kwargs={"org": "tenant-b", "build_kind": DOSSIER_KIND, "build_target": application.pk})
    assert client.post(new_b).status_code == 404


def test_unknown_kind_and_huge_target_are_not_found(world, client_for):
    client = client_for(world.a.admin)
    assert client.post(_new_url("conveners.nothing", 1)).status_code == 404
    assert client.post(_new_url(DOSSIER_KIND, 10**30)).status_code == 404
    assert client.post(_new_url("<script>", 1)).status_code == 404


def test_hostile_text_in_real_dossier_fields_fetches_and_embeds_nothing(world, client_for,
                                                                       django_capture_on_commit_callbacks):
    with LoopbackServer() as server:
        payload = "\n".join(hostile_payloads(server.url).values())
        application = full_application(world.a, slug="hostile-call", domain=payload[:200], passion=payload,
                                       core_group=payload, sponsor_name=payload[:200])
        build = _build(client_for(world.a.project_manager), DOSSIER_KIND, application.pk,
                       django_capture_on_commit_callbacks)
        assert build.status == BuildStatus.READY, build.failure_reason
        content, _ = _download(client_for(world.a.project_manager), build)
        assert server.requests == []
    assert embedded_things(content) == []
    text = pdf_text(content)
    assert "root:x:0:0" not in text
    assert '<link rel="attachment" href="file:///etc/passwd"' in " ".join(text.split())  # shown as text


def test_page_bound_fails_the_build_with_a_readable_reason(world, client_for, application, settings,
                                                           django_capture_on_commit_callbacks):
    settings.CONVENE_PDF_MAX_PAGES = 1
    client = client_for(world.a.project_manager)
    build = _build(client, DOSSIER_KIND, application.pk, django_capture_on_commit_callbacks)
    assert build.status == BuildStatus.FAILED
    assert "the limit is 1" in build.failure_reason
    page = client.get(reverse("build_status", kwargs={"org": ORG, "build_id": build.pk}))
    assert "the limit is 1" in page.content.decode()
    assert client.get(reverse("build_download", kwargs={"org": ORG, "build_id": build.pk})).status_code == 404


def test_input_bound_fails_the_build_with_a_readable_reason(world, client_for, application, settings,
                                                            django_capture_on_commit_callbacks):
    settings.CONVENE_PDF_MAX_HTML_BYTES = 1000
    build = _build(client_for(world.a.admin), DOSSIER_KIND, application.pk, django_capture_on_commit_callbacks)
    assert build.status == BuildStatus.FAILED
    assert "too large" in build.failure_reason and "1,000" in build.failure_reason


def test_rebuild_makes_a_new_build(world, client_for, application, django_capture_on_commit_callbacks):
    client = client_for(world.a.project_manager)
    first = _build(client, DOSSIER_KIND, application.pk, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("build_rebuild", kwargs={"org": ORG, "build_id": first.pk}),
                               HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    with scopes_disabled():
        builds = list(Build.objects.filter(kind=DOSSIER_KIND, target_id=application.pk).order_by("pk"))
    assert len(builds) == 2 and builds[0].status == builds[1].status == BuildStatus.READY
    # The box swapped in polls the new build (it was queued when the response was made).
    assert f'data-hx-get="/tenant-a/files/{builds[1].pk}/' in response.content.decode()


def test_call_zip_holds_one_dossier_per_application(world, client_for, django_capture_on_commit_callbacks):
    first = full_application(world.a, slug="zip-call", domain="Sepsis")
    second = full_application(world.a, slug="zip-call", domain="Delirium")
    client = client_for(world.a.project_manager)
    page = client.get(reverse("conveners:applications", kwargs={"org": ORG, "call": "zip-call"}))
    assert b"Build every dossier (zip)" in page.content
    build = _build(client, CALL_ZIP_KIND, first.call_id, django_capture_on_commit_callbacks)
    assert build.status == BuildStatus.READY, build.failure_reason
    content, response = _download(client, build)
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(archive.namelist())
        assert names == sorted([f"dossier-zip-call-{first.pk}.pdf", f"dossier-zip-call-{second.pk}.pdf"])
        texts = {name: pdf_text(archive.read(name)) for name in names}
    assert "Sepsis" in texts[f"dossier-zip-call-{first.pk}.pdf"]
    assert "Delirium" in texts[f"dossier-zip-call-{second.pk}.pdf"]
    assert client_for(first.applicant).post(_new_url(CALL_ZIP_KIND, first.call_id)).status_code == 404


def test_status_fragment_query_count_is_flat(world, client_for, application, django_capture_on_commit_callbacks):
    client = client_for(world.a.project_manager)
    build = _build(client, DOSSIER_KIND, application.pk, django_capture_on_commit_callbacks)
    url = reverse("build_status", kwargs={"org": ORG, "build_id": build.pk})
    client.defaults["HTTP_HX_REQUEST"] = "true"

    def grow():
        for n in range(3):
            full_application(world.a, slug=f"grow-{n}", domain=f"Domain {n}")
        with scopes_disabled():
            for _ in range(5):
                Build.objects.create(organisation=world.a.organisation, kind=DOSSIER_KIND, target_type="x",
                                     target_id=application.pk)

    before, _ = assert_queries_flat(client, url, grow, status=286)  # finished: htmx stops polling
    assert before <= 12


def test_polling_continues_while_building_and_the_page_works_without_javascript(world, client_for, application):
    with scopes_disabled():
        build = Build.objects.create(organisation=world.a.organisation, kind=DOSSIER_KIND,
                                     target_type="conveners.application", target_id=application.pk,
                                     status=BuildStatus.BUILDING, progress=40, progress_text="Gathering")
    client = client_for(world.a.admin)
    url = reverse("build_status", kwargs={"org": ORG, "build_id": build.pk})
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert 'data-hx-trigger="every 2s"' in body and "40%" in body and "<html" not in body
    page = client.get(url).content.decode()
    assert "<html" in page and 'data-testid="build-refresh"' in page


def test_dossier_context_query_count_does_not_grow(world, application):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conveners.dossier import dossier_context

    def count():
        with scope(organisation=world.a.organisation), CaptureQueriesContext(connection) as ctx:
            dossier_context(application)
        return len(ctx.captured_queries)

    count()  # the application's organisation and call are loaded once
    before = count()
    with scopes_disabled():  # a third reviewer with scores, a second payment, more audit entries
        from conveners.models import Score
        from tests.conveners.builders import assign
        from tests.factories import person_in

        extra = assign(application, person_in(world.a.organisation, email="third@example.org"), status="submitted")
        for criterion in application.call.criteria.all():
            Score.objects.create(organisation=world.a.organisation, assignment=extra, criterion=criterion, value=3)
    with scope(organisation=world.a.organisation):
        from cop_platform.audit import audit_record

        for _ in range(3):
            audit_record(organisation=world.a.organisation, actor=world.a.admin, action="application.updated",
                         target=application)
    assert count() == before


@pytest.mark.parametrize("next_url", ["https://evil.example.org/", "//evil.example.org/x", "javascript:alert(1)", ""])
def test_after_asking_without_javascript_a_foreign_next_goes_to_the_files_own_page(
        world, client_for, application, next_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.a.admin).post(_new_url(DOSSIER_KIND, application.pk), {"next": next_url})
    with scopes_disabled():
        build = Build.objects.get(kind=DOSSIER_KIND, target_id=application.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("build_status", kwargs={"org": ORG, "build_id": build.pk})


def test_the_build_task_has_the_configured_time_limits(settings):
    from cop_platform.tasks import build_file

    assert build_file.soft_time_limit == settings.CONVENE_PDF_TASK_SECONDS
    assert build_file.time_limit == settings.CONVENE_PDF_TASK_SECONDS + 30
    assert build_file.name == "cop_platform.tasks.build_file" and build_file.ignore_result
