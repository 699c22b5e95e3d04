"""The lifecycle page of a community: its phase with the brochure's key issues, the signals beside it, the
latest check-in on the four reflective questions, the timeline of phase moves, and in Transform what became
of the community (an outcome, withdrawn if recorded by mistake) with links to the communities concerned."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from communities.views._common import _ctx, community_page
from cop_platform.forms import add_service_errors

from .. import rules, selectors, services
from ..forms import CheckInForm, OutcomeForm, PhaseMoveForm, WithdrawOutcomeForm


def _submit(form, call):
    try:
        return call(**form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _merge_choices(request, community):
    from communities.models import CommunityStatus
    from communities.selectors import communities_visible_to

    return (communities_visible_to(request.tenant).exclude(pk=community.pk)
            .exclude(status=CommunityStatus.CLOSED).order_by("name"))


@community_page(members_only=True)
def lifecycle(request, *, community, membership):
    org = request.organisation
    action = request.POST.get("action") if request.method == "POST" else None
    checkin_form = CheckInForm(request.POST if action == "checkin" else None)
    move_form = PhaseMoveForm(request.POST if action == "move" else None)
    outcome_form = OutcomeForm(request.POST if action == "outcome" else None,
                               merge_choices=_merge_choices(request, community))
    withdraw_form = WithdrawOutcomeForm(request.POST if action == "withdraw" else None)
    done = reverse("programmes:lifecycle", kwargs={"org": org.slug, "slug": community.slug})
    if request.method == "POST":
        if action == "checkin":
            if not request.can_run:
                raise PermissionDenied("Only the community's conveners and core group can record a check-in.")
            if checkin_form.is_valid() and _submit(checkin_form, lambda **data: services.checkin_add(
                    organisation=org, by=request.user, community=community, **data)):
                messages.success(request, "The check-in is recorded.")
                return redirect(done)
        elif action in ("move", "outcome", "withdraw"):
            if not request.can_convene:
                raise PermissionDenied("Only the community's conveners and the host's staff can move its phase "
                                       "or record what became of it.")
            if action == "move" and move_form.is_valid() and _submit(move_form, lambda **data: services.phase_move(
                    organisation=org, by=request.user, community=community, **data)):
                new = rules.phase(move_form.cleaned_data["to"]).name
                messages.success(request, f"{community.name} is now in {new}.")
                return redirect(done)
            if action == "outcome" and outcome_form.is_valid() and _submit(
                    outcome_form, lambda **data: services.outcome_record(
                        organisation=org, by=request.user, community=community, **data)):
                name = rules.outcome(outcome_form.cleaned_data["kind"]).name
                messages.success(request, f"Recorded for {community.name}: {name.lower()}.")
                return redirect(done)
            if action == "withdraw" and withdraw_form.is_valid() and _submit(
                    withdraw_form, lambda **data: services.outcome_withdraw(
                        organisation=org, by=request.user, community=community, **data)):
                new = rules.phase(withdraw_form.cleaned_data["to"]).name
                messages.success(request, f"The outcome is withdrawn; {community.name} is in {new}.")
                return redirect(done)
        elif not (request.can_run or request.can_convene):
            raise PermissionDenied("Only the community's conveners and core group can change its lifecycle.")
        else:
            messages.error(request, "Choose a check-in or a phase move to record.")
    moves = selectors.timeline(community=community)
    phase = rules.phase(moves[0].to_phase if moves else None)
    outcomes = selectors.outcomes_of(community=community)
    latest_move_at = moves[0].moved_at if moves else None
    current = next((o for o in outcomes if not o.is_withdrawn
                    and (latest_move_at is None or o.recorded_at >= latest_move_at)), None)
    return render(request, "programmes/lifecycle.html", _ctx(
        request, phase=phase, moves=moves, checkin=selectors.latest_checkin(community=community),
        signals=selectors.signals(community=community, phase_key=phase.key,
                                  has_outcome=current is not None if phase.key == rules.TRANSFORM else None),
        questions=rules.REFLECTIVE_QUESTIONS, checkin_form=checkin_form, move_form=move_form,
        outcomes=outcomes, current_outcome=current, outcome_form=outcome_form, withdraw_form=withdraw_form,
        in_transform=phase.key == rules.TRANSFORM))
