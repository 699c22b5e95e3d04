"""Member pages: the member directory, profiles, roles, removing and leaving."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cop_platform.accounts.mfa import sensitive_action
from cop_platform.pagination import paginate

from .. import permissions, selectors, services
from ..forms import MemberSearchForm, MembershipProfileForm, RoleChangeForm
from ..models import Membership, MembershipRole
from ._common import _ctx, _errors, _posted, community_page


@community_page(members_only=True, methods=("GET",))
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
    for m in page:  # offer only the changes this person may make (communities.rules.may_change_role)
        m.may_change_role = permissions.can_change_role(request.tenant, membership, m, m.role)
        m.may_remove = permissions.can_change_role(request.tenant, membership, m, None)
    template = "communities/members.html#results" if request.htmx else "communities/members.html"
    return render(request, template, _ctx(request, form=form, page=page, filters=filters,
                                          query_string=query_string))


def _member(community, membership_id):
    member = Membership.objects.filter(community=community, pk=membership_id).select_related("user").first()
    if member is None:
        raise Http404("No such member.")
    return member


@community_page(members_only=True, methods=("GET",))
def member_profile(request, *, community, membership, membership_id):
    member = _member(community, membership_id)
    return render(request, "communities/member.html", _ctx(request, member=member))


@community_page(convener=True)
@sensitive_action("changing someone's role in the community")
def member_role(request, *, community, membership, membership_id):
    member = _member(community, membership_id)
    if not permissions.can_change_role(request.tenant, membership, member, member.role):
        raise PermissionDenied("Only a convener or the host's staff can change a convener's role.")
    form = RoleChangeForm(_posted(request), roles=permissions.roles_offered(request.tenant, membership, member),
                          initial={"role": member.role, "working_role": member.working_role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_role_change(organisation=request.organisation, by=request.user, membership=member,
                                            role=form.cleaned_data["role"],
                                            working_role=form.cleaned_data["working_role"])
        except ValidationError as exc:
            for key, errors in (exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]):
                form.add_error(key if key in form.fields else None, errors)
        else:
            role_label = MembershipRole(form.cleaned_data["role"]).label.lower()
            messages.success(request, f"{member.user.display_name} is now {role_label}.")
            return redirect("communities:members", org=request.organisation.slug, slug=community.slug)
    return render(request, "communities/member_role.html", _ctx(request, member=member, form=form))


@community_page(convener=True)
def member_remove(request, *, community, membership, membership_id):
    member = _member(community, membership_id)
    if not permissions.can_change_role(request.tenant, membership, member, None):
        raise PermissionDenied("Only a convener or the host's staff can remove a convener.")
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
