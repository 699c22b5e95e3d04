"""Services: the one place that changes communities, their membership and their invitations.

Every service takes ``organisation=`` (keyword-only) and refuses records of another organisation:
django-scopes does not guard ``create()`` or forward foreign keys.
"""

import csv
import hashlib
import io
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from cop_platform.audit import audit_record
from cop_platform.tenancy.models import OrganisationMember
from cop_platform.tenancy.services import organisation_member_ensure

from .models import (
    ANSWERABLE_STATUSES,
    CONVENING_ROLES,
    OPEN_INVITATION_STATUSES,
    Community,
    CommunityStatus,
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    MapEntry,
    Membership,
    MembershipRole,
    Visibility,
)

INVITATION_DAYS = getattr(settings, "CONVENE_INVITATION_DAYS", 14)
REMINDER_DAYS_BEFORE_EXPIRY = getattr(settings, "CONVENE_INVITATION_REMINDER_DAYS", 3)
MAX_INVITATIONS_AT_ONCE = 500
MAX_CSV_BYTES = 1024 * 1024
STUCK_AFTER = timedelta(minutes=15)


def _check_tenant(organisation, *records):
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")


def unique_community_slug(*, organisation, name):
    base = slugify(name)[:70] or "community"
    slug, n = base, 2
    while Community.objects.filter(organisation=organisation, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def community_create(*, organisation, name, domain_statement="", slug=None,
                     status=CommunityStatus.FORMING, visibility=Visibility.LISTED):
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the community's name."})
    community = Community(
        organisation=organisation,
        name=name,
        slug=slug or unique_community_slug(organisation=organisation, name=name),
        domain_statement=domain_statement,
        status=status,
        visibility=visibility,
    )
    community.full_clean(exclude=["organisation"])
    community.save()
    return community


# --- Members and roles -----------------------------------------------------------------------------


@transaction.atomic
def membership_add(*, organisation, community, user, role=MembershipRole.MEMBER, employer=None, profession=None,
                   role_title=None):
    """Add ``user`` to ``community`` (or change their role). The person becomes a member of the host
    organisation too. A new member's organisation, profession and role title start from what is known
    about them. Refuses a community of another organisation: scopes do not guard ``create()``."""
    if community.organisation_id != organisation.pk:
        raise ValidationError("That community belongs to another organisation.")
    org_member = organisation_member_ensure(organisation=organisation, user=user)
    membership = Membership.objects.filter(community=community, user=user).first()
    if membership is None:
        if employer is None:
            if org_member.member_organisation_id:
                org_member = OrganisationMember.objects.select_related("member_organisation").get(pk=org_member.pk)
            employer = org_member.employer_name or ""
        membership = Membership.objects.create(
            organisation=organisation, community=community, user=user, role=role,
            employer=(employer or "")[:200],
            profession=(profession if profession is not None else user.profession or "")[:150],
            role_title=(role_title if role_title is not None else user.job_title or "")[:200],
        )
        return membership
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def _convening_count(community, *, excluding=None):
    qs = Membership.objects.filter(community=community, role__in=CONVENING_ROLES)
    if excluding is not None:
        qs = qs.exclude(pk=excluding.pk)
    return qs.count()


def _keep_a_convener(membership, *, new_role=None):
    """A community always keeps at least one convener or co-convener: the last one may not leave, be
    removed or step down until someone else convenes."""
    if membership.role in CONVENING_ROLES and (new_role is None or new_role not in CONVENING_ROLES):
        if _convening_count(membership.community, excluding=membership) == 0:
            raise ValidationError("A community needs at least one convener. Make someone else a convener first.")


@transaction.atomic
def membership_profile_update(*, organisation, by, membership, employer, profession, sector, role_title, shares,
                              wants_to_learn):
    """A member edits their own profile in the community."""
    _check_tenant(organisation, membership)
    if membership.user_id != by.pk:
        raise PermissionDenied("You can only edit your own profile.")
    membership.employer = employer.strip()
    membership.profession = profession.strip()
    membership.sector = sector
    membership.role_title = role_title.strip()
    membership.shares = shares.strip()
    membership.wants_to_learn = wants_to_learn.strip()
    membership.full_clean(exclude=["organisation", "community", "user"])
    membership.save()
    return membership


@transaction.atomic
def membership_role_change(*, organisation, by, membership, role, working_role=""):
    """A convener changes a member's role (convener, co-convener, core group, member) and working role."""
    _check_tenant(organisation, membership)
    membership = Membership.objects.select_for_update().select_related("community").get(pk=membership.pk)
    if role not in MembershipRole.values:
        raise ValidationError("Choose a role.")
    _keep_a_convener(membership, new_role=role)
    before = {"role": membership.role, "working_role": membership.working_role}
    membership.role = role
    membership.working_role = working_role or ""
    membership.full_clean(exclude=["organisation", "community", "user"])
    membership.save(update_fields=["role", "working_role"])
    changes = {k: [before[k], getattr(membership, k)] for k in before if before[k] != getattr(membership, k)}
    if changes:
        audit_record(organisation=organisation, actor=by, action="membership.role_changed", target=membership,
                     changes=changes)
    return membership


@transaction.atomic
def membership_remove(*, organisation, by, membership):
    """A convener removes a member from the community."""
    _check_tenant(organisation, membership)
    membership = Membership.objects.select_for_update().select_related("community", "user").get(pk=membership.pk)
    _keep_a_convener(membership)
    audit_record(organisation=organisation, actor=by, action="membership.removed", target=membership)
    membership.delete()


@transaction.atomic
def membership_leave(*, organisation, by, membership):
    """A member leaves the community."""
    _check_tenant(organisation, membership)
    if membership.user_id != by.pk:
        raise PermissionDenied("You can only leave for yourself.")
    membership = Membership.objects.select_for_update().select_related("community", "user").get(pk=membership.pk)
    _keep_a_convener(membership)
    audit_record(organisation=organisation, actor=by, action="membership.left", target=membership)
    membership.delete()


# --- The community map -----------------------------------------------------------------------------


@transaction.atomic
def map_entry_add(*, organisation, by, community, name, email="", employer="", why=""):
    _check_tenant(organisation, community)
    entry = MapEntry(organisation=organisation, community=community, name=name.strip(),
                     email=(email or "").strip().lower(), employer=employer.strip(), why=why.strip(), added_by=by)
    entry.full_clean(exclude=["organisation", "community", "added_by"])
    entry.save()
    return entry


@transaction.atomic
def map_entry_delete(*, organisation, by, entry):
    _check_tenant(organisation, entry)
    entry.delete()


# --- Invitations -----------------------------------------------------------------------------------

ADDRESS_SPLIT = re.compile(r"[\n\r,;]+")
NAMED_ADDRESS = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>]+)>\s*$")


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


def parse_addresses(text):
    """Split a pasted list into ``(addresses, invalid)``. Accepts one address a line or separated by commas
    or semicolons, and ``Name <address>``. Addresses are lower-cased; the order is kept."""
    addresses, invalid = [], []
    for chunk in ADDRESS_SPLIT.split(text or ""):
        chunk = chunk.strip()
        if not chunk:
            continue
        match = NAMED_ADDRESS.match(chunk)
        email = (match.group("email") if match else chunk).strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            invalid.append(chunk[:100])
            continue
        addresses.append(email)
    return addresses, invalid


def parse_address_csv(uploaded):
    """Read addresses from an uploaded CSV: the first column holding an ``@`` in each row (a header row is
    skipped). Raises ValidationError for a file that is too big or not text."""
    if uploaded.size > MAX_CSV_BYTES:
        raise ValidationError("The CSV file is larger than 1 MB. Split it into smaller files.")
    name = (uploaded.name or "").lower()
    if not name.endswith((".csv", ".txt")):
        raise ValidationError("Upload a .csv file (a spreadsheet saved as CSV).")
    raw = uploaded.read()
    if b"\x00" in raw:
        raise ValidationError("That file is not a CSV file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ValidationError("The CSV file could not be read as text.") from exc
    cells = []
    try:
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                if "@" in cell:
                    cells.append(cell)
                    break
    except csv.Error as exc:
        raise ValidationError("The CSV file could not be read.") from exc
    return parse_addresses("\n".join(cells))


@dataclass
class InvitationBatch:
    created: list = field(default_factory=list)
    already_members: list = field(default_factory=list)
    already_invited: list = field(default_factory=list)
    duplicates: int = 0


def _hash_token(token):
    return hashlib.sha256(token.encode("ascii", "ignore")).hexdigest()


@transaction.atomic
def invitations_create(*, organisation, by, community, addresses, role=MembershipRole.MEMBER, message, now=None):
    """Invite ``addresses`` to ``community``, one invitation each, sent by the worker after commit.

    Rules: at most MAX_INVITATIONS_AT_ONCE at once; an address is invited once (repeats in the list are
    dropped); a current member is not invited ("already a member"); an address with an open invitation
    is not invited again ("already invited" — resend it instead). Either every new invitation is saved
    or none is."""
    from .tasks import enqueue_on_commit, send_invitation

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
    from .tasks import enqueue_on_commit, send_invitation

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
    token = secrets.token_urlsafe(32)
    previous = invitation.token_hash if keep_previous else ""
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=_hash_token(token), previous_token_hash=previous)
    invitation.token_hash, invitation.previous_token_hash = _hash_token(token), previous
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
    token_hash = _hash_token(token)
    with scopes_disabled():
        invitation = (Invitation.objects.select_related("community", "organisation", "invited_by")
                      .filter(Q(token_hash=token_hash) | Q(previous_token_hash=token_hash)).first())
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


# --- Join requests ---------------------------------------------------------------------------------


@transaction.atomic
def join_request_create(*, organisation, by, community, message=""):
    """Someone in the organisation asks to join a community open to join requests."""
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
    return request


@transaction.atomic
def join_request_decide(*, organisation, by, join_request, approve, now=None):
    """A convener approves (the person joins as a member) or declines; the person is told by e-mail."""
    from cop_platform.email import email_queue

    from cop_platform.tenancy.models import OrganisationMember

    _check_tenant(organisation, join_request)
    if approve and not OrganisationMember.objects.filter(organisation=organisation,
                                                         user_id=join_request.user_id).exists():
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
        membership_add(organisation=organisation, community=community, user=join_request.user)
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


# --- The community home: Domain, Practice, Community, reflection, settings, start-up steps -----------

SECTIONS = {
    "domain": ["domain_statement"],
    "practice": ["practice", "repertoire"],
    "community": ["who_else"],
    "reflection": ["reflection_identity", "reflection_information", "reflection_relationship"],
    "settings": ["status", "visibility", "open_to_join"],
}


@transaction.atomic
def community_update(*, organisation, by, community, section, data):
    """Save one section of the community home. A changed domain statement is kept as a new version;
    changes of status and visibility are audited."""
    from .models import DomainVersion

    _check_tenant(organisation, community)
    if section not in SECTIONS:
        raise ValidationError("No such section.")
    community = Community.objects.select_for_update().get(pk=community.pk)
    before = {f: getattr(community, f) for f in SECTIONS[section]}
    for name in SECTIONS[section]:
        value = data.get(name, getattr(community, name))
        setattr(community, name, value.strip() if isinstance(value, str) else value)
    community.full_clean(exclude=["organisation"])
    community.save()
    changes = {f: [before[f], getattr(community, f)] for f in before if before[f] != getattr(community, f)}
    if section == "domain" and "domain_statement" in changes:
        if not DomainVersion.objects.filter(community=community).exists() and before["domain_statement"]:
            # Keep the first draft (written before the history began) as the first version.
            DomainVersion.objects.create(organisation=organisation, community=community,
                                         text=before["domain_statement"], edited_by=None)
        DomainVersion.objects.create(organisation=organisation, community=community,
                                     text=community.domain_statement, edited_by=by)
    if section == "settings" and changes:
        audit_record(organisation=organisation, actor=by, action="community.settings_changed", target=community,
                     changes=changes)
    return community


STARTUP_STEPS = [
    # (key, who, title, how it is done in the app) — FAQ §10 "Convening: the start-up steps".
    ("domain", "Convener", "Develop the domain", "Write the domain statement."),
    ("map", "Convener", "Map of community members", "Add the people wanted and needed to the community map."),
    ("invitation", "Convener", "Invitation", "Send the first invitation."),
    ("conversation", "Convener and core group", "Initial conversation",
     "Meet to co-develop the domain and a plan; tick when it has happened."),
    ("roles", "Core community", "Roles and responsibilities",
     "Agree who handles agendas, notes, communication and facilitation: give core group members working roles."),
    ("define", "Core community", "Define the community", "Write who else needs to be here."),
]
MANUAL_STEPS = {"conversation"}


@transaction.atomic
def startup_step_tick(*, organisation, by, community, step, done=True):
    """A convener ticks (or unticks) a start-up step the app cannot see being done."""
    _check_tenant(organisation, community)
    if step not in MANUAL_STEPS:
        raise ValidationError("This step is ticked by doing it in the app.")
    community = Community.objects.select_for_update().get(pk=community.pk)
    ticks = [t for t in community.startup_ticks if t != step] + ([step] if done else [])
    community.startup_ticks = ticks
    community.save(update_fields=["startup_ticks", "updated_at"])
    return community


# --- Meetings, the practice exchange and the momentum plan -------------------------------------------


def _member_or_none(community, user):
    if user is None:
        return None
    if not Membership.objects.filter(community=community, user=user).exists():
        raise ValidationError("That person is not a member of this community.")
    return user


@transaction.atomic
def meeting_schedule(*, organisation, by, community, title, starts_at, ends_at, place="", call_link="", agenda="",
                     now=None):
    """Schedule a meeting and tell the members by e-mail (after commit, once each), with a calendar file
    to download. A meeting needs a place or a call link, and ends after it starts."""
    from .models import Meeting

    _check_tenant(organisation, community)
    now = now or timezone.now()
    if starts_at <= now:
        raise ValidationError({"date": "Choose a date and time in the future."})
    if ends_at <= starts_at:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    if not (place or "").strip() and not (call_link or "").strip():
        raise ValidationError({"place": "Say where you will meet, or give a call link (or both)."})
    meeting = Meeting(organisation=organisation, community=community, title=title.strip(), starts_at=starts_at,
                      ends_at=ends_at, place=place.strip(), call_link=call_link.strip(), agenda=agenda.strip(),
                      created_by=by)
    meeting.full_clean(exclude=["organisation", "community", "created_by"])
    meeting.save()
    meeting_notify_members(organisation=organisation, meeting=meeting)
    audit_record(organisation=organisation, actor=by, action="meeting.scheduled", target=meeting)
    return meeting


def meeting_notify_members(*, organisation, meeting):
    """One e-mail per member about a new meeting, through the outbox (idempotent by key). Members who
    turned meeting e-mails off are left out."""
    from django.urls import reverse

    from cop_platform.email import email_queue

    community = meeting.community
    link = settings.SITE_URL + reverse("communities:meeting", kwargs={
        "org": organisation.slug, "slug": community.slug, "meeting_id": meeting.pk})
    when = timezone.localtime(meeting.starts_at)
    members = Membership.objects.filter(community=community).select_related("user")
    from .models import NotificationPreference

    opted_out = set(NotificationPreference.objects.filter(organisation=organisation, meeting_emails=False)
                    .values_list("user_id", flat=True))
    for m in members:
        if m.user_id in opted_out:
            continue
        body = (f"Hello {m.user.display_name},\n\n{community.name} meets on {when:%A %-d %B %Y at %H:%M}: "
                f"{meeting.title}.\n\n"
                + (f"Where: {meeting.place}\n" if meeting.place else "")
                + (f"Call link: {meeting.call_link}\n" if meeting.call_link else "")
                + (f"\nAgenda:\n{meeting.agenda}\n" if meeting.agenda else "")
                + f"\nDetails and a calendar file: {link}\n\n"
                  f"You can turn off e-mails about new meetings in your notification settings.\n")
        email_queue(organisation=organisation, key=f"meeting:{meeting.pk}:scheduled:{m.user_id}", to=m.user.email,
                    subject=f"{community.name}: {meeting.title}, {when:%-d %B}", body_text=body)


def meeting_ics(meeting):
    """The meeting as an iCalendar file (with its VTIMEZONE, so Outlook-style clients do not guess)."""
    from zoneinfo import ZoneInfo

    import icalendar

    zone = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Convene//Communities of practice//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}-{meeting.organisation_id}@convene")
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", f"{meeting.community.name}: {meeting.title}")
    if meeting.place:
        event.add("location", meeting.place)
    elif meeting.call_link:
        event.add("location", meeting.call_link)
    description = meeting.agenda
    if meeting.call_link:
        description = f"Call link: {meeting.call_link}\n\n{description}".strip()
        event.add("url", meeting.call_link)
    if description:
        event.add("description", description)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


@transaction.atomic
def meeting_record(*, organisation, by, meeting, attendee_ids, notes):
    """The record afterwards: who came and the notes."""
    from .models import Attendance

    _check_tenant(organisation, meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError("You can record a meeting once it has started.")
    members = set(Membership.objects.filter(community=meeting.community, user_id__in=attendee_ids)
                  .values_list("user_id", flat=True))
    if set(attendee_ids) - members:
        raise ValidationError("Attendance can only include members of the community.")
    Attendance.objects.filter(meeting=meeting).exclude(user_id__in=members).delete()
    have = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    Attendance.objects.bulk_create([Attendance(organisation=organisation, meeting=meeting, user_id=uid)
                                    for uid in members - have])
    meeting.notes = notes.strip()
    meeting.recorded_at = meeting.recorded_at or timezone.now()
    meeting.full_clean(exclude=["organisation", "community", "created_by"])
    meeting.save(update_fields=["notes", "recorded_at"])
    return meeting


@transaction.atomic
def practice_exchange_add(*, organisation, by, meeting, shared_by=None, **fields):
    from .models import PracticeExchange

    _check_tenant(organisation, meeting)
    _member_or_none(meeting.community, shared_by)
    exchange = PracticeExchange(organisation=organisation, community_id=meeting.community_id, meeting=meeting,
                                shared_by=shared_by, **{k: (v or "").strip() for k, v in fields.items()})
    exchange.full_clean(exclude=["organisation", "community", "meeting", "shared_by"])
    exchange.save()
    return exchange


@transaction.atomic
def action_add(*, organisation, by, community, title, month, owner=None, meeting=None, status="planned"):
    """Add an action to the momentum plan (from a meeting or directly). ``month`` is any date in it."""
    from .models import Action

    _check_tenant(organisation, community, meeting)
    if meeting is not None and meeting.community_id != community.pk:
        raise ValidationError("That meeting belongs to another community.")
    _member_or_none(community, owner)
    action = Action(organisation=organisation, community=community, meeting=meeting, title=(title or "").strip(),
                    owner=owner, month=month.replace(day=1), status=status)
    action.full_clean(exclude=["organisation", "community", "meeting", "owner"])
    action.save()
    return action


@transaction.atomic
def action_status_change(*, organisation, by, action, status):
    from .models import ActionStatus

    _check_tenant(organisation, action)
    if status not in ActionStatus.values:
        raise ValidationError("Choose a status.")
    action.status = status
    action.save(update_fields=["status"])
    return action


@transaction.atomic
def notification_preferences_update(*, organisation, by, meeting_emails):
    """A person turns the non-essential e-mails (new meetings) on or off in this organisation. Invitations,
    their reminders and join decisions are always sent."""
    from .models import NotificationPreference

    preference, _ = NotificationPreference.objects.get_or_create(organisation=organisation, user=by)
    preference.meeting_emails = bool(meeting_emails)
    preference.save(update_fields=["meeting_emails"])
    return preference


# --- Library and learning journal ----------------------------------------------------------------------

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# extension -> (content type, a check of the first bytes / the archive's contents)
ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
OOXML_FOLDER = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


def check_upload(uploaded):
    """Refuse a file that is too big, of a type we do not take, or whose content is not what its name says
    (sniffed from its first bytes). Returns ``(extension, content type)``."""
    import zipfile
    from pathlib import PurePath

    if uploaded is None:
        raise ValidationError({"file": "Choose a file to upload."})
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": "The file is larger than 10 MB."})
    if uploaded.size == 0:
        raise ValidationError({"file": "The file is empty."})
    ext = PurePath(uploaded.name or "").suffix.lower()
    if ext not in ALLOWED_UPLOADS:
        raise ValidationError({"file": "The file must be a PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV file."})
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    ok = {
        ".pdf": head.startswith(b"%PDF-"),
        ".png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        ".jpg": head.startswith(b"\xff\xd8\xff"),
        ".jpeg": head.startswith(b"\xff\xd8\xff"),
    }.get(ext)
    if ext in OOXML_FOLDER:
        ok = False
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(uploaded) as archive:
                    ok = any(name.startswith(OOXML_FOLDER[ext]) for name in archive.namelist())
            except zipfile.BadZipFile:
                ok = False
            uploaded.seek(0)
    if ext in (".txt", ".csv"):
        ok = b"\x00" not in head
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            ok = ok and exc.start > len(head) - 4  # a character cut at the end of the sample
    if not ok:
        raise ValidationError({"file": f"The file's content does not match a {ext} file."})
    return ext, ALLOWED_UPLOADS[ext]


def normalise_tags(text):
    tags = []
    for tag in (text or "").split(","):
        tag = " ".join(tag.strip().lower().split())[:40]
        if tag and tag not in tags:
            tags.append(tag)
    return ",".join(tags[:10])


@transaction.atomic
def library_item_add(*, organisation, by, community, title, description="", tags="", url="", uploaded=None):
    """Add a link or a file to the community's library (a member). Exactly one of ``url`` and ``uploaded``."""
    from .models import LibraryItem, LibraryKind

    _check_tenant(organisation, community)
    if bool(url) == bool(uploaded):
        raise ValidationError("Give either a web address or a file.")
    item = LibraryItem(organisation=organisation, community=community, title=(title or "").strip(),
                       description=(description or "").strip(), tags=normalise_tags(tags), added_by=by)
    if url:
        if not url.lower().startswith(("https://", "http://")):
            raise ValidationError({"url": "Enter a web address starting with https://"})
        item.kind, item.url = LibraryKind.LINK, url
    else:
        ext, content_type = check_upload(uploaded)
        item.kind, item.content_type, item.size = LibraryKind.FILE, content_type, uploaded.size
        item.original_name = (uploaded.name or f"file{ext}")[-200:]
    item.full_clean(exclude=["organisation", "community", "added_by", "file"])
    if uploaded:
        item.file.save(item.original_name, uploaded, save=False)
    try:
        item.save()
    except Exception:
        if item.file:
            item.file.delete(save=False)
        raise
    return item


@transaction.atomic
def library_item_delete(*, organisation, by, item):
    _check_tenant(organisation, item)
    stored = item.file.name if item.file else ""
    storage = item.file.storage if item.file else None
    item.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def journal_entry_add(*, organisation, by, community, entry_date, title, learnt):
    from .models import JournalEntry

    _check_tenant(organisation, community)
    if not Membership.objects.filter(community=community, user=by).exists():
        raise PermissionDenied("Only members write in the learning journal.")
    if entry_date > timezone.localdate():
        raise ValidationError({"entry_date": "The date cannot be in the future."})
    entry = JournalEntry(organisation=organisation, community=community, author=by, entry_date=entry_date,
                         title=(title or "").strip(), learnt=(learnt or "").strip())
    entry.full_clean(exclude=["organisation", "community", "author"])
    entry.save()
    return entry
