"""/join/<token>/: the page an open invitation link opens, outside any tenant prefix (the token names the
organisation). It shows the community's name and host, asks the person to sign in or create an account,
and joins them (or sends their request to the conveners) once their address is confirmed.

The session keeps the link's id and hash while the person signs in or signs up (never the token, and
never the token in a query string): they come back to ``/join/continue/``."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django_scopes import scope

from cop_platform.accounts.adapter import SIGNUP_ALLOWED_SESSION_KEY
from cop_platform.ratelimit import hourly_count, hourly_hit, hourly_key

from .. import services
from ..models import JoinRequest, Membership
from ._common import _errors

LINK_SESSION_KEY = "convene_join_link"
MISSES_PER_HOUR = 60


def _client_address(request):
    """The client's address as allauth reads it (trusting as many proxies as ``ALLAUTH_TRUSTED_PROXY_COUNT``)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # a malformed forwarded header: fall back to the connection's address
        return request.META.get("REMOTE_ADDR", "")


def miss_key(address):
    return hourly_key("join-link-miss", address)


def _too_many_misses(request):
    """Someone trying made-up tokens: after MISSES_PER_HOUR unknown links in an hour from one address,
    every link answers 429 for the rest of the hour."""
    return hourly_count(miss_key(_client_address(request))) >= MISSES_PER_HOUR


def _count_miss(request):
    hourly_hit(miss_key(_client_address(request)))


def _refused(request, exc, *, status=None):
    link = getattr(exc, "link", None)
    return render(request, "communities/join_link_refused.html", {
        "reason": getattr(exc, "message", None) or _errors(exc),
        "community_name": link.community.name if link is not None else ""}, status=status or exc.status)


def join_link_open(request, token):
    if _too_many_misses(request):
        return HttpResponse("Too many attempts. Try again later.", status=429, content_type="text/plain")
    try:
        link = services.invite_link_for_token(token)
    except services.InviteLinkUnusable as exc:
        if exc.link is None:
            _count_miss(request)
        return _refused(request, exc)
    return _in_scope(request, link)


def join_link_continue(request):
    data = request.session.get(LINK_SESSION_KEY) or {}
    try:
        link = services.invite_link_for_session(link_id=data.get("link_id"), digest=data.get("digest"))
    except services.InviteLinkUnusable as exc:
        return _refused(request, exc)
    return _in_scope(request, link)


def link_session_open(request, link):
    request.session[LINK_SESSION_KEY] = {"link_id": link.pk, "digest": link.token_hash}


def link_session_close(request):
    request.session.pop(LINK_SESSION_KEY, None)
    request.session.pop(SIGNUP_ALLOWED_SESSION_KEY, None)


def _in_scope(request, link):
    with scope(organisation=link.organisation):
        response = _page(request, link)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return response


def _page(request, link):
    community, user = link.community, request.user
    continue_url = reverse("join_links:continue")
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("signin", "signup") and not user.is_authenticated:
            link_session_open(request, link)
            if action == "signin":
                return redirect(f"{reverse('account_login')}?{urlencode({'next': continue_url})}")
            from ..signup import invited_signup_close

            invited_signup_close(request)
            request.session.pop("account_verified_email", None)
            request.session[SIGNUP_ALLOWED_SESSION_KEY] = True
            return redirect("account_signup")
        if action == "signout" and user.is_authenticated:
            logout(request)  # the session is emptied: keep the link in the new one
            link_session_open(request, link)
            return redirect(continue_url)
        if action == "join" and user.is_authenticated:
            try:
                joined = services.invite_link_join(organisation=link.organisation, by=user, link=link)
            except ValidationError as exc:
                return _refused(request, exc, status=403)
            link_session_close(request)
            if isinstance(joined, JoinRequest):
                return render(request, "communities/join_link_refused.html", {
                    "title": "Request sent", "community_name": community.name,
                    "reason": f"Your request to join {community.name} has been sent to its conveners. "
                              f"You will hear by e-mail."})
            messages.success(request, f"Welcome to {community.name}.")
            return redirect(community.get_absolute_url())
        return redirect(request.path)
    member = user.is_authenticated and Membership.objects.filter(community=community, user=user).exists()
    return render(request, "communities/join_link.html", {
        "link": link, "community": community, "host": link.organisation, "member": member})
