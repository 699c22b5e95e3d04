"""Services for a person's e-mail preferences."""

from django.db import transaction


@transaction.atomic
def notification_preferences_update(*, organisation, by, meeting_emails, arrival_emails=None):
    """A person turns the non-essential e-mails (new meetings; for conveners, someone asking to join or
    accepting an invitation) on or off in this organisation. Invitations, their reminders and join
    decisions are always sent. ``arrival_emails=None`` leaves that setting as it is."""
    from ..models import NotificationPreference

    preference, _ = NotificationPreference.objects.get_or_create(organisation=organisation, user=by)
    preference.meeting_emails = bool(meeting_emails)
    fields = ["meeting_emails"]
    if arrival_emails is not None:
        preference.arrival_emails = bool(arrival_emails)
        fields.append("arrival_emails")
    preference.save(update_fields=fields)
    return preference
