"""Invitation e-mails through the outbox: queueing them, building them at send time, following their
outcome, reminders, and the daily round of expiry.

Every invitation e-mail (first send, resend, reminder) is an outbox row written in the transaction of the
change that causes it (:func:`cop_platform.email.email_queue`). The row keeps no body and no link: the
composer below mints a fresh token when the mail is sent and stores only its SHA-256 hash on the
invitation. The invitation's own status follows its row through the outcome hook::

    invitation  queued --(composer claims)--> sending --(row sent)--> sent
                        <--(row to retry: link withdrawn)--  sending
                sending|queued --(row failed)--> failed (the row's reason)

So there is one sending path (``cop_platform.tasks.send_outgoing_email``) and one sweep
(``sweep_pending_email``) for invitations as for every other e-mail.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from cop_platform.email import ComposedEmail, EmailCancelled, email_queue, email_queue_many
from cop_platform.models import EmailStatus, OutgoingEmail
from cop_platform.tokens import token_hash, token_new

from ..models import Invitation, InvitationStatus

INVITATION_COMPOSER = "communities.invitation"
REMINDER_COMPOSER = "communities.invitation_reminder"
# Kinds count separately for the rate limits (cop_platform.email.limits): a convener's list of 300
# first invitations must not use up the resends and reminders they can send by hand in that hour.
KIND_INVITATION = "communities.invitation"
KIND_RESEND = "communities.invitation_resend"
KIND_REMINDER = "communities.invitation_reminder"

REMINDER_DAYS_BEFORE_EXPIRY = getattr(settings, "CONVENE_INVITATION_REMINDER_DAYS", 3)


def invitation_issue_token(invitation, *, keep_previous=False):
    """A fresh token for the next e-mail. Only its hash is stored. ``keep_previous`` keeps the link of the
    last e-mail working too (a reminder must not break the first e-mail's link). An answered, withdrawn or
    expired invitation keeps its last hash: its link then explains why it no longer admits anyone."""
    token = token_new()
    previous = invitation.token_hash if keep_previous else ""
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash(token), previous_token_hash=previous)
    invitation.token_hash, invitation.previous_token_hash = token_hash(token), previous
    return token


def _rows(organisation, invitation, composer):
    return OutgoingEmail.objects.filter(organisation=organisation, composer=composer, ref_id=str(invitation.pk))


def invitation_email_queue(*, organisation, invitation, by, kind=KIND_INVITATION, first=False):
    """Queue the e-mail carrying ``invitation``'s link (call it in the transaction that queued the
    invitation). Rows of earlier sends still waiting are cancelled: only the newest e-mail goes."""
    if first:
        number = 1
    else:
        _rows(organisation, invitation, INVITATION_COMPOSER).filter(status=EmailStatus.QUEUED).update(
            status=EmailStatus.CANCELLED, failure_reason="Replaced by a newer e-mail for this invitation.")
        number = _rows(organisation, invitation, INVITATION_COMPOSER).count() + 1
    return email_queue(
        organisation=organisation, key=f"invitation:{invitation.pk}:{number}", to=invitation.email, kind=kind,
        triggered_by=by, composer=INVITATION_COMPOSER, ref_id=invitation.pk,
        subject=f"An invitation to join {invitation.community.name}")


def invitation_emails_queue_first(*, organisation, invitations, by):
    """Queue the first e-mail of each of ``invitations`` (just created, in this transaction) in one go:
    one bulk insert into the outbox, sent after commit in batches, not one task per e-mail."""
    return email_queue_many(organisation=organisation, emails=[
        {"key": f"invitation:{invitation.pk}:1", "to": invitation.email, "kind": KIND_INVITATION,
         "triggered_by": by, "composer": INVITATION_COMPOSER, "ref_id": invitation.pk,
         "subject": f"An invitation to join {invitation.community.name}"}
        for invitation in invitations])


def invitation_reminder_queue(*, organisation, invitation, by=None):
    """Queue a reminder of ``invitation`` (its first link keeps working)."""
    number = _rows(organisation, invitation, REMINDER_COMPOSER).count() + 1
    return email_queue(
        organisation=organisation, key=f"invitation:{invitation.pk}:reminder:{number}", to=invitation.email,
        kind=KIND_REMINDER, triggered_by=by, composer=REMINDER_COMPOSER, ref_id=invitation.pk,
        subject=f"Reminder: your invitation to join {invitation.community.name}")


def invitation_pending_email(*, organisation, invitation_id, reminder=False):
    """The queued outbox row of an invitation (or of its reminder), if any: for the pinned tasks."""
    composer = REMINDER_COMPOSER if reminder else INVITATION_COMPOSER
    return (OutgoingEmail.objects.filter(organisation=organisation, composer=composer, ref_id=str(invitation_id),
                                         status=EmailStatus.QUEUED).order_by("-created_at").first())


def invitation_sending_progress(*, community):
    """How far the sending of a community's invitations has gone, for the convener's page, or ``None``
    when none is waiting (queued or being sent). It counts the invitations waiting, and those sent or
    failed since the oldest waiting one was created (a list is sent after it is written, so this covers
    the list being sent). Two queries whatever the size of the list."""
    waiting = [InvitationStatus.QUEUED, InvitationStatus.SENDING]
    answered = [InvitationStatus.SENT, InvitationStatus.ACCEPTED, InvitationStatus.DECLINED]
    since = Invitation.objects.filter(community=community, status__in=waiting).aggregate(
        since=Min("created_at"))["since"]
    if since is None:
        return None
    counts = Invitation.objects.filter(community=community).aggregate(
        waiting=Count("pk", filter=Q(status__in=waiting)),
        failed=Count("pk", filter=Q(status=InvitationStatus.FAILED, claimed_at__gte=since)),
        sent=Count("pk", filter=Q(status__in=answered, sent_at__gte=since)))
    return {**counts, "total": counts["waiting"] + counts["failed"] + counts["sent"]}


# --- At send time (in the worker, inside the row's tenant scope) -------------------------------------


def _load(email):
    invitation = (Invitation.objects.select_related("community", "organisation", "invited_by")
                  .filter(pk=int(email.ref_id)).first())
    if invitation is None:
        raise EmailCancelled("The invitation no longer exists.")
    return invitation


def _content(invitation, token, *, reminder):
    link = f"{settings.SITE_URL}{reverse('invitations:respond', kwargs={'token': token})}"
    context = {"invitation": invitation, "community": invitation.community, "link": link, "reminder": reminder,
               "organisation": invitation.organisation, "inviter": invitation.invited_by,
               "expires_at": invitation.expires_at}
    subject = (f"Reminder: your invitation to join {invitation.community.name}" if reminder
               else f"An invitation to join {invitation.community.name}")
    return ComposedEmail(subject=subject,
                         body_text=render_to_string("email/communities/invitation.txt", context),
                         body_html=render_to_string("email/communities/invitation.html", context))


_STATE_IN_WORDS = {
    InvitationStatus.REVOKED: "was withdrawn", InvitationStatus.ACCEPTED: "was accepted",
    InvitationStatus.DECLINED: "was declined", InvitationStatus.EXPIRED: "has expired",
    InvitationStatus.SENT: "was sent already", InvitationStatus.FAILED: "could not be sent",
}


def compose_invitation(email):
    """Claim the invitation (queued → sending) and write its e-mail with a fresh link. Runs again on each
    retry: each try mints a new token, replacing the hash of the one that was never delivered."""
    invitation = _load(email)
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, status__in=[InvitationStatus.QUEUED, InvitationStatus.SENDING], expires_at__gt=now,
    ).update(status=InvitationStatus.SENDING, claimed_at=now)
    if not claimed:
        state = "has expired" if invitation.expires_at <= now else _STATE_IN_WORDS.get(
            invitation.status, f"is {invitation.get_status_display().lower()}")
        raise EmailCancelled(f"The invitation {state}: there is nothing to send.")
    return _content(invitation, invitation_issue_token(invitation), reminder=False)


def compose_invitations(emails):
    """:func:`compose_invitation` for a batch of rows, in a few queries whatever its size: the invitations
    read in one query, claimed in one update, their fresh tokens' hashes written in one update.
    Returns ``{email.pk: ComposedEmail | EmailCancelled}``."""
    now = timezone.now()
    ids = {email.pk: int(email.ref_id) for email in emails}
    invitations = Invitation.objects.select_related("community", "organisation", "invited_by").in_bulk(
        set(ids.values()))
    claimable = [pk for pk, i in invitations.items()
                 if i.status in (InvitationStatus.QUEUED, InvitationStatus.SENDING) and i.expires_at > now]
    Invitation.objects.filter(
        pk__in=claimable, status__in=[InvitationStatus.QUEUED, InvitationStatus.SENDING], expires_at__gt=now,
    ).update(status=InvitationStatus.SENDING, claimed_at=now)
    # Whoever answered or withdrew one a moment ago won: only the rows claimed now get a link.
    claimed = set(Invitation.objects.filter(pk__in=claimable, status=InvitationStatus.SENDING, claimed_at=now)
                  .values_list("pk", flat=True))
    tokens = {}
    for pk in claimed:
        tokens[pk] = token_new()
        invitations[pk].token_hash, invitations[pk].previous_token_hash = token_hash(tokens[pk]), ""
    Invitation.objects.bulk_update([invitations[pk] for pk in claimed], ["token_hash", "previous_token_hash"])
    results = {}
    for email in emails:
        invitation = invitations.get(ids[email.pk])
        if invitation is None:
            results[email.pk] = EmailCancelled("The invitation no longer exists.")
        elif invitation.pk in claimed:
            try:
                results[email.pk] = _content(invitation, tokens[invitation.pk], reminder=False)
            except Exception as exc:  # noqa: BLE001 - recorded on the row by the outbox
                results[email.pk] = exc
        else:
            latest = Invitation.objects.get(pk=invitation.pk)
            state = "has expired" if latest.expires_at <= now else _STATE_IN_WORDS.get(
                latest.status, f"is {latest.get_status_display().lower()}")
            results[email.pk] = EmailCancelled(f"The invitation {state}: there is nothing to send.")
    return results


compose_invitation.many = compose_invitations


def invitation_emails_outcome(emails, outcome):
    """:func:`invitation_email_outcome` for many rows with the same outcome, in a few updates."""
    by_attempts = {}
    for email in emails:
        by_attempts.setdefault((email.attempts, email.failure_reason), []).append(int(email.ref_id))
    if outcome == "sent":
        Invitation.objects.filter(pk__in=[int(e.ref_id) for e in emails]).update(send_count=F("send_count") + 1)
        sent_at = max((e.sent_at for e in emails if e.sent_at), default=None) or timezone.now()
        for (attempts, _), pks in by_attempts.items():
            Invitation.objects.filter(pk__in=pks, status=InvitationStatus.SENDING).update(
                status=InvitationStatus.SENT, sent_at=sent_at, attempts=attempts, failure_reason="")
        return
    for email in emails:
        invitation_email_outcome(email, outcome)


def invitation_email_outcome(email, outcome):
    """The invitation follows its e-mail: sent, back in the queue (its unsent link withdrawn) or failed."""
    invitation = Invitation.objects.filter(pk=int(email.ref_id))
    if outcome == "sent":
        invitation.update(send_count=F("send_count") + 1)
        # The person may already have answered (the link works from the moment it is written).
        invitation.filter(status=InvitationStatus.SENDING).update(
            status=InvitationStatus.SENT, sent_at=email.sent_at or timezone.now(), attempts=email.attempts,
            failure_reason="")
    elif outcome in ("retry", "deferred"):
        invitation.filter(status=InvitationStatus.SENDING).update(
            status=InvitationStatus.QUEUED, attempts=email.attempts, failure_reason=email.failure_reason,
            token_hash="")
    elif outcome == "failed":
        invitation.filter(status__in=[InvitationStatus.QUEUED, InvitationStatus.SENDING]).update(
            status=InvitationStatus.FAILED, attempts=email.attempts, failure_reason=email.failure_reason,
            token_hash="")


invitation_email_outcome.many = invitation_emails_outcome


def compose_invitation_reminder(email):
    """A reminder before expiry: a new link, and the link of the e-mail before keeps working."""
    invitation = _load(email)
    if invitation.status != InvitationStatus.SENT or invitation.expires_at <= timezone.now():
        raise EmailCancelled("The invitation has been answered, withdrawn or has expired: no reminder is needed.")
    return _content(invitation, invitation_issue_token(invitation, keep_previous=True), reminder=True)


def invitation_reminder_outcome(email, outcome):
    invitation = Invitation.objects.filter(pk=int(email.ref_id))
    if outcome == "sent":
        invitation.update(send_count=F("send_count") + 1)
        return
    if outcome in ("retry", "deferred", "failed"):
        # The reminder's link never left: the link of the e-mail before is the current one again.
        invitation.filter(status=InvitationStatus.SENT).exclude(previous_token_hash="").update(
            token_hash=F("previous_token_hash"), previous_token_hash="")
    if outcome == "failed":
        invitation.update(failure_reason=f"Reminder not sent: {email.failure_reason}"[:500])


# --- The periodic round ------------------------------------------------------------------------------


STUCK_AFTER = timedelta(minutes=15)


def _reconcile_given_up(now):
    """The outbox's own sweep may give up on a row whose worker died while sending it (no outcome hook
    runs then): an invitation claimed long ago whose newest e-mail has failed is marked failed too."""
    stuck = list(Invitation.objects.filter(status__in=[InvitationStatus.QUEUED, InvitationStatus.SENDING],
                                           claimed_at__lt=now - STUCK_AFTER).values_list("pk", flat=True)[:500])
    for pk in stuck:
        latest = (OutgoingEmail.objects.filter(composer=INVITATION_COMPOSER, ref_id=str(pk)).order_by("-pk")
                  .values("status", "failure_reason", "attempts").first())
        if latest and latest["status"] == EmailStatus.FAILED:
            Invitation.objects.filter(pk=pk, status__in=[InvitationStatus.QUEUED, InvitationStatus.SENDING]).update(
                status=InvitationStatus.FAILED, failure_reason=latest["failure_reason"], attempts=latest["attempts"],
                token_hash="")


def invitations_sweep(*, now=None):
    """Every few minutes (all organisations; the caller disables scopes): expire invitations past their
    date, mark failed those whose e-mail the outbox gave up on, and queue the one reminder an unanswered
    invitation gets before it expires. Sending is the outbox's. Returns ``(expired, reminders)`` counts."""
    from cop_platform.tenancy.models import Organisation

    now = now or timezone.now()
    _reconcile_given_up(now)
    with transaction.atomic():
        expired = Invitation.objects.filter(
            status__in=[InvitationStatus.SENT, InvitationStatus.QUEUED], expires_at__lte=now,
        ).update(status=InvitationStatus.EXPIRED)
        due = list(Invitation.objects.select_for_update(skip_locked=True, of=("self",)).filter(
            status=InvitationStatus.SENT, reminded_at__isnull=True,
            expires_at__lte=now + timedelta(days=REMINDER_DAYS_BEFORE_EXPIRY), expires_at__gt=now,
        ).select_related("community"))
        organisations = Organisation.objects.in_bulk({i.organisation_id for i in due})
        for invitation in due:
            organisation = organisations[invitation.organisation_id]
            with scope(organisation=organisation):
                Invitation.objects.filter(pk=invitation.pk).update(reminded_at=now)
                invitation_reminder_queue(organisation=organisation, invitation=invitation)
    return expired, len(due)
