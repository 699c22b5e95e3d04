"""Invitation pages: the list, inviting, resending, reminding, changing the role, revoking, and answering
an invitation."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django_scopes import scope

from cop_platform.email import email_sending_after_response
from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import selectors, services
from ..forms import AcceptInvitationForm, InvitationRoleForm, InviteForm
from ..models import Invitation, InvitationStatus, MapEntry, MembershipRole
from ..services.invitation_mail import invitation_sending_progress
from ..signup import invited_signup_close, invited_signup_open
from ._common import _ctx, _errors, _posted, community_page


@community_page(convener=True, methods=("GET",))
def invitation_list(request, *, community, membership):
    if request.htmx and request.GET.get("progress"):
        return _sending_progress(request, community)
    status = request.GET.get("status", "")
    if status not in InvitationStatus.values:
        status = ""
    query = request.GET.get("q", "").strip()[:200]
    invitations = selectors.invitations_of(community=community, status=status)
    if query:
        invitations = invitations.filter(email__icontains=query)
    page = paginate(request, invitations)
    from urllib.parse import urlencode

    return render(request, "communities/invitations.html", _ctx(
        request, page=page, status=status, query=query, statuses=InvitationStatus.choices,
        query_string=urlencode({"q": query, "status": status}), role_choices=InvitationRoleForm.ROLE_CHOICES,
        join_requests=selectors.pending_join_requests(community=community)[:50],
        progress=invitation_sending_progress(community=community)))


STOP_POLLING = 286  # htmx: swap this response, then stop polling


def _sending_progress(request, community):
    """The invitations page's progress box alone (htmx polls the page's own URL every 2 s while any
    invitation is waiting to be sent; the last answer stops the polling)."""
    progress = invitation_sending_progress(community=community)
    response = render(request, "communities/invitations.html#progress",
                      {"organisation": request.organisation, "community": community, "progress": progress,
                       "polled": True})
    if progress is None:
        response.status_code = STOP_POLLING
    return response


@community_page(convener=True)
def invite(request, *, community, membership):
    initial = {"message": services.default_invitation_message(community=community, by=request.user),
               "role": MembershipRole.MEMBER}
    entry_id = request.GET.get("map", "")
    if entry_id.isdigit():
        entry = MapEntry.objects.filter(community=community, pk=int(entry_id)).first()
        if entry is not None and entry.email:
            initial["addresses"] = entry.email
    form = InviteForm(_posted(request), request.FILES if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with email_sending_after_response():  # the embedded default sends once the page has answered
                batch = services.invitations_create(
                    organisation=request.organisation, by=request.user, community=community,
                    addresses=form.cleaned_data["address_list"], role=form.cleaned_data["role"],
                    message=form.cleaned_data["message"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            n = len(batch.created)
            parts = [f"{n} invitation{'s' if n != 1 else ''} will be sent." if n else "No new invitations were sent."]
            if batch.already_members:
                parts.append("Already a member: " + ", ".join(batch.already_members[:10])
                             + (" and others" if len(batch.already_members) > 10 else "") + ".")
            if batch.already_invited:
                parts.append("Already invited (resend from the list instead): " + ", ".join(batch.already_invited[:10])
                             + (" and others" if len(batch.already_invited) > 10 else "") + ".")
            if batch.duplicates:
                parts.append(f"{batch.duplicates} repeated address{'es' if batch.duplicates != 1 else ''} ignored.")
            (messages.success if n else messages.warning)(request, " ".join(parts))
            return redirect("communities:invitations", org=request.organisation.slug, slug=community.slug)
    return render(request, "communities/invite.html", _ctx(request, form=form))


def _invitation(community, invitation_id):
    invitation = Invitation.objects.filter(community=community, pk=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def _act_on_invitation(request, community, invitation_id, service, done):
    """One convener action on one invitation: call ``service``, say what happened (``done`` worded with
    the address) or why not, and go back to the invitations list."""
    invitation = _invitation(community, invitation_id)
    try:
        service(organisation=request.organisation, by=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, done.format(email=invitation.email))
    return redirect("communities:invitations", org=request.organisation.slug, slug=community.slug)


@community_page(convener=True, methods=("POST",))
def invitation_resend(request, *, community, membership, invitation_id):
    return _act_on_invitation(request, community, invitation_id, services.invitation_resend,
                              "The invitation to {email} will be sent again, with a new link.")


@community_page(convener=True, methods=("POST",))
def invitation_revoke(request, *, community, membership, invitation_id):
    return _act_on_invitation(request, community, invitation_id, services.invitation_revoke,
                              "The invitation to {email} has been withdrawn; its link no longer works.")


@community_page(convener=True, methods=("POST",))
def invitation_remind(request, *, community, membership, invitation_id):
    return _act_on_invitation(request, community, invitation_id, services.invitation_remind,
                              "A reminder will be sent to {email}; the link they have keeps working.")


@community_page(convener=True, methods=("POST",))
def invitation_role(request, *, community, membership, invitation_id):
    invitation = _invitation(community, invitation_id)
    form = InvitationRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the role to offer: member, core group or co-convener.")
    else:
        try:
            changed = services.invitation_role_change(organisation=request.organisation, by=request.user,
                                                      invitation=invitation, role=form.cleaned_data["role"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, f"The invitation to {invitation.email} now offers the role of "
                                      f"{changed.get_role_display().lower()}.")
    return redirect("communities:invitations", org=request.organisation.slug, slug=community.slug)


def invitation_respond(request, token):
    """Accept or decline an invitation. The token names the organisation; the view enters its scope."""
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable as exc:
        return render(request, "communities/invitation_unusable.html", {"reason": exc.message}, status=exc.status)
    organisation = invitation.organisation
    with scope(organisation=organisation):
        response = _respond_in_scope(request, token, invitation)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return response


def _respond_in_scope(request, token, invitation):
    organisation, community = invitation.organisation, invitation.community
    user = request.user
    owns = user.is_authenticated and services.user_owns_address(user, invitation.email)
    from cop_platform.accounts.models import User

    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    form = AcceptInvitationForm(_posted(request), initial={
        "profession": getattr(user, "profession", "") if owns else "",
        "role_title": getattr(user, "job_title", "") if owns else ""})
    context = {"invitation": invitation, "community": community, "invited_organisation": organisation,
               "owns": owns, "has_account": has_account, "form": form, "token": token}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "decline":
            services.invitation_decline(organisation=organisation, invitation=invitation,
                                        by=user if user.is_authenticated else None)
            return render(request, "communities/invitation_unusable.html", {
                "title": "Invitation declined",
                "reason": f"You have declined the invitation to {community.name}. Thank you for letting us know."})
        if action == "signup" and not user.is_authenticated and not has_account:
            # Sign-up opens for this session only, with the invited address already verified; the new
            # account joins the community in the same step.
            invited_signup_open(request, invitation)
            return redirect(reverse("account_signup"))
        if action == "signout" and user.is_authenticated:
            logout(request)
            return redirect(request.path)
        if action == "accept" and owns:
            if form.is_valid():
                try:
                    services.invitation_accept(organisation=organisation, by=user, invitation=invitation,
                                               **form.cleaned_data)
                except (ValidationError, PermissionDenied) as exc:
                    return render(request, "communities/invitation_unusable.html",
                                  {"reason": _errors(exc)}, status=410)
                invited_signup_close(request)
                messages.success(request, f"Welcome to {community.name}.")
                return redirect(community.get_absolute_url())
        elif action != "accept":
            return redirect(request.path)
    return render(request, "communities/invitation_respond.html", context)
