"""The lifecycle page of a community: its phase with the brochure's key issues, the signals beside it, the
latest check-in on the four reflective questions, and the timeline of phase moves."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from communities.views._common import _ctx, community_page
from cop_platform.forms import add_service_errors

from .. import rules, selectors, services
from ..forms import CheckInForm, PhaseMoveForm


def _submit(form, call):
    try:
        return call(**form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@community_page(members_only=True)
def lifecycle(request, *, community, membership):
    org = request.organisation
    action = request.POST.get("action") if request.method == "POST" else None
    checkin_form = CheckInForm(request.POST if action == "checkin" else None)
    move_form = PhaseMoveForm(request.POST if action == "move" else None)
    if request.method == "POST":
        if action == "checkin":
            if not request.can_run:
                raise PermissionDenied("Only the community's conveners and core group can record a check-in.")
            if checkin_form.is_valid() and _submit(checkin_form, lambda **data: services.checkin_add(
                    organisation=org, by=request.user, community=community, **data)):
                messages.success(request, "The check-in is recorded.")
                return redirect("programmes:lifecycle", org=org.slug, slug=community.slug)
        elif action == "move":
            if not request.can_convene:
                raise PermissionDenied("Only the community's conveners and the host's staff can move its phase.")
            if move_form.is_valid() and _submit(move_form, lambda **data: services.phase_move(
                    organisation=org, by=request.user, community=community, **data)):
                new = rules.phase(move_form.cleaned_data["to"]).name
                messages.success(request, f"{community.name} is now in {new}.")
                return redirect("programmes:lifecycle", org=org.slug, slug=community.slug)
        elif not (request.can_run or request.can_convene):
            raise PermissionDenied("Only the community's conveners and core group can change its lifecycle.")
        else:
            messages.error(request, "Choose a check-in or a phase move to record.")
    moves = selectors.timeline(community=community)
    phase = rules.phase(moves[0].to_phase if moves else None)
    return render(request, "programmes/lifecycle.html", _ctx(
        request, phase=phase, moves=moves, checkin=selectors.latest_checkin(community=community),
        signals=selectors.signals(community=community, phase_key=phase.key),
        questions=rules.REFLECTIVE_QUESTIONS, checkin_form=checkin_form, move_form=move_form))
