"""Services for a person's e-mail preferences: the organisation-wide switches and, per community, how
they hear of its activity (at once, a daily digest, or not at all). The core asks
:func:`email_modes_resolve` for the mode of each notification it writes and calls
:func:`email_unsubscribe` from the one-click unsubscribe link."""

from django.db import transaction

from cop_platform.audit import audit_record

from ..models import EmailMode, Membership, NotificationPreference

# Kinds of notification the communities app writes, with their default e-mail mode (until a person
# chooses for a community): conveners hear of requests to join and arrivals at once; conversation traffic
# (replies, mentions, new threads) comes in the daily digest, so a busy community does not flood anyone.
NOTIFICATION_KINDS = (
    ("communities.join_request", "Requests to join a community you convene", EmailMode.NOW),
    ("communities.arrival", "People joining a community you convene", EmailMode.NOW),
    ("communities.reply", "Replies in conversations you follow", EmailMode.DIGEST),
    ("communities.mention", "Someone mentioned you in a conversation", EmailMode.DIGEST),
    ("communities.new_thread", "New conversations in your communities", EmailMode.DIGEST),
)


@transaction.atomic
def notification_preferences_update(*, organisation, by, meeting_emails, arrival_emails=None,
                                    notification_emails=None, community_modes=None):
    """A person turns the non-essential e-mails (new meetings; for conveners, someone asking to join or
    accepting an invitation; activity in their communities) on or off in this organisation, and chooses
    per community how they hear of its activity (``community_modes``: ``{membership_id: mode}``, their own
    memberships only; ``""`` is the default of each kind). Invitations, their reminders, join decisions and
    application decisions are always sent. ``None`` leaves a setting as it is."""
    preference, _ = NotificationPreference.objects.get_or_create(organisation=organisation, user=by)
    preference.meeting_emails = bool(meeting_emails)
    fields = ["meeting_emails"]
    if arrival_emails is not None:
        preference.arrival_emails = bool(arrival_emails)
        fields.append("arrival_emails")
    if notification_emails is not None:
        preference.notification_emails = bool(notification_emails)
        fields.append("notification_emails")
    preference.save(update_fields=fields)
    for membership_id, mode in (community_modes or {}).items():
        if mode not in EmailMode.values and mode != "":
            raise ValueError(f"Unknown e-mail mode {mode!r}")
        Membership.objects.filter(organisation=organisation, user=by, pk=membership_id).update(email_mode=mode)
    return preference


def email_modes_resolve(*, organisation, user_ids, community_id, kind):
    """Each person's e-mail mode for a notification about ``community_id`` (registered with the core):
    ``none`` if they turned activity e-mails off in the organisation, else their choice for that
    community, else ``None`` (the kind's default). Two queries, whatever the number of people."""
    from django_scopes import scope

    with scope(organisation=organisation):
        off = set(NotificationPreference.objects.filter(organisation=organisation, user_id__in=user_ids,
                                                        notification_emails=False).values_list("user_id", flat=True))
        chosen = {}
        if community_id is not None:
            chosen = dict(Membership.objects.filter(organisation=organisation, community_id=community_id,
                                                    user_id__in=user_ids).exclude(email_mode="")
                          .values_list("user_id", "email_mode"))
    return {user_id: EmailMode.NONE if user_id in off else chosen.get(user_id) for user_id in user_ids}


@transaction.atomic
def email_unsubscribe(*, organisation, user, community_id=None):
    """The one-click unsubscribe (no sign-in): that community's activity e-mails off for ``user``, or with
    ``community_id=None`` all their non-essential e-mail in ``organisation`` (meetings, arrivals, activity).
    Repeating it changes nothing more. Essential e-mail still goes."""
    if community_id is not None:
        Membership.objects.filter(organisation=organisation, user=user, community_id=community_id).update(
            email_mode=EmailMode.NONE)
    else:
        preference, _ = NotificationPreference.objects.get_or_create(organisation=organisation, user=user)
        preference.meeting_emails = preference.arrival_emails = preference.notification_emails = False
        preference.save(update_fields=["meeting_emails", "arrival_emails", "notification_emails"])
    audit_record(organisation=organisation, actor=user, action="notifications.unsubscribed", target=None,
                 summary="One community's e-mails" if community_id is not None else "All non-essential e-mails")
