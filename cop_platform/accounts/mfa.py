"""A second factor for staff, and re-authentication before sensitive actions.

allauth's MFA (TOTP with recovery codes, passkeys) only challenges people who already set up a factor;
requiring one for some roles is ours. The rule: anyone holding a staff role in the organisation they
are visiting (admin, project manager, review panel member, evaluator; platform admins act as admins)
must have an authenticator app or a passkey before they see its pages (``CONVENE_REQUIRE_STAFF_MFA``).
The tenant middleware asks :func:`second_factor_missing` with the roles it has already loaded; whether
the person has a factor costs at most one query a session (remembered in the session, forgotten when an
authenticator is removed).

Sensitive actions (role changes, releasing outcomes, approving payments) are wrapped in
:func:`sensitive_action`: a POST made more than ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds after the
person last signed in or confirmed who they are sends them to allauth's re-authentication, then back to
the page, told that nothing was saved and to submit again.
"""

import time
from functools import wraps
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.signals import authentication_step_completed
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_htmx.http import HttpResponseClientRedirect

from cop_platform.tenancy.models import Role

# Organisation roles that must have a second factor (members and conveners may set one up).
MFA_ROLES = frozenset({Role.ADMIN, Role.PROJECT_MANAGER, Role.PANEL_MEMBER, Role.EVALUATOR})
# Authenticators that count as a second factor (recovery codes only back them up).
FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
SESSION_KEY = "convene_second_factor_user"
PENDING_KEY = "convene_reauthentication_for"
ASK_MESSAGE = "For your security, confirm it is you before {action}. Nothing has been saved yet."
BACK_MESSAGE = ("Thank you. Nothing was saved before you confirmed: check the page and submit it again to "
                "finish {action}.")


def role_needs_second_factor(roles, *, is_platform_admin=False):
    """Whether someone with these organisation ``roles`` must have a second factor (issue 7: organisation
    admins, project managers, panel members and evaluators must; members may)."""
    return bool(is_platform_admin or MFA_ROLES.intersection(roles))


def has_second_factor(request):
    """Whether the signed-in person has an authenticator app or a passkey; one query, then remembered in
    the session until an authenticator is removed."""
    user = request.user
    if request.session.get(SESSION_KEY) == user.pk:
        return True
    if Authenticator.objects.filter(user_id=user.pk, type__in=FACTOR_TYPES).exists():
        request.session[SESSION_KEY] = user.pk
        return True
    return False


def second_factor_missing(request, tenant):
    """For the tenant middleware: a redirect to the page explaining the second factor, or ``None``."""
    if not settings.CONVENE_REQUIRE_STAFF_MFA:
        return None
    if not role_needs_second_factor(tenant.roles, is_platform_admin=tenant.is_platform_admin):
        return None
    if has_second_factor(request):
        return None
    url = reverse("mfa_required")
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def admin_second_factor_missing(request):
    """For the Django admin (platform staff across every organisation): the same rule as staff roles, a
    redirect to the page explaining the second factor, or ``None``."""
    user = request.user
    if not settings.CONVENE_REQUIRE_STAFF_MFA or not user.is_authenticated:
        return None
    if not (user.is_staff or user.is_superuser) or has_second_factor(request):
        return None
    return HttpResponseRedirect(reverse("mfa_required"))


@receiver(authenticator_added)
def _remember_factor(sender, request, user, authenticator, **kwargs):
    if request is not None and authenticator.type in FACTOR_TYPES:
        request.session[SESSION_KEY] = user.pk


@receiver(authenticator_removed)
def _forget_factor(sender, request, user, authenticator, **kwargs):
    if request is not None:
        request.session.pop(SESSION_KEY, None)


# --- Re-authentication before sensitive actions ---------------------------------------------------


def authenticated_recently(request, *, now=None):
    """True when the person signed in or confirmed who they are (password, code, authenticator app,
    passkey) within ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds in this session."""
    records = get_authentication_records(request, request.user)
    if not records:
        return False
    last = max(record.get("at", 0) for record in records)
    return ((now if now is not None else time.time()) - last) < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def _back_url(request):
    """The page to come back to: the page the form was on (same site only), else this URL."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def _ask_to_reauthenticate(request, action):
    messages.warning(request, ASK_MESSAGE.format(action=action))
    request.session[PENDING_KEY] = action
    methods = get_adapter(request).get_reauthentication_methods(request.user)
    first = methods[0]["url"] if methods else reverse("account_reauthenticate")
    url = f"{first}?{urlencode({REDIRECT_FIELD_NAME: _back_url(request)})}"
    return HttpResponseClientRedirect(url) if request.htmx else HttpResponseRedirect(url)


@receiver(authentication_step_completed)
def _tell_to_submit_again(sender, request, user, reauthenticated=False, **kwargs):
    if request is not None and reauthenticated and PENDING_KEY in request.session:
        action = request.session.pop(PENDING_KEY)
        messages.info(request, BACK_MESSAGE.format(action=action))


def sensitive_action(action):
    """View decorator: a POST needs a recent sign-in or confirmation; ``action`` ends the sentence
    "confirm it is you before …" (for example "changing someone's roles")."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if (request.method == "POST" and settings.CONVENE_SENSITIVE_REAUTHENTICATION
                    and not authenticated_recently(request)):
                return _ask_to_reauthenticate(request, action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
