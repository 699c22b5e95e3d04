"""E-mail for notifications, through the outbox: one e-mail for a ``now`` row, one daily digest for a
person's ``digest`` rows. Both are built when sent (composers), so the unsubscribe link is minted then
and never stored in the outbox."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cop_platform.email import ComposedEmail, EmailCancelled, email_queue, single_line
from cop_platform.tokens import absolute_link

from .links import safe_path, unsubscribe_headers, unsubscribe_link

NOW_COMPOSER = "notifications.now"
DIGEST_COMPOSER = "notifications.digest"
DIGEST_LIMIT = 50  # rows listed in one digest; the rest are counted and wait in the inbox


def notification_email_queue(*, organisation, notification):
    """Queue the e-mail of one ``now`` notification (in the caller's transaction; sent once after commit)."""
    return email_queue(organisation=organisation, key=f"notification:{notification.pk}",
                       to=notification.recipient.email, kind=NOW_COMPOSER, composer=NOW_COMPOSER,
                       ref_id=notification.pk, subject=notification.text[:120])


def _label(kind):
    from . import kind_for

    registered = kind_for(kind)
    return registered.label if registered else "Notification"


def _essential(kind):
    from . import kind_for

    registered = kind_for(kind)
    return bool(registered and registered.essential)


def _footer(organisation, user, community_id, *, essential):
    from . import settings_url_name

    settings_link = absolute_link(reverse(settings_url_name(), kwargs={"org": organisation.slug}))
    if essential:
        return [f"You get this e-mail whatever your settings, because you may need to act on it. "
                f"Your notification settings: {settings_link}"], {}
    link = unsubscribe_link(organisation_id=organisation.pk, user_id=user.pk, community_id=community_id)
    what = "these e-mails from this community" if community_id else "these e-mails"
    return [f"Choose how you hear from each community: {settings_link}",
            f"Stop {what} with one click: {link}"], unsubscribe_headers(link)


def compose_now(email):
    """One notification's e-mail: what happened, its link, and the way out."""
    from cop_platform.models import Notification

    row = Notification.objects.select_related("recipient", "organisation").filter(pk=email.ref_id).first()
    if row is None:
        raise EmailCancelled("The notification no longer exists.")
    path = safe_path(row.url)
    lines = [f"Hello {row.recipient.display_name},", row.text]
    if path:
        lines.append(f"Open it: {absolute_link(path)}")
    footer, headers = _footer(row.organisation, row.recipient, row.community_id, essential=_essential(row.kind))
    body = "\n\n".join([*lines, "—", *footer]) + "\n"
    subject = single_line(f"{_label(row.kind)}: {row.text}", limit=150)
    return ComposedEmail(subject=subject, body_text=body, headers=headers)


def compose_digest(email):
    """A person's daily digest: the ``digest`` rows claimed together (same recipient, same ``emailed_at``
    as the row the outbox names)."""
    from cop_platform.models import Notification

    anchor = Notification.objects.select_related("recipient", "organisation").filter(pk=email.ref_id).first()
    if anchor is None or anchor.emailed_at is None:
        raise EmailCancelled("The notifications of this digest no longer exist.")
    rows = Notification.objects.filter(organisation=anchor.organisation, recipient=anchor.recipient,
                                       email_mode="digest", emailed_at=anchor.emailed_at).order_by("created_at", "id")
    total = rows.count()
    if not total:
        raise EmailCancelled("The notifications of this digest no longer exist.")
    lines = [f"Hello {anchor.recipient.display_name},",
             f"What happened in {anchor.organisation.name} since your last digest:"]
    for row in rows[:DIGEST_LIMIT]:
        path = safe_path(row.url)
        lines.append(f"* {row.text}" + (f"\n  {absolute_link(path)}" if path else ""))
    if total > DIGEST_LIMIT:
        lines.append(f"…and {total - DIGEST_LIMIT} more in your notifications.")
    inbox = absolute_link(reverse("notifications_inbox", kwargs={"org": anchor.organisation.slug}))
    lines.append(f"All your notifications: {inbox}")
    footer, headers = _footer(anchor.organisation, anchor.recipient, None, essential=False)
    body = "\n\n".join([*lines, "—", *footer]) + "\n"
    noun = "update" if total == 1 else "updates"
    subject = f"Your daily digest from {anchor.organisation.name}: {total} {noun}"
    return ComposedEmail(subject=single_line(subject), body_text=body, headers=headers)


def digest_send(*, organisation, recipient_id, now=None):
    """Send ``recipient_id`` ONE e-mail listing their un-e-mailed ``digest`` rows in ``organisation``
    and mark them. The rows are claimed under lock (``skip_locked``) and by a conditional update, in the
    transaction that writes the outbox row: a retry, a second run or a second worker finds nothing left and
    sends nothing; with nothing waiting nothing is sent (never an empty digest). Returns the outbox row
    or ``None``."""
    from cop_platform.models import Notification

    now = now or timezone.now()
    with transaction.atomic():
        waiting = Notification.objects.filter(organisation=organisation, recipient_id=recipient_id,
                                              email_mode="digest", emailed_at__isnull=True)
        ids = list(waiting.select_for_update(skip_locked=True).values_list("pk", flat=True))
        if not ids:
            return None
        claimed = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
        if not claimed:
            return None
        anchor = Notification.objects.select_related("recipient").filter(
            pk__in=ids, emailed_at=now).order_by("-pk").first()
        if anchor is None or not anchor.recipient.is_active or not anchor.recipient.email:
            return None
        return email_queue(organisation=organisation, key=f"notifications-digest:{recipient_id}:{anchor.pk}",
                           to=anchor.recipient.email, kind=DIGEST_COMPOSER, composer=DIGEST_COMPOSER,
                           ref_id=anchor.pk, subject="Your daily digest")


def digests_due():
    """``(organisation_id, recipient_id)`` of everyone with un-e-mailed digest rows (all organisations;
    the caller disables scopes)."""
    from cop_platform.models import Notification

    pending = Notification.objects.filter(email_mode="digest", emailed_at__isnull=True)
    return list(pending.values_list("organisation_id", "recipient_id").distinct().order_by())
