"""One-step sign-up from an invitation (issue 8 §4): the sign-up page names the community, asks the
person's organisation, profession and sector, and the new account joins the community at once.

The invitation page opens sign-up for the session (:func:`invited_signup_open`); the core's sign-up view
asks this extension for the fields and words, and calls it to join the community once the account exists.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from cop_platform.accounts.adapter import SIGNUP_ALLOWED_SESSION_KEY
from cop_platform.accounts.signup import SignupExtension

from . import services
from .models import Sector

INVITATION_SESSION_KEY = "convene_signup_invitation"


def invited_signup_open(request, invitation):
    """Open sign-up for this session, for ``invitation``: allauth's adapter then lets the person sign up,
    with the invited address already verified. The session keeps the hash of the link, never the link."""
    from allauth.account.adapter import get_adapter

    request.session[SIGNUP_ALLOWED_SESSION_KEY] = True
    request.session[INVITATION_SESSION_KEY] = {"invitation_id": invitation.pk, "token_hash": invitation.token_hash}
    get_adapter(request).stash_verified_email(request, invitation.email)


def invited_signup_close(request):
    request.session.pop(SIGNUP_ALLOWED_SESSION_KEY, None)
    request.session.pop(INVITATION_SESSION_KEY, None)


def _invitation(request):
    data = request.session.get(INVITATION_SESSION_KEY) or {}
    if not isinstance(data, dict):
        return None
    cached = getattr(request, "_convene_signup_invitation", None)
    if cached is None:
        cached = services.invitation_for_signup(invitation_id=data.get("invitation_id"),
                                                token_hash=data.get("token_hash"))
        request._convene_signup_invitation = cached
    return cached


class InvitedSignup(SignupExtension):
    def opened(self, request):
        return bool(request.session.get(INVITATION_SESSION_KEY))

    def applies(self, request):
        return _invitation(request) is not None

    def context(self, request):
        invitation = _invitation(request)
        community = invitation.community
        return {"signup_caption": invitation.organisation.name,
                "signup_heading": f"Join {community.name}",
                "signup_lead": f"You are invited to join {community.name} as "
                               f"{invitation.get_role_display().lower()}. Create your account and you join the "
                               f"community at once; your e-mail address is already confirmed by the invitation.",
                "signup_button": f"Create my account and join {community.name}"}

    def fields(self, request):
        return {
            "employer": forms.CharField(label="Your organisation", max_length=200,
                                        help_text="Where you work, for example an NHS trust or a charity.",
                                        widget=forms.TextInput(attrs={"autocomplete": "organization"})),
            "profession": forms.CharField(label="Profession", max_length=150,
                                          help_text="For example nurse, pharmacist, GP, improvement advisor."),
            "sector": forms.ChoiceField(label="Sector", choices=[("", "Choose your sector"), *Sector.choices]),
            "role_title": forms.CharField(label="Role title (optional)", max_length=200, required=False,
                                          help_text="Your job title, for example Sepsis lead nurse.",
                                          widget=forms.TextInput(attrs={"autocomplete": "organization-title"})),
        }

    def before_validation(self, request, email):
        invitation = _invitation(request)
        if invitation is not None and invitation.email.lower() == email.lower():
            services.invited_signup_release_unverified(invitation=invitation)

    def complete(self, request, user, cleaned_data):
        invitation = _invitation(request)
        invited_signup_close(request)
        organisation = invitation.organisation
        with scope(organisation=organisation):
            try:
                services.invitation_accept(
                    organisation=organisation, by=user, invitation=invitation,
                    employer=cleaned_data.get("employer", ""), profession=cleaned_data.get("profession", ""),
                    role_title=cleaned_data.get("role_title", ""), sector=cleaned_data.get("sector", ""))
            except (ValidationError, PermissionDenied) as exc:
                messages.warning(request, "Your account is ready, but the invitation could no longer be "
                                          f"accepted: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
                return None
        messages.success(request, f"Welcome to {invitation.community.name}.")
        return invitation.community.get_absolute_url()
