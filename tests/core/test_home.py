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
