"""Services for invitations: issuing, resending, answering, sweeping."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.tokens import token_hash, token_new

from ..models import (
    ANSWERABLE_STATUSES,
    OPEN_INVITATION_STATUSES,
    Community,
    Invitation,
    InvitationStatus,
    MapEntry,
    Membership,
    MembershipRole,
)
from ._common import _check_tenant
from .members import membership_add

INVITATION_DAYS = getattr(settings, "CONVENE_INVITATION_DAYS", 14)
REMINDER_DAYS_BEFORE_EXPIRY = getattr(settings, "CONVENE_INVITATION_REMINDER_DAYS", 3)
MAX_INVITATIONS_AT_ONCE = 500


STUCK_AFTER = timedelta(minutes=15)


def default_invitation_message(*, community, by):
    """A brief, hospitable invitation (FAQ §10 "Invitation") the convener edits before sending."""
    sender = by.display_name if by is not None else "The conveners"
    return (
        f"Hello,\n\n"
        f"I am bringing together people who care about the same things in the {community.name} community of "
        f"practice, and I would love you to be part of it. We learn from each other as peers, across "
        f"organisations and professions: sharing what works, what gets in the way, and what we are trying next.\n\n"
        f"Would you join us? There is no preparation needed: just bring your experience.\n\n"
        f"With best wishes,\n{sender}"
    )


@dataclass
class InvitationBatch:
    created: list = field(default_factory=list)
    already_members: list = field(default_factory=list)
    already_invited: list = field(default_factory=list)
    duplicates: int = 0


@transaction.atomic
def invitations_create(*, organisation, by, community, addresses, role=MembershipRole.MEMBER, message, now=None):
    """Invite ``addresses`` to ``community``, one invitation each, sent by the worker after commit.

    Rules: at most MAX_INVITATIONS_AT_ONCE at once; an address is invited once (repeats in the list are
    dropped); a current member is not invited ("already a member"); an address with an open invitation
    is not invited again ("already invited" — resend it instead). Either every new invitation is saved
    or none is."""
    from ..tasks import enqueue_on_commit, send_invitation

    _check_tenant(organisation, community)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": "Write a message to go with the invitation."})
    if len(message) > 5000:
        raise ValidationError({"message": "The message must be 5,000 characters or fewer."})
    if role not in MembershipRole.values:
        raise ValidationError({"role": "Choose a role."})
    unique = list(dict.fromkeys(a.strip().lower() for a in addresses if a and a.strip()))
    if not unique:
        raise ValidationError({"addresses": "Enter at least one e-mail address."})
    if len(unique) > MAX_INVITATIONS_AT_ONCE:
        raise ValidationError({"addresses": f"You can invite up to {MAX_INVITATIONS_AT_ONCE} people at once; "
                                            f"this list has {len(unique)}. Split it into smaller lists."})
    batch = InvitationBatch(duplicates=len([a for a in addresses if a and a.strip()]) - len(unique))
    # Locks the community row: two conveners inviting at once queue behind each other.
    Community.objects.select_for_update().filter(pk=community.pk).first()
    members = set(
        email.lower() for email in
        Membership.objects.filter(community=community, user__email__in=unique).values_list("user__email", flat=True)
    )
    open_invites = set(
        Invitation.objects.filter(community=community, email__in=unique, status__in=OPEN_INVITATION_STATUSES)
        .values_list("email", flat=True)
    )
    now = now or timezone.now()
    expires_at = now + timedelta(days=INVITATION_DAYS)
    map_entries = {e.email: e for e in MapEntry.objects.filter(community=community, email__in=unique)}
    new = []
    for email in unique:
        if email in members:
            batch.already_members.append(email)
        elif email in open_invites:
            batch.already_invited.append(email)
        else:
            new.append(Invitation(organisation=organisation, community=community, email=email, role=role,
                                  message=message, invited_by=by, expires_at=expires_at,
                                  map_entry=map_entries.get(email)))
    try:
        with transaction.atomic():
            batch.created = Invitation.objects.bulk_create(new)
    except IntegrityError as exc:  # another request invited one of them at the same moment
        raise ValidationError({"addresses": "Some of these people were invited a moment ago by someone else. "
                                            "Check the invitations list and try again."}) from exc
    if batch.created:
        if not all(i.pk for i in batch.created):  # bulk_create without returned ids (older databases)
            batch.created = list(Invitation.objects.filter(
                community=community, email__in=[i.email for i in new], status=InvitationStatus.QUEUED))
        audit_record(organisation=organisation, actor=by, action="invitation.created", target=community,
                     summary=f"{len(batch.created)} invitation(s) as {MembershipRole(role).label}")
        for invitation in batch.created:
            enqueue_on_commit(send_invitation, organisation.pk, invitation.pk)
    return batch


@transaction.atomic
def invitation_resend(*, organisation, by, invitation, now=None):
    """Send a sent, failed or expired invitation again: a fresh link (the old ones stop working) and a
    fresh expiry date."""
    from ..tasks import enqueue_on_commit, send_invitation

    _check_tenant(organisation, invitation)
    now = now or timezone.now()
    if invitation.status == InvitationStatus.EXPIRED and Invitation.objects.filter(
        community=invitation.community_id, email=invitation.email, status__in=OPEN_INVITATION_STATUSES
    ).exclude(pk=invitation.pk).exists():
        raise ValidationError("This address has a newer invitation already.")
    updated = Invitation.objects.filter(
        pk=invitation.pk,
        status__in=[InvitationStatus.SENT, InvitationStatus.FAILED, InvitationStatus.EXPIRED],
    ).update(status=InvitationStatus.QUEUED, expires_at=now + timedelta(days=INVITATION_DAYS), token_hash="",
             previous_token_hash="", failure_reason="", reminder_due=False, reminded_at=None, attempts=0)
    if not updated:
        raise ValidationError("This invitation cannot be sent again now.")
    audit_record(organisation=organisation, actor=by, action="invitation.resent", target=invitation)
    enqueue_on_commit(send_invitation, organisation.pk, invitation.pk)
    invitation.refresh_from_db()
    return invitation


@transaction.atomic
def invitation_revoke(*, organisation, by, invitation):
    """Withdraw an invitation that has not been answered: its link stops working."""
    _check_tenant(organisation, invitation)
    updated = Invitation.objects.filter(pk=invitation.pk, status__in=OPEN_INVITATION_STATUSES).update(
        status=InvitationStatus.REVOKED, reminder_due=False)
    if not updated:
        raise ValidationError("This invitation has already been answered or withdrawn.")
    audit_record(organisation=organisation, actor=by, action="invitation.revoked", target=invitation)
    invitation.refresh_from_db()
    return invitation


def invitation_issue_token(invitation, *, keep_previous=False):
    # An answered, withdrawn or expired invitation keeps its last hash: its link then explains why it no
    # longer admits anyone. A resend clears it (the old link is replaced).
    """A fresh token for the next e-mail. Only its hash is stored. ``keep_previous`` keeps the link of the
    last e-mail working too (a reminder must not break the first e-mail's link)."""
    token = token_new()
    previous = invitation.token_hash if keep_previous else ""
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash(token), previous_token_hash=previous)
    invitation.token_hash, invitation.previous_token_hash = token_hash(token), previous
    return token


TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{30,100}$")


class InvitationUnusable(Exception):
    """The link does not admit anyone; ``message`` says why, in words for the person holding it."""

    def __init__(self, message, status=404):
        super().__init__(message)
        self.message = message
        self.status = status


def invitation_for_token(token, *, now=None):
    """The invitation a link names, checked: raises :class:`InvitationUnusable` for a garbled, forged, used,
    withdrawn or expired link. Call outside any scope: the token names the organisation."""
    from django_scopes import scopes_disabled

    if not token or not TOKEN_SHAPE.match(token):
        raise InvitationUnusable("This invitation link is not valid. Check that you copied the whole link "
                                 "from the e-mail.")
    digest = token_hash(token)
    with scopes_disabled():
        invitation = (Invitation.objects.select_related("community", "organisation", "invited_by")
                      .filter(Q(token_hash=digest) | Q(previous_token_hash=digest)).first())
    if invitation is None:
        raise InvitationUnusable("This invitation link is not valid. It may have been replaced by a newer "
                                 "e-mail: use the link in the most recent one.")
    now = now or timezone.now()
    if invitation.status == InvitationStatus.ACCEPTED:
        raise InvitationUnusable("This invitation has already been accepted. Sign in to reach the community.", 410)
    if invitation.status == InvitationStatus.DECLINED:
        raise InvitationUnusable("This invitation was declined. Ask the convener if you would like a new one.", 410)
    if invitation.status == InvitationStatus.REVOKED:
        raise InvitationUnusable("This invitation has been withdrawn by the convener.", 410)
    if invitation.status == InvitationStatus.EXPIRED or invitation.expires_at <= now:
        raise InvitationUnusable("This invitation has expired. Ask the convener to send you a new one.", 410)
    if invitation.status not in ANSWERABLE_STATUSES:
        raise InvitationUnusable("This invitation link is not valid.")
    return invitation


def user_owns_address(user, email):
    from allauth.account.models import EmailAddress

    if not user.is_authenticated:
        return False
    if user.email.lower() == email.lower():
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def invitation_accept(*, organisation, by, invitation, employer="", profession="", role_title="", now=None):
    """The invited person joins the community with the role they were invited to (never lower than the
    role they already hold). The link is used up."""
    _check_tenant(organisation, invitation)
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().select_related("community").get(pk=invitation.pk)
    if invitation.status not in ANSWERABLE_STATUSES or invitation.expires_at <= now:
        raise ValidationError("This invitation can no longer be accepted.")
    if not user_owns_address(by, invitation.email):
        raise PermissionDenied("This invitation was sent to another e-mail address.")
    existing = Membership.objects.filter(community=invitation.community, user=by).first()
    role = invitation.role
    if existing is not None:
        order = [MembershipRole.CONVENER, MembershipRole.CO_CONVENER, MembershipRole.CORE_GROUP, MembershipRole.MEMBER]
        role = min(existing.role, invitation.role, key=order.index)
    membership = membership_add(organisation=organisation, community=invitation.community, user=by, role=role,
                                employer=employer or None, profession=profession or None,
                                role_title=role_title or None)
    if existing is None and (employer or profession or role_title):
        membership.employer = employer.strip()[:200] or membership.employer
        membership.profession = profession.strip()[:150] or membership.profession
        membership.role_title = role_title.strip()[:200] or membership.role_title
        membership.save(update_fields=["employer", "profession", "role_title"])
    if profession and not by.profession:
        by.profession = profession.strip()[:150]
        by.save(update_fields=["profession"])
    Invitation.objects.filter(pk=invitation.pk).update(
        status=InvitationStatus.ACCEPTED, responded_at=now, accepted_by=by, reminder_due=False)
    audit_record(organisation=organisation, actor=by, action="invitation.accepted", target=invitation)
    return membership


@transaction.atomic
def invitation_decline(*, organisation, invitation, by=None, now=None):
    _check_tenant(organisation, invitation)
    now = now or timezone.now()
    updated = Invitation.objects.filter(pk=invitation.pk, status__in=ANSWERABLE_STATUSES, expires_at__gt=now).update(
        status=InvitationStatus.DECLINED, responded_at=now, reminder_due=False)
    if not updated:
        raise ValidationError("This invitation can no longer be declined.")
    audit_record(organisation=organisation, actor=by, action="invitation.declined", target=invitation)


def invitations_sweep(*, now=None):
    """The periodic sweep (all organisations; the caller disables scopes): unstick claims of dead
    workers, expire what is past its date, and mark reminders due. Returns ``(to_send, to_remind)`` as
    lists of ``(organisation_id, invitation_id)``."""
    now = now or timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(status=InvitationStatus.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
            status=InvitationStatus.QUEUED)
        Invitation.objects.filter(status__in=[InvitationStatus.SENT, InvitationStatus.QUEUED],
                                  expires_at__lte=now).update(
            status=InvitationStatus.EXPIRED, reminder_due=False)
        Invitation.objects.filter(
            status=InvitationStatus.SENT, reminded_at__isnull=True, reminder_due=False,
            expires_at__lte=now + timedelta(days=REMINDER_DAYS_BEFORE_EXPIRY), expires_at__gt=now,
        ).update(reminder_due=True)
    to_send = list(Invitation.objects.filter(status=InvitationStatus.QUEUED).values_list("organisation_id", "pk"))
    to_remind = list(Invitation.objects.filter(status=InvitationStatus.SENT, reminder_due=True)
                     .values_list("organisation_id", "pk"))
    return to_send, to_remind
