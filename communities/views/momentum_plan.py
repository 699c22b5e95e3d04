"""The momentum plan: its actions, added from a meeting or directly, and their status."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import permissions, selectors, services
from ..forms import ActionForm
from ._common import _ctx, _errors, _posted, community_page
from .meeting import _meeting, _user_of


def _action_form_submit(request, community, form, members, meeting=None):
    try:
        owner = _user_of(members, form.cleaned_data["owner"])
        return services.action_add(organisation=request.organisation, by=request.user, community=community,
                                   meeting=meeting, title=form.cleaned_data["title"], owner=owner,
                                   month=form.month_date(), status=form.cleaned_data["status"])
    except ValidationError as exc:
        add_service_errors(form, exc)
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


@community_page(members_only=True)
def plan(request, *, community, membership):
    from urllib.parse import urlencode

    from ..models import ActionStatus

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
    for action in page:  # offer edit and delete only to those who may (communities.rules.may_edit_contribution)
        action.may_edit = permissions.can_edit_contribution(
            request.tenant, membership, author_ids={action.added_by_id}, owner_id=action.owner_id, user=request.user)
    return render(request, "communities/plan.html", _ctx(
        request, form=form, page=page, status=status, query=query, statuses=ActionStatus.choices,
        query_string=urlencode({"q": query, "status": status})))


@community_page(core=True, methods=("POST",))
def action_status(request, *, community, membership, action_id):
    from ..models import Action

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
