"""Sign-up from an open invitation link: the page says which community the new account is for; once the
person has confirmed their address they land back on the link's page (``/join/continue/``) to join.

Unlike a personal invitation, an open link proves nothing about the address typed, so the address is
confirmed by e-mail as for anyone, and the link's rules (its domains among them) are checked when the
person joins, against their confirmed addresses."""

from django.urls import reverse

from cop_platform.accounts.signup import SignupExtension

from . import services
from .views.join_links import LINK_SESSION_KEY


def _link(request):
    if hasattr(request, "_convene_join_link"):
        return request._convene_join_link
    data = request.session.get(LINK_SESSION_KEY) or {}
    link = None
    if isinstance(data, dict):
        try:
            link = services.invite_link_for_session(link_id=data.get("link_id"), digest=data.get("digest"))
        except services.InviteLinkUnusable:
            link = None
    request._convene_join_link = link
    return link


class LinkSignup(SignupExtension):
    def opened(self, request):
        return bool(request.session.get(LINK_SESSION_KEY))

    def applies(self, request):
        return _link(request) is not None

    def context(self, request):
        link = _link(request)
        name = link.community.name
        domains = ""
        if link.allowed_domains:
            domains = " This link is for addresses ending " + " or ".join(f"@{d}" for d in link.allowed_domains) + "."
        return {"signup_caption": link.organisation.name, "signup_heading": f"Join {name}",
                "signup_lead": f"Create your account to join {name}. We will send you an e-mail to confirm your "
                               f"address; the link in it brings you back here to join.{domains}",
                "signup_button": "Create my account"}

    def complete(self, request, user, cleaned_data):
        return reverse("join_links:continue")
