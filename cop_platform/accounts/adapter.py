"""allauth adapter: open sign-up is off; people arrive by invitation or are added by staff."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

SIGNUP_ALLOWED_SESSION_KEY = "convene_signup_allowed"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        if getattr(settings, "CONVENE_OPEN_SIGNUP", False):
            return True
        # An accepted invitation (the communities app) marks the session as allowed to sign up.
        return bool(request.session.get(SIGNUP_ALLOWED_SESSION_KEY))
