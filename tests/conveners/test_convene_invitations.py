"""A funded application's community has every lead and co-lead as convener: those with no account yet
are invited in their convening role, and join when they accept."""

from django_scopes import scopes_disabled

from communities.models import Invitation, Membership, MembershipRole
from conveners import services
from conveners.models import CallStatus, Decision
from tests.conveners.builders import make_application, make_call


def test_coleads_without_an_account_are_invited_as_co_conveners(world, org, scoped,
                                                                 django_capture_on_commit_callbacks, mailoutbox):
    call = make_call(org, slug="invite-leads", status=CallStatus.UNDER_REVIEW)
    funded = make_application(call, world.a.member, domain="Falls prevention",
                              leads=[{"name": "Lead", "email": world.a.member.email, "employer": "T", "sector": "nhs"},
                                     {"name": "New Colead", "email": "new.colead@people.example.org",
                                      "employer": "Trust", "sector": "nhs"}])
    services.application_decide(organisation=org, by=world.a.project_manager, application=funded,
                                decision=Decision.FUNDED)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_release_outcomes(organisation=org, by=world.a.project_manager, call=call)
    with django_capture_on_commit_callbacks(execute=True):  # linking again invites nobody twice
        services.application_convene(organisation=org, by=world.a.project_manager, application=funded)
    funded.refresh_from_db()
    with scopes_disabled():
        invitation = Invitation.objects.get(community=funded.community)
        assert Membership.objects.get(community=funded.community).role == MembershipRole.CONVENER
    assert invitation.email == "new.colead@people.example.org"
    assert invitation.role == MembershipRole.CO_CONVENER
    assert any(m.to == ["new.colead@people.example.org"] and "/invitations/" in m.body for m in mailoutbox)
