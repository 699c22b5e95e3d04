"""Services for invitations: issuing, resending, reminding, changing the role, withdrawing, answering.
Their e-mails go through the outbox (:mod:`.invitation_mail`)."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.defaultfilters import pluralize
from django.utils import timezone

from cop_platform.audit import audit_record
from cop_platform.email import email_rate_check
from cop_platform.models import OutgoingEmail
from cop_platform.tokens import token_hash

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
from .invitation_mail import (
    KIND_INVITATION,
    KIND_REMINDER,
    KIND_RESEND,
    invitation_email_queue,
    invitation_emails_queue_first,
    invitation_reminder_queue,
)
from .members import membership_add

INVITATION_DAYS = getattr(settings, "CONVENE_INVITATION_DAYS", 14)
MAX_INVITATIONS_AT_ONCE = 500


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


def _addresses_over_the_limit(*, organisation, addresses, now):
    """Mail abuse (issue 8): one address receives at most ``CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY``
    invitations a day. One query finds the addresses that had any in the last day; the outbox's own check
    (:func:`email_rate_check`) then decides for each and words the message."""
    recent = (OutgoingEmail.objects.filter(organisation=organisation, kind=KIND_INVITATION, to__in=addresses,
                                           created_at__gt=now - timedelta(days=1))
              .values("to").annotate(n=Count("pk")).values_list("to", flat=True))
    problems = []
    for address in recent:
        try:
            email_rate_check(organisation=organisation, by=None, to=address, kind=KIND_INVITATION, now=now)
        except ValidationError as exc:
            problems.append(exc.messages[0])
    return problems


@transaction.atomic
def invitations_create(*, organisation, by, community, addresses, role=MembershipRole.MEMBER, message, now=None):
    """Invite ``addresses`` to ``community``, one invitation each, its e-mail queued in the outbox in the
    same transaction.

    Rules: at most MAX_INVITATIONS_AT_ONCE at once; an address is invited once (repeats in the list are
    dropped); a current member is not invited ("already a member"); an address with an open invitation
    is not invited again ("already invited" — resend it instead); an address that has had the most
    invitations allowed today is refused, naming it. Only a convener or host staff may invite someone as
    convener. Either every new invitation is saved or none is."""
    _check_tenant(organisation, community)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": "Write a message to go with the invitation."})
    if len(message) > 5000:
        raise ValidationError({"message": "The message must be 5,000 characters or fewer."})
    if role not in MembershipRole.values:
        raise ValidationError({"role": "Choose a role."})
    _check_may_appoint(organisation=organisation, community=community, by=by, roles=[role])
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
    limited = _addresses_over_the_limit(organisation=organisation, now=now,
                                        addresses=[a for a in unique if a not in members and a not in open_invites])
    if limited:
        raise ValidationError({"addresses": limited[:10] + ["Remove these addresses and send the others."]})
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
                     summary=(f"{len(batch.created)} invitation{pluralize(len(batch.created))} "
                              f"as {MembershipRole(role).label}"))
        for invitation in batch.created:
            invitation.community = community
        invitation_emails_queue_first(organisation=organisation, invitations=batch.created, by=by)
    return batch


@transaction.atomic
def invitation_resend(*, organisation, by, invitation, now=None):
    """Send a sent, failed or expired invitation again: a fresh link (the old ones stop working) and a
    fresh expiry date. Counts towards the limits on e-mails a person can send."""
    _check_tenant(organisation, invitation)
    now = now or timezone.now()
    email_rate_check(organisation=organisation, by=by, to=invitation.email, kind=KIND_RESEND, now=now)
    if invitation.status == InvitationStatus.EXPIRED and Invitation.objects.filter(
        community=invitation.community_id, email=invitation.email, status__in=OPEN_INVITATION_STATUSES
    ).exclude(pk=invitation.pk).exists():
        raise ValidationError("This address has a newer invitation already.")
    updated = Invitation.objects.filter(
        pk=invitation.pk,
        status__in=[InvitationStatus.SENT, InvitationStatus.FAILED, InvitationStatus.EXPIRED],
    ).update(status=InvitationStatus.QUEUED, expires_at=now + timedelta(days=INVITATION_DAYS), token_hash="",
             previous_token_hash="", failure_reason="", reminded_at=None, attempts=0)
    if not updated:
        raise ValidationError("This invitation cannot be sent again now.")
    audit_record(organisation=organisation, actor=by, action="invitation.resent", target=invitation)
    invitation.refresh_from_db()
    invitation_email_queue(organisation=organisation, invitation=invitation, by=by, kind=KIND_RESEND)
    return invitation


@transaction.atomic
def invitation_remind(*, organisation, by, invitation, now=None):
    """A convener reminds someone of an invitation that is waiting for an answer: the link they have keeps
    working (the reminder carries a new one too). Counts towards the limits on e-mails a person can send."""
    _check_tenant(organisation, invitation)
    now = now or timezone.now()
    email_rate_check(organisation=organisation, by=by, to=invitation.email, kind=KIND_REMINDER, now=now)
    updated = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.SENT, expires_at__gt=now).update(
        reminded_at=now)
    if not updated:
        raise ValidationError("Only an invitation that has been sent and not yet answered can be reminded.")
    audit_record(organisation=organisation, actor=by, action="invitation.reminded", target=invitation)
    invitation = Invitation.objects.select_related("community").get(pk=invitation.pk)
    invitation_reminder_queue(organisation=organisation, invitation=invitation, by=by)
    return invitation


def _check_may_appoint(*, organisation, community, by, roles):
    """Convening roles (issue 8): only a convener of the community or the host's staff (administrators,
    project managers) may invite someone as convener, or change an invitation to or from convener."""
    from cop_platform.tenancy.models import OrganisationRole, Role

    if MembershipRole.CONVENER not in roles or by is None:
        return
    if getattr(by, "is_superuser", False):
        return
    if Membership.objects.filter(community=community, user=by, role=MembershipRole.CONVENER).exists():
        return
    if OrganisationRole.objects.filter(organisation=organisation, user=by,
                                       role__in=[Role.ADMIN, Role.PROJECT_MANAGER]).exists():
        return
    raise ValidationError({"role": "Only a convener or the host's staff can invite someone as convener, or "
                                   "change the role of an invitation to be convener."})


@transaction.atomic
def invitation_role_change(*, organisation, by, invitation, role):
    """Change the role a pending invitation offers (before it is answered); audited."""
    _check_tenant(organisation, invitation)
    if role not in MembershipRole.values:
        raise ValidationError({"role": "Choose a role."})
    invitation = Invitation.objects.select_for_update().select_related("community").get(pk=invitation.pk)
    if invitation.status not in OPEN_INVITATION_STATUSES:
        raise ValidationError("This invitation has already been answered or withdrawn; its role cannot change.")
    if invitation.role == role:
        return invitation
    _check_may_appoint(organisation=organisation, community=invitation.community, by=by,
                       roles=[invitation.role, role])
    before = invitation.role
    Invitation.objects.filter(pk=invitation.pk).update(role=role)
    invitation.role = role
    audit_record(organisation=organisation, actor=by, action="invitation.role_changed", target=invitation,
                 changes={"role": [before, role]})
    return invitation


@transaction.atomic
def invitation_revoke(*, organisation, by, invitation):
    """Withdraw an invitation that has not been answered: its link stops working."""
    _check_tenant(organisation, invitation)
    updated = Invitation.objects.filter(pk=invitation.pk, status__in=OPEN_INVITATION_STATUSES).update(
        status=InvitationStatus.REVOKED)
    if not updated:
        raise ValidationError("This invitation has already been answered or withdrawn.")
    audit_record(organisation=organisation, actor=by, action="invitation.revoked", target=invitation)
    invitation.refresh_from_db()
    return invitation


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
def invitation_accept(*, organisation, by, invitation, employer="", profession="", role_title="", sector="",
                      now=None):
    """The invited person joins the community with the role they were invited to (never lower than the
    role they already hold). The link is used up; the conveners are told."""
    from ..models import Sector
    from .arrivals import arrival_invitation_accepted

    _check_tenant(organisation, invitation)
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().select_related("community").get(pk=invitation.pk)
    if invitation.status not in ANSWERABLE_STATUSES or invitation.expires_at <= now:
        raise ValidationError("This invitation can no longer be accepted.")
    if not user_owns_address(by, invitation.email):
        raise PermissionDenied("This invitation was sent to another e-mail address.")
    if sector and sector not in Sector.values:
        raise ValidationError({"sector": "Choose your sector from the list."})
    existing = Membership.objects.filter(community=invitation.community, user=by).first()
    role = invitation.role
    if existing is not None:
        order = [MembershipRole.CONVENER, MembershipRole.CO_CONVENER, MembershipRole.CORE_GROUP, MembershipRole.MEMBER]
        role = min(existing.role, invitation.role, key=order.index)
    membership = membership_add(organisation=organisation, community=invitation.community, user=by, role=role,
                                employer=employer or None, profession=profession or None,
                                role_title=role_title or None)
    if existing is None and (employer or profession or role_title or sector):
        membership.employer = employer.strip()[:200] or membership.employer
        membership.profession = profession.strip()[:150] or membership.profession
        membership.role_title = role_title.strip()[:200] or membership.role_title
        membership.sector = sector or membership.sector
        membership.save(update_fields=["employer", "profession", "role_title", "sector"])
    if profession and not by.profession:
        by.profession = profession.strip()[:150]
        by.save(update_fields=["profession"])
    Invitation.objects.filter(pk=invitation.pk).update(
        status=InvitationStatus.ACCEPTED, responded_at=now, accepted_by=by)
    audit_record(organisation=organisation, actor=by, action="invitation.accepted", target=invitation)
    arrival_invitation_accepted(organisation=organisation, invitation=invitation, person=by, membership=membership)
    return membership


@transaction.atomic
def invitation_decline(*, organisation, invitation, by=None, now=None):
    _check_tenant(organisation, invitation)
    now = now or timezone.now()
    updated = Invitation.objects.filter(pk=invitation.pk, status__in=ANSWERABLE_STATUSES, expires_at__gt=now).update(
        status=InvitationStatus.DECLINED, responded_at=now)
    if not updated:
        raise ValidationError("This invitation can no longer be declined.")
    audit_record(organisation=organisation, actor=by, action="invitation.declined", target=invitation)
