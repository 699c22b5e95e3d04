"""The helpers every app uses: token hashes, slugs, a service's errors on a form."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django_scopes import scope

from communities.models import Community
from communities.services import community_create
from conveners.models import Call
from cop_platform.forms import add_service_errors
from cop_platform.slugs import unique_slug
from cop_platform.tokens import token_hash, token_new
from tests.conveners.builders import make_call


def test_a_token_is_stored_only_as_its_hash_and_found_again_by_it():
    token = token_new()
    assert len(token) >= 40 and token != token_new()
    assert token_hash(token) == token_hash(token) and len(token_hash(token)) == 64
    assert token not in token_hash(token)
    assert token_hash(token) != token_hash(token + "x")


def test_invitations_and_confirmations_hash_alike(world):
    """Both apps find a link by the same digest: an invitation's token and a co-lead's."""
    from communities.services import invitation_issue_token
    from conveners.services import token_hash as conveners_token_hash

    assert conveners_token_hash is token_hash
    with scope(organisation=world.a.organisation):
        from communities.models import Invitation
        from tests.isolation.access_communities import url_arguments

        invitation = Invitation.objects.get(pk=url_arguments(world.a, community=world.a.community)["invitation_id"])
        token = invitation_issue_token(invitation)
        invitation.refresh_from_db()
    assert invitation.token_hash == token_hash(token)


def test_slugs_are_unique_in_their_organisation_and_avoid_reserved_words(world):
    org = world.a.organisation
    with scope(organisation=org):
        assert community_create(organisation=org, name="Sepsis!").slug == "sepsis-2"  # the world has "sepsis"
        assert community_create(organisation=org, name="Sepsis").slug == "sepsis-3"
        assert community_create(organisation=org, name="★★★").slug == "community"
        calls = Call.objects.filter(organisation=org)
        assert unique_slug("New", calls, fallback="call", reserved={"new"}) == "new-call"
        make_call(org, slug="new-call")
        assert unique_slug("New", calls, fallback="call", reserved={"new"}) == "new-call-2"
    with scope(organisation=world.b.organisation):
        assert unique_slug("Delirium", Community.objects.filter(organisation=world.b.organisation),
                           fallback="community") == "delirium"


class _Form(forms.Form):
    title = forms.CharField()


def test_a_services_errors_land_beside_their_field_or_above_the_form():
    form = _Form({"title": "Draft kept"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"title": "Too close to another title.",
                                              "starts_at": "Starts in the past."}))
    assert form.errors["title"] == ["Too close to another title."]
    assert form.errors[NON_FIELD_ERRORS] == ["Starts in the past."]
    assert form["title"].value() == "Draft kept"

    form = _Form({"title": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError("That record belongs to another organisation."))
    assert form.non_field_errors() == ["That record belongs to another organisation."]
    form = _Form({"title": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]
