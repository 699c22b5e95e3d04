"""Every person of a tenant against every page of it: those the page is for get in; everyone else is
refused — 403 for a page of their own organisation their role does not allow, 404 where the page must
not even admit the thing exists (an unlisted community, someone else's application) — on GET and POST,
as plain and as htmx requests, and nothing in the database changes.

The cast of tenant A: admin, project manager, panel member, evaluator (organisation roles); the convener
(of both communities), a core-group member and a plain member of the listed community; an outsider (in
the organisation, in no community); a real applicant with no role who owns the crawler's application.
"""

import pytest
from django.apps import apps
from django_scopes import scopes_disabled

from tests.isolation import access
from tests.isolation.access import (
    ACCESS,
    APPLICATION_OWNER,
    APPLICATION_VIEWER,
    COHORT_APPLICATION_OWNER,
    COHORT_APPLICATION_VIEWER,
    COMMUNITY,
    COMMUNITY_CONTRIBUTORS,
    COMMUNITY_CONVENER,
    COMMUNITY_CORE,
    MEMBER,
    url_arguments,
)
from tests.isolation.cast import cast_of
from tests.isolation.test_crawler import TENANT_URLS, _reverse

# Cross-community events: host staff and the people of its communities (the crawler's event brings both
# communities together); anyone else is told it does not exist.
EVENT_VIEWER = getattr(access, "EVENT_VIEWER", "event_viewer")
# The cohort's portal: its participants (the crawler makes the listed community's plain member one) and staff.
PROGRAMME_PORTAL = getattr(access, "PROGRAMME_PORTAL", "programme_portal")
PROGRAMME_PARTICIPANTS = {"member"}

# A level another part of the suite may add (members-only community pages); treated like COMMUNITY plus
# a 403 for people of the organisation outside the community, when it appears in the table.
COMMUNITY_MEMBERS = getattr(access, "COMMUNITY_MEMBERS", "community_members")

ALLOW = "allow"
STAFF = {"admin", "project_manager"}  # host staff: see and support every community
SEES_EVERY_COMMUNITY = STAFF | {"evaluator"}
ROLES = {"admin": "admin", "project_manager": "project_manager", "panel_member": "panel_member",
         "evaluator": "evaluator"}
IN_COMMUNITY = {"listed": {"convener", "core_group", "member"}, "unlisted": {"convener"}}
RUNS = {"convener", "core_group"}
CONVENES = {"convener"}
PROJECT_APPS = ("cop_platform", "accounts", "tenancy", "communities", "conveners", "programmes", "evaluation")
VOLATILE = {("accounts", "user"): {"last_login"}}


def cast(world):
    tenant = world.a
    extra = cast_of(tenant)
    return {"admin": tenant.admin, "project_manager": tenant.project_manager, "panel_member": tenant.panel_member,
            "evaluator": tenant.evaluator, "convener": tenant.convener, "core_group": extra.core_group,
            "member": tenant.member, "outsider": tenant.outsider, "applicant": extra.applicant}


def expected(level, who, where="listed"):
    """What ``who`` gets on a page of ``level`` (in the listed or the unlisted community): ALLOW, 403, 404."""
    sees = who in IN_COMMUNITY[where] or who in SEES_EVERY_COMMUNITY or (where == "listed")
    if level == MEMBER:
        return ALLOW
    if level == COMMUNITY:
        return ALLOW if sees else 404
    if level == COMMUNITY_MEMBERS:
        if not sees:
            return 404
        return ALLOW if who in IN_COMMUNITY[where] or who in SEES_EVERY_COMMUNITY else 403
    if level == COMMUNITY_CORE:
        if not sees:
            return 404
        return ALLOW if (who in IN_COMMUNITY[where] and who in RUNS) or who in STAFF else 403
    if level == COMMUNITY_CONTRIBUTORS:
        if not sees:
            return 404
        return ALLOW if (who in IN_COMMUNITY[where] and who in RUNS) or who in SEES_EVERY_COMMUNITY else 403
    if level == COMMUNITY_CONVENER:
        if not sees:
            return 404
        return ALLOW if (who in IN_COMMUNITY[where] and who in CONVENES) or who in STAFF else 403
    # Evaluation (stories): the crawler's story is shared and told by the convener.
    if level in (access.COMMUNITY_EVALUATION, access.STORY_WRITER, access.STORY_NARRATOR):
        if not sees:
            return 404
        if who not in IN_COMMUNITY[where] and who not in SEES_EVERY_COMMUNITY:
            return 403
        allowed = {access.COMMUNITY_EVALUATION: (RUNS & IN_COMMUNITY[where]) | SEES_EVERY_COMMUNITY,
                   access.STORY_WRITER: {"convener"} | SEES_EVERY_COMMUNITY,
                   access.STORY_NARRATOR: {"convener"}}[level]
        return ALLOW if who in allowed else 403
    if level in (APPLICATION_VIEWER, COHORT_APPLICATION_VIEWER):
        return ALLOW if who == "applicant" or who in STAFF else 404
    if level in (APPLICATION_OWNER, COHORT_APPLICATION_OWNER):
        return ALLOW if who == "applicant" else 403 if who in STAFF else 404
    if level == EVENT_VIEWER:
        return ALLOW if who in STAFF or who in IN_COMMUNITY["listed"] | IN_COMMUNITY["unlisted"] else 404
    if level == PROGRAMME_PORTAL:
        return ALLOW if who in PROGRAMME_PARTICIPANTS or who in STAFF else 403
    if level == getattr(access, "STAFF_FILE", None):  # generated files for host staff (tests/isolation/access.py)
        return ALLOW if who in STAFF else 404
    if isinstance(level, tuple):
        return ALLOW if ROLES.get(who) in {str(role) for role in level} else 403
    raise AssertionError(f"Unknown access level {level!r}: teach test_refusals.expected what it means")


def fingerprint():
    """Every row of the project's own tables (but the last sign-in time the test client itself sets)."""
    rows = {}
    with scopes_disabled():
        for label in PROJECT_APPS:
            for model in apps.get_app_config(label).get_models():
                key = (model._meta.app_label, model._meta.model_name)
                drop = VOLATILE.get(key, set())
                rows[key] = [{k: v for k, v in row.items() if k not in drop}
                             for row in model._default_manager.order_by("pk").values()]
    return rows


def _as(client, user):
    """The one test client, signed in as ``user`` (a new client per person would reload the middleware)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _is_community_page(route):
    return route.startswith("<slug:org>/communities/<slug:slug>/")


def _refusal_problems(client, url, status):
    problems = []
    for method in ("get", "post"):
        for htmx in (False, True):
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = getattr(client, method)(url, **headers)
            if response.status_code != status:
                problems.append(f"{method.upper()}{' htmx' if htmx else ''} {response.status_code}")
            elif status == 403 and b"You do not have permission" not in response.content:
                problems.append(f"{method.upper()}{' htmx' if htmx else ''} 403 without the 403 page")
            elif status == 404 and b"Page not found" not in response.content:
                problems.append(f"{method.upper()}{' htmx' if htmx else ''} 404 without the 404 page")
    return problems


@pytest.mark.parametrize("name,route", TENANT_URLS, ids=[n for n, _ in TENANT_URLS])
def test_everyone_the_page_is_not_for_is_refused_and_nothing_changes(world, client, name, route):
    level = ACCESS[name]
    people = cast(world)
    places = [("listed", world.a.community)]
    if _is_community_page(route):
        places.append(("unlisted", world.a.unlisted))
    urls = {where: _reverse(name, route, world.a, community) for where, community in places}
    before = fingerprint()
    problems = []
    for where, url in urls.items():
        for who in people:
            outcome = expected(level, who, where)
            if outcome == ALLOW:
                continue
            problems += [f"{who} on {where}: {p}" for p in _refusal_problems(_as(client, people[who]), url, outcome)]
    assert not problems, f"{name} should refuse: {problems}"
    assert fingerprint() == before, f"{name}: a refused request changed the database"
    for where, url in urls.items():
        for who in people:
            if expected(level, who, where) == ALLOW:
                response = _as(client, people[who]).get(url)
                # 405: a POST-only action this person may take; GET is still not a way in. 302: a page that
                # sends this person elsewhere (leaving a community they are not in), never to sign in.
                assert response.status_code in (200, 302, 405), f"{name} as {who} on {where}: {response.status_code}"
                assert "/accounts/login/" not in response.get("Location", ""), f"{name} as {who} on {where}"


def test_a_real_applicant_opens_their_own_application_and_nobody_elses(world, client):
    """The applicant has no role: their application's pages answer them; another person's are 404 to
    them, just as theirs are 404 to other people without a staff role."""
    from tests.conveners.builders import make_application

    people = cast(world)
    applicant = people["applicant"]
    arguments = url_arguments(world.a, community=world.a.community)
    with scopes_disabled():
        from conveners.models import Application, Call

        call = Call.objects.get(organisation=world.a.organisation, slug=arguments["call"])
        assert Application.objects.get(pk=arguments["application"]).applicant == applicant
    other = make_application(call, world.a.member, domain="Someone else's domain")
    owned = [(n, r) for n, r in TENANT_URLS if ACCESS[n] in (APPLICATION_VIEWER, APPLICATION_OWNER)]
    assert len(owned) >= 5
    for name, route in owned:
        own_url = _reverse(name, route, world.a, world.a.community)
        assert _as(client, applicant).get(own_url).status_code in (200, 405), name
        others_url = own_url.replace(f"/{arguments['application']}/", f"/{other.pk}/")
        assert others_url != own_url
        assert client.get(others_url).status_code == 404, f"{name}: another's application"
        assert client.post(others_url).status_code == 404, f"{name}: another's application"
        assert _as(client, world.a.member).get(own_url).status_code == 404, f"{name}: the applicant's, to a member"


def test_the_expectations_follow_the_design():
    """The table of outcomes itself, for the cases that are easy to get backwards."""
    assert expected(COMMUNITY, "member", "unlisted") == 404
    assert expected(COMMUNITY, "evaluator", "unlisted") == ALLOW
    assert expected(COMMUNITY_CORE, "core_group") == ALLOW
    assert expected(COMMUNITY_CORE, "member") == 403
    assert expected(COMMUNITY_CONVENER, "core_group") == 403
    assert expected(COMMUNITY_CONTRIBUTORS, "evaluator", "unlisted") == ALLOW
    assert expected(COMMUNITY_CONTRIBUTORS, "member") == 403
    assert expected(COMMUNITY_CONTRIBUTORS, "core_group", "unlisted") == 404
    assert expected(COMMUNITY_CONVENER, "evaluator", "unlisted") == 403
    assert expected(COMMUNITY_CONVENER, "panel_member", "unlisted") == 404
    assert expected(APPLICATION_OWNER, "project_manager") == 403
    assert expected(APPLICATION_OWNER, "member") == 404
    assert expected(APPLICATION_VIEWER, "admin") == ALLOW
    assert expected(("admin",), "convener") == 403
    assert expected(EVENT_VIEWER, "member") == ALLOW
    assert expected(EVENT_VIEWER, "evaluator") == 404
    assert expected(EVENT_VIEWER, "outsider") == 404
    assert expected(PROGRAMME_PORTAL, "member") == ALLOW
    assert expected(PROGRAMME_PORTAL, "evaluator") == 403
    assert expected(PROGRAMME_PORTAL, "convener") == 403
