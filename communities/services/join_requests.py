"""Services for join requests: asking to join a community and the convener's decision."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from ..models import JoinRequest, JoinRequestStatus, Membership
from ._common import _check_tenant
from .arrivals import arrival_join_request
from .members import membership_add


@transaction.atomic
def join_request_create(*, organisation, by, community, message=""):
    """Someone in the organisation asks to join a community open to join requests; the conveners are told."""
    _check_tenant(organisation, community)
    if not community.open_to_join:
        raise ValidationError("This community is by invitation only.")
    if Membership.objects.filter(community=community, user=by).exists():
        raise ValidationError("You are already a member of this community.")
    if JoinRequest.objects.filter(community=community, user=by, status=JoinRequestStatus.PENDING).exists():
        raise ValidationError("You have already asked to join; the conveners will reply soon.")
    request = JoinRequest(organisation=organisation, community=community, user=by, message=message.strip())
    request.full_clean(exclude=["organisation", "community", "user"])
    request.save()
    audit_record(organisation=organisation, actor=by, action="join_request.created", target=request)
    request.community, request.user = community, by
    arrival_join_request(organisation=organisation, join_request=request)
    return request


@transaction.atomic
def join_request_decide(*, organisation, by, join_request, approve, now=None):
    """A convener approves (the person joins as a member) or declines; the person is told by e-mail."""
    from cop_platform.email import email_queue
    from cop_platform.tenancy.models import OrganisationMember

    _check_tenant(organisation, join_request)
    # Someone who asked through an open link may come from outside the organisation: approving adds them.
    if approve and join_request.invite_link_id is None and not OrganisationMember.objects.filter(
            organisation=organisation, user_id=join_request.user_id).exists():
        raise ValidationError("This person is no longer in the organisation, so they cannot join; the request "
                              "can only be declined.")
    now = now or timezone.now()
    status = JoinRequestStatus.APPROVED if approve else JoinRequestStatus.DECLINED
    updated = JoinRequest.objects.filter(pk=join_request.pk, status=JoinRequestStatus.PENDING).update(
        status=status, decided_by=by, decided_at=now)
    if not updated:
        raise ValidationError("This request has already been decided.")
    join_request = JoinRequest.objects.select_related("community", "user").get(pk=join_request.pk)
    community = join_request.community
    if approve:
        membership = membership_add(organisation=organisation, community=community, user=join_request.user)
        if join_request.invite_link_id and membership.invite_link_id is None:
            Membership.objects.filter(pk=membership.pk).update(invite_link=join_request.invite_link_id)
        subject = f"Welcome to {community.name}"
        body = (f"Hello {join_request.user.display_name},\n\nYour request to join {community.name} has been "
                f"approved. You can find the community here:\n{settings.SITE_URL}{community.get_absolute_url()}\n")
    else:
        subject = f"Your request to join {community.name}"
        body = (f"Hello {join_request.user.display_name},\n\nThank you for your interest in {community.name}. "
                f"The conveners are not able to add you at the moment. You are welcome to contact them to talk "
                f"about it.\n")
    email_queue(organisation=organisation, key=f"join-request:{join_request.pk}:decision",
                to=join_request.user.email, subject=subject, body_text=body)
    audit_record(organisation=organisation, actor=by, action=f"join_request.{status}", target=join_request)
    return join_request
