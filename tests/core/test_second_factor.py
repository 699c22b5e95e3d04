"""A second factor for staff (cop_platform/accounts/mfa.py): who is sent to set one up, what stays
reachable, what it costs a page, and the recovery codes."""

import time

import pyotp
import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from cop_platform.accounts.mfa import role_needs_second_factor
from cop_platform.tenancy.models import Role
from tests.factories import OrganisationRoleFactory
from tests.helpers import count_queries

PASSWORD = "correct horse battery staple"


@pytest.fixture
def required(settings):
    settings.CONVENE_REQUIRE_STAFF_MFA = True
    return settings


def authenticated_at(client, user, at, *, reauthenticated=True):
    """Write into the session that ``user`` signed in (or confirmed who they are) at time ``at``."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": at,
                                                    **({"reauthenticated": True} if reauthenticated else {})}]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def home(world):
    return reverse("tenant_home", kwargs={"org": world.a.organisation.slug})


# --- The rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PROJECT_MANAGER, Role.PANEL_MEMBER, Role.EVALUATOR])
def test_rule_staff_roles_need_a_second_factor(role):
    assert role_needs_second_factor({role})
    assert role_needs_second_factor({role, "something_else"})


def test_rule_members_and_platform_admins():
    assert not role_needs_second_factor(set())
    assert not role_needs_second_factor({"convener"})
    assert role_needs_second_factor(set(), is_platform_admin=True)


# --- Enforcement in the tenant request path ---------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "project_manager", "panel_member", "evaluator"])
def test_staff_without_a_factor_are_sent_to_set_one_up(world, client_for, required, who):
    client = client_for(getattr(world.a, who))
    response = client.get(home(world))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_required")
    page = client.get(reverse("mfa_required"))
    assert page.status_code == 200
    assert b"Set up a second way to sign in" in page.content
    assert reverse("mfa_activate_totp").encode() in page.content
    assert reverse("mfa_add_webauthn").encode() in page.content


def test_staff_are_sent_away_from_every_tenant_page_and_htmx_alike(world, client_for, required):
    client = client_for(world.a.panel_member)
    calls = reverse("conveners:calls", kwargs={"org": world.a.organisation.slug})
    assert client.get(calls)["Location"] == reverse("mfa_required")
    assert client.post(calls)["Location"] == reverse("mfa_required")
    htmx = client.get(calls, headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == reverse("mfa_required")


@pytest.mark.parametrize("who", ["member", "convener", "outsider"])
def test_members_are_not_forced(world, client_for, required, who):
    assert client_for(getattr(world.a, who)).get(home(world)).status_code == 200


def test_members_may_set_one_up(world, client_for, required):
    client = client_for(world.a.member)
    authenticated_at(client, world.a.member, time.time())
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert b"Set up an authenticator app" in page.content


@pytest.mark.parametrize("kind", ["totp", "webauthn"])
def test_staff_with_a_factor_pass(world, client_for, required, kind):
    if kind == "totp":
        TOTP.activate(world.a.panel_member, generate_totp_secret())
    else:
        Authenticator.objects.create(user=world.a.panel_member, type=Authenticator.Type.WEBAUTHN, data={})
    assert client_for(world.a.panel_member).get(home(world)).status_code == 200


def test_recovery_codes_alone_are_not_a_second_factor(world, client_for, required):
    RecoveryCodes.activate(world.a.evaluator)
    assert client_for(world.a.evaluator).get(home(world))["Location"] == reverse("mfa_required")


def test_staff_role_elsewhere_does_not_force_a_member_here(world, client_for, required):
    OrganisationRoleFactory(organisation=world.b.organisation, user=world.a.member, role=Role.ADMIN)
    assert client_for(world.a.member).get(home(world)).status_code == 200


def test_setting_off_redirects_nobody(world, client_for, settings):
    settings.CONVENE_REQUIRE_STAFF_MFA = False
    for who in ("admin", "project_manager", "panel_member", "evaluator", "member"):
        assert client_for(getattr(world.a, who)).get(home(world)).status_code == 200, who


def test_account_pages_stay_reachable_for_staff_without_a_factor(world, client_for, required):
    client = client_for(world.a.admin)
    for name in ("mfa_index", "mfa_required", "account_profile", "account_email"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("mfa_activate_totp")).status_code == 302  # asks for the password first
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))


def test_removing_the_last_factor_sends_staff_back(world, client_for, required):
    client = client_for(world.a.admin)
    authenticated_at(client, world.a.admin, time.time())
    TOTP.activate(world.a.admin, generate_totp_secret())
    assert client.get(home(world)).status_code == 200  # remembered in the session from now on
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=world.a.admin, type="totp").exists()
    assert client.get(home(world))["Location"] == reverse("mfa_required")


def test_the_check_adds_no_query_once_remembered(world, client_for, settings):
    TOTP.activate(world.a.project_manager, generate_totp_secret())
    client = client_for(world.a.project_manager)
    url = home(world)
    settings.CONVENE_REQUIRE_STAFF_MFA = False
    client.get(url)
    _, off = count_queries(lambda: client.get(url))
    settings.CONVENE_REQUIRE_STAFF_MFA = True
    _, first = count_queries(lambda: client.get(url))
    _, on = count_queries(lambda: client.get(url))
    assert first <= off + 4  # once a session: one cheap query, and the session saved (savepoint, update, release)
    assert on == off


def test_members_pages_cost_nothing_more(world, client_for, settings):
    client = client_for(world.a.member)
    url = home(world)
    settings.CONVENE_REQUIRE_STAFF_MFA = False
    client.get(url)
    _, off = count_queries(lambda: client.get(url))
    settings.CONVENE_REQUIRE_STAFF_MFA = True
    _, on = count_queries(lambda: client.get(url))
    assert on == off


# --- Setting up TOTP through the pages, and the recovery codes ----------------------------------------


def _activate_totp(client, user):
    authenticated_at(client, user, time.time())
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    return secret, client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})


def test_totp_set_up_shows_recovery_codes_once_and_they_sign_in(world, client, client_for, required):
    user = world.a.panel_member
    user.set_password(PASSWORD)
    user.save()
    signed_in = client_for(user)
    _secret, response = _activate_totp(signed_in, user)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    first = signed_in.get(reverse("mfa_view_recovery_codes"))
    codes = first.context["unused_codes"]
    assert len(codes) == 10 and all(code.encode() in first.content for code in codes)
    second = signed_in.get(reverse("mfa_view_recovery_codes"))
    assert not any(code.encode() in second.content for code in codes)
    assert b"shown only when they are made" in second.content
    assert signed_in.get(home(world)).status_code == 200

    signed_in.logout()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(home(world)).status_code == 302  # not signed in until the second step
    wrong = client.post(reverse("mfa_authenticate"), {"code": "00000000"})
    assert wrong.status_code == 200 and b"Incorrect code" in wrong.content
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302
    assert client.get(home(world)).status_code == 200
    client.logout()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    reused = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert reused.status_code == 200  # a recovery code works once


@pytest.mark.parametrize("code", ["", "12345", "1" * 5000, "<script>alert(1)</script>", "abcdef"])
def test_totp_set_up_refuses_bad_codes_and_keeps_the_secret(world, client_for, required, code):
    client = client_for(world.a.admin)
    authenticated_at(client, world.a.admin, time.time())
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 200
    assert b"nhsuk-error-message" in response.content
    assert b"<script>alert" not in response.content
    assert response.context["form"].secret == secret  # the app already scanned still works
    assert not Authenticator.objects.filter(user=world.a.admin).exists()


# --- The sign-in page -----------------------------------------------------------------------------------


def test_sign_in_page_offers_a_passkey_and_says_when_staff_are_not_asked(client, settings):
    settings.CONVENE_REQUIRE_STAFF_MFA = False
    page = client.get(reverse("account_login"))
    assert b"Sign in with a passkey" in page.content
    assert b"In this demo, staff are not asked for a second factor" in page.content
    settings.CONVENE_REQUIRE_STAFF_MFA = True
    page = client.get(reverse("account_login"))
    assert b"In this demo" not in page.content
    assert b"are asked for a second factor" in page.content


def test_second_factor_pages_render_in_the_house_style(world, client_for):
    user = world.a.member
    client = client_for(user)
    authenticated_at(client, user, time.time())
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    key = Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN,
                                       data={"name": "Work laptop", "passwordless": True, "credential": {}})
    pages = {
        reverse("mfa_index"): b"Second ways to sign in",
        reverse("mfa_list_webauthn"): b"Work laptop",
        reverse("mfa_edit_webauthn", kwargs={"pk": key.pk}): b"Rename a passkey",
        reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}): b"Remove Work laptop?",
        reverse("mfa_deactivate_totp"): b"Turn off the authenticator app",
        reverse("mfa_generate_recovery_codes"): b"Make new recovery codes",
        reverse("account_profile"): reverse("mfa_index").encode(),
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content, url
        assert b"nhsuk-header" in response.content, url


def test_the_django_admin_asks_platform_staff_for_a_second_factor_too(db, client, required):
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_required")
    TOTP.activate(staff, generate_totp_secret())
    assert client.get("/admin/").status_code == 200


def test_the_django_admin_without_the_setting_asks_nothing(db, client, settings):
    from tests.factories import UserFactory

    settings.CONVENE_REQUIRE_STAFF_MFA = False
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin/").status_code == 200
