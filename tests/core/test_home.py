"""Each role lands on real work: the organisation home shows what waits for the person."""

import pytest
from django.core.management import call_command

from cop_platform.accounts.models import User
from tests.helpers import count_queries


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True)


def home_as(client, email, org="hin-south-london"):
    client.force_login(User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend")
    return client.get(f"/{org}/").content.decode()


def test_panel_member_sees_assignments_to_score(demo, client):
    body = home_as(client, "panel@hin.example.org")
    assert "Your review assignments" in body
    assert "to score" in body and "/calls/spring-round/review/" in body


def test_project_manager_sees_calls_in_progress_and_state_of_play(demo, client):
    body = home_as(client, "pm@hin.example.org")
    assert 'data-testid="calls-in-progress"' in body
    assert "/calls/spring-round/ranking/" in body
    assert "/hin-south-london/state-of-play/" in body
    assert "Your review assignments" not in body


def test_convener_sees_the_open_call_and_their_community(demo, client):
    body = home_as(client, "convener@hin.example.org")
    assert 'data-testid="open-calls"' in body and "/calls/conveners-2026/" in body
    assert "Sepsis" in body
    assert 'data-testid="calls-in-progress"' not in body


def test_member_of_the_other_organisation_sees_none_of_hins_calls(demo, client):
    body = home_as(client, "convener@cocreation.example.org", org="co-creation-network")
    assert "conveners-2026" not in body and "spring-round" not in body


def test_tenant_home_queries_do_not_grow_with_calls_and_assignments(demo, client):
    from django_scopes import scope

    from conveners.models import Call
    from cop_platform.tenancy.models import Organisation
    from tests.conveners.builders import add_panel, assign, make_application, make_call

    panel = User.objects.get(email="panel@hin.example.org")
    client.force_login(panel, backend="django.contrib.auth.backends.ModelBackend")
    _, before = count_queries(lambda: client.get("/hin-south-london/"))
    hin = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=hin):
        for i in range(4):
            call = make_call(hin, slug=f"extra-round-{i}", status="under_review")
            add_panel(call, panel)
            for j in range(5):
                applicant = User.objects.create_user(f"applicant{i}-{j}@people.example.org", None)
                assign(make_application(call, applicant, domain=f"Domain {j}"), panel)
        assert Call.objects.count() >= 7
    response, after = count_queries(lambda: client.get("/hin-south-london/"))
    assert response.status_code == 200
    assert after == before


HOME_BUDGET = 15  # the page budget as measured with today's six-query baseline (see the speed issue)


def _evaluation_figures(body):
    start = body.index('data-testid="evaluation-panel">') + len('data-testid="evaluation-panel">')
    return body[start:body.index("</p>", start)]


def test_admin_home_keeps_its_figures_within_the_query_budget_as_everything_grows(demo, client):
    """The admin's home draws every panel (calls, programmes, communities, phases, evidence): it stays
    within the budget, does not grow with the data, and its shared counts stay right — evidence without a
    community counts towards the last quarter's, a community with recent evidence is no longer quiet."""
    from datetime import date, timedelta

    from django_scopes import scope

    from communities.models import Community
    from cop_platform.tenancy.models import Organisation
    from evaluation.models import Evidence
    from evaluation.selectors.values import RECENT_DAYS
    from programmes.models import Programme
    from tests.conveners.builders import make_call

    hin = Organisation.objects.get(slug="hin-south-london")
    admin = User.objects.get(email="admin@hin.example.org")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response, before = count_queries(lambda: client.get("/hin-south-london/"))
    body = response.content.decode()
    assert before <= HOME_BUDGET
    with scope(organisation=hin):
        since = date.today() - timedelta(days=RECENT_DAYS)
        quiet = [c for c in Community.objects.filter(organisation=hin).exclude(status="closed").order_by("pk")
                 if not Evidence.objects.filter(community=c, date__gte=since).exists()]
        recent_before = int(_evaluation_figures(body).split(" ")[0])
        quiet_before = int(_evaluation_figures(body).split("; ")[1].split(" ")[0])
        assert quiet, "the demo has a community without evidence"
        Evidence.objects.create(organisation=hin, community=quiet[0], title="Minutes of the huddle",
                                date=date.today())
        Evidence.objects.create(organisation=hin, community=None, title="Programme-wide survey", date=date.today())
        for i in range(6):
            make_call(hin, slug=f"growth-round-{i}", status="under_review" if i % 2 else "open")
            Programme.objects.create(organisation=hin, name=f"Growth programme {i}", slug=f"growth-{i}",
                                     kind="cohort", applications_open_until=date(2099, 1, 1))
    response, after = count_queries(lambda: client.get("/hin-south-london/"))
    body = response.content.decode()
    assert after == before
    figures = _evaluation_figures(body)
    assert figures.startswith(f"{recent_before + 2} items of evidence")
    assert f"; {quiet_before - 1} communit" in figures
