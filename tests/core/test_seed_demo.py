import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scope, scopes_disabled

from communities.models import Community, Membership, MembershipRole
from cop_platform.accounts.models import User
from cop_platform.management.commands.seed_demo import DEFAULT_PASSWORD, DEMO_LOGINS
from cop_platform.tenancy.models import Organisation, OrganisationRole, Role

HIN_SEVEN = {"Medicines Safety", "Duty of Candour", "Medicines Optimisation", "Sepsis", "Acute Deterioration",
             "Delirium"}


@pytest.fixture
def seeded(db):
    call_command("seed_demo", force=True)


def test_seed_refuses_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Organisation.objects.exists()


def test_seed_creates_both_hosts_and_the_seven_hin_communities(seeded):
    hin = Organisation.objects.get(slug="hin-south-london")
    assert hin.name == "Health Innovation Network South London"
    assert Organisation.objects.get(slug="co-creation-network").name == "Yorkshire & Humber Co-Creation Network"
    with scope(organisation=hin):
        names = set(Community.objects.values_list("name", flat=True))
        assert len(names) == 7
        assert HIN_SEVEN <= names
        assert any(name.startswith("Maternity") for name in names)
        assert all(c.domain_statement for c in Community.objects.all())


def test_every_demo_login_can_sign_in_with_the_demo_password(seeded, client):
    for login in DEMO_LOGINS:
        assert client.login(username=login.email, password=DEFAULT_PASSWORD), login.email
        client.logout()


def test_demo_roles_are_as_the_readme_says(seeded):
    hin = Organisation.objects.get(slug="hin-south-london")
    cocreation = Organisation.objects.get(slug="co-creation-network")
    with scope(organisation=hin):
        def roles(email):
            return set(OrganisationRole.objects.filter(user__email=email).values_list("role", flat=True))

        assert roles("pm@hin.example.org") == {Role.PROJECT_MANAGER}
        assert roles("panel@hin.example.org") == {Role.PANEL_MEMBER}
        assert roles("evaluator@hin.example.org") == {Role.EVALUATOR}
        sepsis = Community.objects.get(slug="sepsis")
        assert Membership.objects.get(community=sepsis, user__email="convener@hin.example.org").role == \
            MembershipRole.CONVENER
        assert set(Membership.objects.filter(user__email="member@hin.example.org")
                   .values_list("community__slug", flat=True)) == {"sepsis", "delirium"}
        assert Membership.objects.filter(user__email="both@example.org").exists()
    with scope(organisation=cocreation):
        assert Membership.objects.get(community__slug="mindfulness",
                                      user__email="convener@cocreation.example.org").role == MembershipRole.CONVENER
        assert Membership.objects.filter(user__email="both@example.org").exists()
    assert User.objects.get(email="admin@example.org").is_superuser


def test_seed_is_idempotent_and_keeps_changes(seeded):
    hin = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=hin):
        sepsis = Community.objects.get(slug="sepsis")
        sepsis.domain_statement = "Changed through the site."
        sepsis.save()
    counts = (User.objects.count(), Organisation.objects.count())
    with scopes_disabled():
        memberships = Membership.objects.count()
    call_command("seed_demo", force=True)
    assert (User.objects.count(), Organisation.objects.count()) == counts
    with scopes_disabled():
        assert Membership.objects.count() == memberships
        assert Community.objects.get(organisation=hin, slug="sepsis").domain_statement == "Changed through the site."


def test_password_option_resets_the_demo_passwords(seeded, client):
    call_command("seed_demo", force=True, password="another-demo-pass")
    assert client.login(username="pm@hin.example.org", password="another-demo-pass")


def test_demo_data_uses_only_example_addresses(seeded):
    for email in User.objects.values_list("email", flat=True):
        domain = email.split("@")[1]
        assert domain == "example.org" or domain.endswith(".example.org"), email


def test_hin_has_an_organisation_admin_besides_the_platform_admin(seeded, client):
    hin = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=hin):
        admins = set(OrganisationRole.objects.filter(role=Role.ADMIN).values_list("user__email", flat=True))
    assert "admin@hin.example.org" in admins
    assert not User.objects.get(email="admin@hin.example.org").is_superuser
    client.login(username="admin@hin.example.org", password=DEFAULT_PASSWORD)
    assert client.get("/hin-south-london/people/").status_code == 200
    assert client.get("/hin-south-london/audit/").status_code == 200
    assert client.get("/co-creation-network/").status_code == 404


LANDS_ON = {  # what the README's "lands on" column promises, checked against the page each login reaches
    "admin@example.org": ("/", ["Health Innovation Network South London",
                                "Yorkshire &amp; Humber Co-Creation Network"]),
    "admin@hin.example.org": ("/hin-south-london/", ["Calls for conveners in progress", "Communities of the "
                                                     "organisation", "/hin-south-london/audit/"]),
    "pm@hin.example.org": ("/hin-south-london/", ["Conveners spring round", "Patient safety conveners 2026",
                                                  "/hin-south-london/state-of-play/", "Communities by phase",
                                                  "Cohort programmes: applications"]),
    "panel@hin.example.org": ("/hin-south-london/", ["Your review assignments", "6 to score, 5 submitted"]),
    "evaluator@hin.example.org": ("/hin-south-london/", ["Communities of the organisation", "/hin-south-london/"
                                                         "evaluation/"]),
    "convener@hin.example.org": ("/hin-south-london/", ["Sepsis", "Convener", "Patient safety conveners 2026",
                                                        "The lifecycle of the communities you convene",
                                                        "Your programme applications", "Your upcoming events"]),
    "member@hin.example.org": ("/hin-south-london/", ["Delirium", "Sepsis", "Patient safety conveners 2026",
                                                      "Your upcoming events"]),
    "pm@cocreation.example.org": ("/co-creation-network/", ["Communities of the organisation",
                                                            "/co-creation-network/state-of-play/",
                                                            "Communities by phase"]),
    "convener@cocreation.example.org": ("/co-creation-network/", ["Mindfulness", "Convener"]),
    "both@example.org": ("/", ["Health Innovation Network South London", "Yorkshire &amp; Humber Co-Creation Network"]),
}


def test_each_demo_login_lands_where_the_readme_says(seeded, client, settings):
    assert set(LANDS_ON) == {login.email for login in DEMO_LOGINS}
    readme = (settings.BASE_DIR / "README.md").read_text()
    for email, (path, phrases) in LANDS_ON.items():
        assert f"| `{email}` |" in readme, email
        client.login(username=email, password=DEFAULT_PASSWORD)
        response = client.get("/", follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else "/"
        assert final == path, email
        body = response.content.decode()
        for phrase in phrases:
            assert phrase in body, (email, phrase)
        client.logout()


def test_seeding_again_adds_nothing_and_sends_nothing_new(seeded):
    from communities.models import Action, Invitation, Meeting, Membership
    from conveners.models import Application, Assignment, HonorariumPayment, Lead, Score
    from cop_platform.models import AuditEvent, OutgoingEmail

    def counts():
        with scopes_disabled():
            return {m.__name__: m.objects.count() for m in (Action, Invitation, Meeting, Membership, Application,
                                                            Assignment, HonorariumPayment, Lead, Score, AuditEvent,
                                                            OutgoingEmail, User)}

    first = counts()
    call_command("seed_demo", force=True)
    assert counts() == first
