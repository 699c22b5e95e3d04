"""Services for signing up from an invitation: finding the invitation a sign-up is for, and releasing
an address from others' unverified claims."""

from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cop_platform.audit import audit_record

from ..models import ANSWERABLE_STATUSES, Invitation


def invitation_for_signup(*, invitation_id, token_hash, now=None):
    """The invitation a sign-up session was opened for, if its link still admits someone (the session
    keeps the hash of the link followed, never the link); ``None`` otherwise. Call outside any scope."""
    if not invitation_id or not token_hash:
        return None
    with scopes_disabled():
        invitation = (Invitation.objects.select_related("community", "organisation")
                      .filter(Q(token_hash=token_hash) | Q(previous_token_hash=token_hash), pk=invitation_id)
                      .first())
    if invitation is None or invitation.status not in ANSWERABLE_STATUSES:
        return None
    if invitation.expires_at <= (now or timezone.now()):
        return None
    return invitation


@transaction.atomic
def invited_signup_release_unverified(*, invitation):
    """Invitation squatting (issue 8 §1): someone who adds the invited address to their own account as an
    *unverified* second address must not block the invitee's sign-up. The invitation's link proves the
    invitee holds the address; an unverified claim proves nothing. So the unverified claims of other
    accounts to that address are removed (an address that is another account's own sign-in address is
    left alone: that person is asked to sign in instead). Audited in the invitation's organisation."""
    from allauth.account.models import EmailAddress

    claims = (EmailAddress.objects.filter(email__iexact=invitation.email, verified=False)
              .exclude(user__email__iexact=invitation.email).select_related("user"))
    released = [(claim.pk, claim.user_id) for claim in claims]
    if not released:
        return 0
    EmailAddress.objects.filter(pk__in=[pk for pk, _ in released]).delete()
    with scope(organisation=invitation.organisation):
        audit_record(organisation=invitation.organisation, actor=None, action="invitation.claim_released",
                     target=invitation, summary=f"Unverified claim to the invited address removed from "
                                                f"{len(released)} other account{pluralize(len(released))} at sign-up",
                     changes={"accounts": [user_id for _, user_id in released]})
    return len(released)
