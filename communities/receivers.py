"""What communities do when the core announces an event (connected in ``CommunitiesConfig.ready()``)."""

from django.db.models.functions import Lower
from django.dispatch import receiver
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.tenancy.signals import person_removed

from .models import Invitation, InvitationStatus, JoinRequest, JoinRequestStatus, Membership
from .models.invitations import OPEN_INVITATION_STATUSES


@receiver(person_removed, dispatch_uid="communities.person_removed")
def end_community_ties(sender, *, organisation, user, by, **kwargs):
    """A person removed from the organisation leaves its communities: their memberships end, their
    pending join requests are declined (decided by whoever removed them) and the open invitations to their
    address are revoked, so no link or request brings them back in. Nobody is e-mailed; each is audited."""
    Membership.objects.filter(organisation=organisation, user=user).delete()
    pending = list(JoinRequest.objects.filter(organisation=organisation, user=user,
                                              status=JoinRequestStatus.PENDING))
    JoinRequest.objects.filter(pk__in=[r.pk for r in pending]).update(
        status=JoinRequestStatus.DECLINED, decided_by=by, decided_at=timezone.now())
    for join_request in pending:
        audit_record(organisation=organisation, actor=by, action="join_request.declined", target=join_request,
                     summary="Declined: the person was removed from the organisation")
    addresses = {user.email.lower()} | {a.lower() for a in _verified_addresses(user)}
    invitations = list(Invitation.objects.annotate(address=Lower("email"))
                       .filter(organisation=organisation, address__in=addresses,
                               status__in=OPEN_INVITATION_STATUSES))
    # A queued e-mail of a revoked invitation is cancelled by its composer when it comes to be sent.
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(status=InvitationStatus.REVOKED)
    for invitation in invitations:
        audit_record(organisation=organisation, actor=by, action="invitation.revoked", target=invitation,
                     summary="Revoked: the person was removed from the organisation")


def _verified_addresses(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
