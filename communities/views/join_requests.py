"""Asking to join a community and the convener's decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from .. import permissions, services
from ..forms import JoinRequestForm
from ..models import JoinRequest
from ._common import _ctx, _errors, _posted, community_page


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
