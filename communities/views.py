"""Community pages. Views are thin: look the community up through the tenant, check permission through
:mod:`communities.permissions`, call one service or selector, render."""

from functools import wraps

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from cop_platform.accounts.adapter import SIGNUP_ALLOWED_SESSION_KEY
from cop_platform.pagination import paginate
from cop_platform.permissions import require_role
from cop_platform.tenancy.models import Role

from . import permissions, selectors, services
from .forms import (
    AcceptInvitationForm,
    ActionForm,
    MeetingForm,
    MeetingRecordForm,
    PracticeExchangeForm,
    DirectorySearchForm,
    InviteForm,
    JoinRequestForm,
    MapEntryForm,
    MemberSearchForm,
    MembershipProfileForm,
    RoleChangeForm,
)
from .models import Community, Invitation, InvitationStatus, JoinRequest, MapEntry, Membership, MembershipRole


def _posted(request):
    """The form data of a POST (even an empty one: a form of optional fields left blank is still sent)."""
    return request.POST if request.method == "POST" else None


def _errors(exc):
    return " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)


def community_page(*, convener=False, core=False, methods=("GET", "POST")):
    """Load ``/<org>/communities/<slug>/…`` through the tenant: 404 for a community that is missing or
    unlisted to this person, 403 for a convener's page, then 405 for a wrong method (permission first,
    so a GET is never a way to learn what a POST would do)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, org, slug, **kwargs):
            community = (Community.objects.filter(organisation=request.organisation, slug=slug)
                         .select_related("organisation").first())
            if community is None:
                raise Http404("No such community.")
            membership = selectors.membership_for(community=community, user=request.user)
            if not permissions.can_view(request.tenant, community, membership):
                raise Http404("No such community.")
            can_convene = permissions.can_convene(request.tenant, membership)
            if convener and not can_convene:
                raise PermissionDenied("Only the community's conveners can do this.")
            can_run = permissions.can_run(request.tenant, membership)
            if core and not can_run:
                raise PermissionDenied("Only the community's conveners and core group can do this.")
            request.can_run = can_run
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            request.community, request.membership, request.can_convene = community, membership, can_convene
            return view(request, community=community, membership=membership, **kwargs)

        return wrapped

    return decorator


def _ctx(request, **extra):
    return {"community": request.community, "membership": request.membership, "can_convene": request.can_convene,
            "can_run": request.can_run, **extra}


def directory(request, org):
    form = DirectorySearchForm(request.GET or None)
    query = status = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        status = form.cleaned_data["status"]
    communities = selectors.community_directory(request.tenant, query=query, status=status)
    page = paginate(request, communities)
    template = "communities/directory.html#results" if request.htmx else "communities/directory.html"
    return render(request, template, {"form": form, "page": page, "query": query, "status": status})


@community_page(methods=("GET",))
def community_home(request, *, community, membership):
    home = selectors.community_for_home(organisation=request.organisation, slug=community.slug)
    context = _ctx(request, community=home, crossing=selectors.boundary_crossing(community=community),
                   can_ask_to_join=permissions.can_ask_to_join(request.tenant, community, membership),
                   meetings=selectors.meeting_summary(community=community),
                   next_steps=selectors.next_steps(community=community))
    if request.can_convene:
        context["dashboard"] = selectors.convener_dashboard(community=community)
        context["checklist"] = selectors.startup_checklist(community=community)
    if context["can_ask_to_join"]:
        context["pending_request"] = JoinRequest.objects.filter(
            community=community, user=request.user, status="pending").first()
    return render(request, "communities/home.html", context)


# --- Members and roles -----------------------------------------------------------------------------


@community_page(methods=("GET",))
def member_directory(request, *, community, membership):
    employers, professions = selectors.member_filter_choices(community=community)
    form = MemberSearchForm(request.GET or None, employers=employers, professions=professions)
    filters = {"query": "", "employer": "", "profession": "", "role": ""}
    if form.is_valid():
        filters = {"query": form.cleaned_data["q"].strip(), "employer": form.cleaned_data["organisation"],
                   "profession": form.cleaned_data["profession"], "role": form.cleaned_data["role"]}
    elif form.is_bound:
        messages.error(request, "That filter is not available; showing everyone.")
    page = paginate(request, selectors.member_directory(community=community, **filters))
    from urllib.parse import urlencode

    query_string = urlencode({"q": filters["query"], "organisation": filters["employer"],
                              "profession": filters["profession"], "role": filters["role"]})
    template = "communities/members.html#results" if request.htmx else "communities/members.html"
    return render(request, template, _ctx(request, form=form, page=page, filters=filters,
                                          query_string=query_string))


def _member(community, membership_id):
    member = Membership.objects.filter(community=community, pk=membership_id).select_related("user").first()
    if member is None:
        raise Http404("No such member.")
    return member


@community_page(methods=("GET",))
def member_profile(request, *, community, membership, membership_id):
    member = _member(community, membership_id)
    return render(request, "communities/member.html", _ctx(request, member=member))


@community_page(convener=True)
def member_role(request, *, community, membership, membership_id):
    member = _member(community, membership_id)
    form = RoleChangeForm(_posted(request), initial={"role": member.role, "working_role": member.working_role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_role_change(organisation=request.organisation, by=request.user, membership=member,
                                            role=form.cleaned_data["role"],
                                            working_role=form.cleaned_data["working_role"])
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, f"{member.user.display_name} is now {MembershipRole(form.cleaned_data['role']).label.lower()}.")
            return redirect("communities:members", org=request.organisation.slug, slug=community.slug)
    return render(request, "communities/member_role.html", _ctx(request, member=member, form=form))


@community_page(convener=True)
def member_remove(request, *, community, membership, membership_id):
    member = _member(community, membership_id)
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(organisation=request.organisation, by=request.user, membership=member)
        except ValidationError as exc:
            error = _errors(exc)
        else:
            messages.success(request, f"{member.user.display_name} has been removed from the community.")
            return redirect("communities:members", org=request.organisation.slug, slug=community.slug)
    return render(request, "communities/member_remove.html", _ctx(request, member=member, error=error))


@community_page()
def my_profile(request, *, community, membership):
    if membership is None:
        messages.info(request, "You have no profile here: you are not a member of this community.")
        return redirect(community.get_absolute_url())
    form = MembershipProfileForm(_posted(request), instance=membership)
    if request.method == "POST" and form.is_valid():
        services.membership_profile_update(organisation=request.organisation, by=request.user,
                                           membership=membership, **{f: form.cleaned_data[f] for f in form.fields})
        messages.success(request, "Your profile has been saved.")
        return redirect("communities:member", org=request.organisation.slug, slug=community.slug,
                        membership_id=membership.pk)
    return render(request, "communities/profile_edit.html", _ctx(request, form=form))


@community_page()
def leave(request, *, community, membership):
    if membership is None:
        messages.info(request, "You are not a member of this community.")
        return redirect(community.get_absolute_url())
    error = None
    if request.method == "POST":
        try:
            services.membership_leave(organisation=request.organisation, by=request.user, membership=membership)
        except ValidationError as exc:
            error = _errors(exc)
        else:
            messages.success(request, f"You have left {community.name}.")
            return redirect("communities:directory", org=request.organisation.slug)
    return render(request, "communities/leave.html", _ctx(request, error=error))


# --- Join requests ---------------------------------------------------------------------------------


@community_page()
def join(request, *, community, membership):
    allowed = permissions.can_ask_to_join(request.tenant, community, membership)
    pending = None
    if membership is None:
        pending = JoinRequest.objects.filter(community=community, user=request.user, status="pending").first()
    form = JoinRequestForm(_posted(request))
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied("This community is by invitation only.")
        if form.is_valid():
            try:
                services.join_request_create(organisation=request.organisation, by=request.user,
                                             community=community, message=form.cleaned_data["message"])
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                messages.success(request, "Your request has been sent to the conveners. You will hear by e-mail.")
                return redirect(community.get_absolute_url())
    return render(request, "communities/join.html", _ctx(request, form=form, allowed=allowed, pending=pending))


@community_page(convener=True, methods=("POST",))
def join_request_decide(request, *, community, membership, request_id):
    join_request = JoinRequest.objects.filter(community=community, pk=request_id).first()
    if join_request is None:
        raise Http404("No such request.")
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, "Choose whether to approve or decline the request.")
    else:
        try:
            services.join_request_decide(organisation=request.organisation, by=request.user,
                                         join_request=join_request, approve=decision == "approve")
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, "Request approved: they are now a member." if decision == "approve"
                             else "Request declined. They will be told by e-mail.")
    return redirect("communities:invitations", org=request.organisation.slug, slug=community.slug)


# --- The community map and invitations -------------------------------------------------------------


@community_page(convener=True)
def community_map(request, *, community, membership):
    form = MapEntryForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.map_entry_add(organisation=request.organisation, by=request.user, community=community,
                               **form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['name']} has been added to the map.")
        return redirect("communities:map", org=request.organisation.slug, slug=community.slug)
    page = paginate(request, selectors.map_of(community=community))
    return render(request, "communities/map.html", _ctx(request, form=form, page=page))


@community_page(convener=True, methods=("POST",))
def map_entry_delete(request, *, community, membership, entry_id):
    entry = MapEntry.objects.filter(community=community, pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry.")
    services.map_entry_delete(organisation=request.organisation, by=request.user, entry=entry)
    messages.success(request, f"{entry.name} has been taken off the map.")
    return redirect("communities:map", org=request.organisation.slug, slug=community.slug)


@community_page(convener=True, methods=("GET",))
def invitation_list(request, *, community, membership):
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
        query_string=urlencode({"q": query, "status": status}),
        join_requests=selectors.pending_join_requests(community=community)[:50]))


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
            batch = services.invitations_create(
                organisation=request.organisation, by=request.user, community=community,
                addresses=form.cleaned_data["address_list"], role=form.cleaned_data["role"],
                message=form.cleaned_data["message"])
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                form.add_error(key if key in form.fields else None, errors)
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


@community_page(convener=True, methods=("POST",))
def invitation_resend(request, *, community, membership, invitation_id):
    invitation = _invitation(community, invitation_id)
    try:
        services.invitation_resend(organisation=request.organisation, by=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"The invitation to {invitation.email} will be sent again, with a new link.")
    return redirect("communities:invitations", org=request.organisation.slug, slug=community.slug)


@community_page(convener=True, methods=("POST",))
def invitation_revoke(request, *, community, membership, invitation_id):
    invitation = _invitation(community, invitation_id)
    try:
        services.invitation_revoke(organisation=request.organisation, by=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"The invitation to {invitation.email} has been withdrawn; its link no longer works.")
    return redirect("communities:invitations", org=request.organisation.slug, slug=community.slug)


# --- /invitations/<token>/: outside the tenant prefix ----------------------------------------------


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
            # allauth's adapter opens sign-up for this session only, with the invited address already verified.
            request.session[SIGNUP_ALLOWED_SESSION_KEY] = True
            get_adapter(request).stash_verified_email(request, invitation.email)
            return redirect(f"{reverse('account_signup')}?next={request.path}")
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
                request.session.pop(SIGNUP_ALLOWED_SESSION_KEY, None)
                messages.success(request, f"Welcome to {community.name}.")
                return redirect(community.get_absolute_url())
        elif action != "accept":
            return redirect(request.path)
    return render(request, "communities/invitation_respond.html", context)


# --- The community home, edited in place ---------------------------------------------------------

SECTION_LABELS = {"domain": "the domain", "practice": "the practice", "community": "who else needs to be here",
                  "reflection": "the reflection", "settings": "status and visibility"}


def _section_form(section, data=None, instance=None):
    from django import forms as dj_forms

    fields = services.SECTIONS[section]
    widgets = {f: dj_forms.Textarea(attrs={"rows": 6}) for f in fields if f not in ("status", "visibility",
                                                                                      "open_to_join")}
    form_class = dj_forms.modelform_factory(Community, fields=fields, widgets=widgets)
    return form_class(data, instance=instance)


@community_page(convener=True)
def community_edit(request, *, community, membership, section):
    if section not in services.SECTIONS:
        raise Http404("No such section.")
    home_template = f"communities/home.html#section_{section}"
    if request.htmx and request.GET.get("cancel"):
        return render(request, home_template, _ctx(request))
    form = _section_form(section, _posted(request), instance=Community.objects.get(pk=community.pk))
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.community_update(organisation=request.organisation, by=request.user,
                                                community=community, section=section, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if request.htmx:
                request.community = updated
                return render(request, home_template, _ctx(request, community=updated))
            messages.success(request, f"Saved {SECTION_LABELS[section]}.")
            return redirect(community.get_absolute_url())
    template = "communities/edit_section.html#form" if request.htmx else "communities/edit_section.html"
    return render(request, template, _ctx(request, form=form, section=section,
                                          section_label=SECTION_LABELS[section]))


@community_page(methods=("GET",))
def domain_history(request, *, community, membership):
    page = paginate(request, selectors.domain_history(community=community))
    return render(request, "communities/domain_history.html", _ctx(request, page=page))


@community_page(convener=True, methods=("POST",))
def startup_step(request, *, community, membership):
    try:
        services.startup_step_tick(organisation=request.organisation, by=request.user, community=community,
                                   step=request.POST.get("step", ""), done=request.POST.get("done") == "1")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(community.get_absolute_url())



# --- Meetings, the practice exchange and the momentum plan -------------------------------------------


@community_page(methods=("GET",))
def meetings(request, *, community, membership):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    page = paginate(request, selectors.meetings_of(community=community, when=when))
    return render(request, "communities/meetings.html", _ctx(request, page=page, when=when,
                                                              query_string=f"when={when}"))


@community_page(core=True)
def meeting_new(request, *, community, membership):
    form = MeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.datetimes()
        data = {k: form.cleaned_data[k] for k in ("title", "place", "call_link", "agenda")}
        try:
            meeting = services.meeting_schedule(organisation=request.organisation, by=request.user,
                                                community=community, starts_at=starts_at, ends_at=ends_at, **data)
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                form.add_error(key if key in form.fields else None, errors)
        else:
            messages.success(request, "The meeting is scheduled. Members will get an e-mail with the details.")
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "communities/meeting_new.html", _ctx(request, form=form))


def _meeting(community, meeting_id):
    meeting = selectors.meeting_detail(community=community, meeting_id=meeting_id)
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


@community_page(methods=("GET",))
def meeting_detail(request, *, community, membership, meeting_id):
    meeting = _meeting(community, meeting_id)
    return render(request, "communities/meeting.html", _ctx(request, meeting=meeting, now=timezone.now()))


@community_page(methods=("GET",))
def meeting_ics(request, *, community, membership, meeting_id):
    from django.http import HttpResponse

    meeting = _meeting(community, meeting_id)
    response = HttpResponse(services.meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{community.slug}-meeting-{meeting.pk}.ics"'
    return response


@community_page(core=True)
def meeting_record(request, *, community, membership, meeting_id):
    meeting = _meeting(community, meeting_id)
    members = selectors.member_users(community=community)
    form = MeetingRecordForm(_posted(request), members=members, initial={
        "attendees": [a.user_id for a in meeting.attendances.all()], "notes": meeting.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(organisation=request.organisation, by=request.user, meeting=meeting,
                                    attendee_ids=form.cleaned_data["attendees"], notes=form.cleaned_data["notes"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The record of the meeting is saved.")
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "communities/meeting_record.html", _ctx(request, meeting=meeting, form=form))


def _user_of(members, user_id):
    if user_id is None:
        return None
    for m in members:
        if m.user_id == user_id:
            return m.user
    raise ValidationError("That person is not a member of this community.")


@community_page(core=True)
def meeting_exchange(request, *, community, membership, meeting_id):
    meeting = _meeting(community, meeting_id)
    members = selectors.member_users(community=community)
    form = PracticeExchangeForm(_posted(request), members=members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            shared_by = _user_of(members, data.pop("shared_by"))
            services.practice_exchange_add(organisation=request.organisation, by=request.user, meeting=meeting,
                                           shared_by=shared_by, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The practice exchange is recorded.")
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "communities/meeting_exchange.html", _ctx(request, meeting=meeting, form=form))


def _action_form_submit(request, community, form, members, meeting=None):
    try:
        owner = _user_of(members, form.cleaned_data["owner"])
        return services.action_add(organisation=request.organisation, by=request.user, community=community,
                                   meeting=meeting, title=form.cleaned_data["title"], owner=owner,
                                   month=form.month_date(), status=form.cleaned_data["status"])
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@community_page(core=True)
def meeting_action(request, *, community, membership, meeting_id):
    meeting = _meeting(community, meeting_id)
    members = selectors.member_users(community=community)
    start = timezone.localdate(meeting.starts_at)
    form = ActionForm(_posted(request), members=members, initial={"month": f"{start:%Y-%m}"})
    if request.method == "POST" and form.is_valid():
        if _action_form_submit(request, community, form, members, meeting=meeting):
            messages.success(request, "The action is in the momentum plan.")
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "communities/meeting_action.html", _ctx(request, meeting=meeting, form=form))


@community_page()
def plan(request, *, community, membership):
    from urllib.parse import urlencode

    from .models import ActionStatus

    members = selectors.member_users(community=community) if request.can_run else []
    form = ActionForm(_posted(request), members=members, initial={"month": f"{timezone.localdate():%Y-%m}"})
    if request.method == "POST":
        if not request.can_run:
            raise PermissionDenied("Only the community's conveners and core group can change the plan.")
        if form.is_valid() and _action_form_submit(request, community, form, members):
            messages.success(request, "The action is in the momentum plan.")
            return redirect("communities:plan", org=request.organisation.slug, slug=community.slug)
    status = request.GET.get("status", "")
    if status not in ("open", *ActionStatus.values):
        status = ""
    query = request.GET.get("q", "").strip()[:200]
    page = paginate(request, selectors.momentum_plan(community=community, status=status, query=query), per_page=50)
    return render(request, "communities/plan.html", _ctx(
        request, form=form, page=page, status=status, query=query, statuses=ActionStatus.choices,
        query_string=urlencode({"q": query, "status": status})))


@community_page(core=True, methods=("POST",))
def action_status(request, *, community, membership, action_id):
    from .models import Action

    action = Action.objects.filter(community=community, pk=action_id).first()
    if action is None:
        raise Http404("No such action.")
    try:
        services.action_status_change(organisation=request.organisation, by=request.user, action=action,
                                      status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"“{action.title}” is now {action.get_status_display().lower()}.")
    return redirect("communities:plan", org=request.organisation.slug, slug=community.slug)


# --- Notification settings (/<org>/notifications/) --------------------------------------------------


def notification_settings(request, org):
    from .forms import NotificationPreferenceForm
    from .models import NotificationPreference

    if request.tenant.member is None:
        raise Http404("You have no settings here.")
    preference = NotificationPreference.objects.filter(organisation=request.organisation, user=request.user).first()
    current = preference.meeting_emails if preference else True
    form = NotificationPreferenceForm(_posted(request), initial={"meeting_emails": current})
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_update(organisation=request.organisation, by=request.user,
                                                 meeting_emails=form.cleaned_data["meeting_emails"])
        messages.success(request, "Your notification settings are saved.")
        return redirect("community_host:notifications", org=request.organisation.slug)
    return render(request, "communities/notifications.html", {"form": form})


# --- State of play (/<org>/state-of-play/) ------------------------------------------------------------

STATE_OF_PLAY_ROLES = (Role.ADMIN, Role.PROJECT_MANAGER)


def _state_of_play_rows(request):
    from .models import CommunityStatus

    sort = request.GET.get("sort", "name")
    if sort not in selectors.STATE_OF_PLAY_SORTS:
        sort = "name"
    status = request.GET.get("status", "")
    if status not in CommunityStatus.values:
        status = ""
    query = request.GET.get("q", "").strip()[:200]
    rows = selectors.state_of_play(organisation=request.organisation, query=query, status=status, sort=sort)
    return rows, {"sort": sort, "status": status, "query": query}


@require_role(*STATE_OF_PLAY_ROLES)
def state_of_play(request, org):
    from urllib.parse import urlencode

    from .models import CommunityStatus

    rows, filters = _state_of_play_rows(request)
    page = paginate(request, rows, per_page=50)
    columns = [("name", "Community"), ("status", "Status"), ("members", "Members"), ("last", "Last meeting"),
               ("next", "Next meeting")]
    headers = []
    for key, label in columns:
        current = filters["sort"].lstrip("-") == key
        descending = filters["sort"].startswith("-")
        next_sort = f"-{key}" if current and not descending else key
        headers.append({"key": key, "label": label, "current": current, "descending": descending,
                        "href": "?" + urlencode({"q": filters["query"], "status": filters["status"],
                                                 "sort": next_sort})})
    return render(request, "communities/state_of_play.html", {
        "page": page, "headers": headers, "statuses": CommunityStatus.choices, **filters,
        "query_string": urlencode({"q": filters["query"], "status": filters["status"], "sort": filters["sort"]}),
    })


@require_role(*STATE_OF_PLAY_ROLES)
def state_of_play_csv(request, org):
    """The state of play as CSV (the Co-Creation Network's table), every cell safe against formula injection."""
    import csv

    from django.http import HttpResponse

    rows, _ = _state_of_play_rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.organisation.slug}-state-of-play.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response)
    writer.writerow(["Community", "Conveners", "Core group", "Members", "Status", "Last meeting", "Next meeting",
                     "Next steps"])
    from cop_platform.exports import csv_safe as safe
    for c in rows:
        conveners = "; ".join(m.user.display_name for m in c.running_memberships if m.is_convening)
        core = "; ".join(m.user.display_name for m in c.running_memberships if not m.is_convening)
        steps = "; ".join(f"{a.title} ({a.month:%b %Y})" for a in c.open_actions)
        writer.writerow([safe(c.name), safe(conveners), safe(core), c.member_total, c.get_status_display(),
                         f"{timezone.localtime(c.last_meeting):%Y-%m-%d}" if c.last_meeting else "",
                         f"{timezone.localtime(c.next_meeting):%Y-%m-%d}" if c.next_meeting else "",
                         safe(steps)])
    return response


# --- Library and learning journal ----------------------------------------------------------------------


@community_page()
def library(request, *, community, membership):
    from urllib.parse import urlencode

    from .forms import LibraryFileForm, LibraryLinkForm
    from .models import LibraryItem, LibraryKind

    kind = request.POST.get("kind") if request.method == "POST" else None
    link_form = LibraryLinkForm(_posted(request) if kind == "link" else None, prefix="link")
    file_form = LibraryFileForm(_posted(request) if kind == "file" else None,
                                request.FILES if kind == "file" else None, prefix="file")
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied("Only members add to the library.")
        form = link_form if kind == "link" else file_form if kind == "file" else None
        if form is None:
            messages.error(request, "Choose whether to add a link or a file.")
        elif form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.library_item_add(organisation=request.organisation, by=request.user, community=community,
                                          title=data["title"], description=data["description"], tags=data["tags"],
                                          url=data.get("url", ""), uploaded=data.get("file"))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"“{data['title']}” is in the library.")
                return redirect("communities:library", org=request.organisation.slug, slug=community.slug)
    query = request.GET.get("q", "").strip()[:200]
    tag = request.GET.get("tag", "").strip().lower()[:40]
    kind_filter = request.GET.get("type", "")
    items = LibraryItem.objects.filter(community=community).select_related("added_by")
    if query:
        from django.db.models import Q

        items = items.filter(Q(title__icontains=query) | Q(description__icontains=query) | Q(tags__icontains=query))
    if tag:
        from django.db.models import Q

        items = items.filter(Q(tags=tag) | Q(tags__startswith=f"{tag},") | Q(tags__endswith=f",{tag}")
                             | Q(tags__contains=f",{tag},"))
    if kind_filter in LibraryKind.values:
        items = items.filter(kind=kind_filter)
    else:
        kind_filter = ""
    page = paginate(request, items.order_by("-created_at", "-pk"))
    return render(request, "communities/library.html", _ctx(
        request, page=page, link_form=link_form, file_form=file_form, query=query, tag=tag, kind=kind_filter,
        kinds=LibraryKind.choices, query_string=urlencode({"q": query, "tag": tag, "type": kind_filter})))


@community_page(methods=("GET",))
def library_download(request, *, community, membership, item_id):
    from django.http import FileResponse

    from .models import LibraryItem, LibraryKind

    item = LibraryItem.objects.filter(community=community, pk=item_id, kind=LibraryKind.FILE).first()
    if item is None or not item.file:
        raise Http404("No such file.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=item.original_name, content_type=item.content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@community_page()
def library_delete(request, *, community, membership, item_id):
    from .models import LibraryItem

    item = LibraryItem.objects.filter(community=community, pk=item_id).first()
    if item is None:
        raise Http404("No such item.")
    if not (request.can_convene or (membership is not None and item.added_by_id == request.user.pk)):
        raise PermissionDenied("Only the person who added it or a convener can remove it.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.library_item_delete(organisation=request.organisation, by=request.user, item=item)
    messages.success(request, f"“{item.title}” has been removed from the library.")
    return redirect("communities:library", org=request.organisation.slug, slug=community.slug)


@community_page()
def journal(request, *, community, membership):
    from urllib.parse import urlencode

    from django.db.models import Q

    from .forms import JournalEntryForm
    from .models import JournalEntry

    form = JournalEntryForm(_posted(request), initial={"entry_date": timezone.localdate()})
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied("Only members write in the learning journal.")
        if form.is_valid():
            try:
                services.journal_entry_add(organisation=request.organisation, by=request.user, community=community,
                                           **form.cleaned_data)
            except ValidationError as exc:
                for key, errors in exc.message_dict.items():
                    form.add_error(key if key in form.fields else None, errors)
            else:
                messages.success(request, "Your entry is in the learning journal.")
                return redirect("communities:journal", org=request.organisation.slug, slug=community.slug)
    query = request.GET.get("q", "").strip()[:200]
    entries = JournalEntry.objects.filter(community=community).select_related("author")
    if query:
        entries = entries.filter(Q(title__icontains=query) | Q(learnt__icontains=query)
                                 | Q(author__first_name__icontains=query) | Q(author__last_name__icontains=query))
    page = paginate(request, entries.order_by("-entry_date", "-pk"))
    return render(request, "communities/journal.html", _ctx(request, page=page, form=form, query=query,
                                                             query_string=urlencode({"q": query})))
