"""Services for a person's e-mail preferences."""

from django.db import transaction


@transaction.atomic
def notification_preferences_update(*, organisation, by, meeting_emails):
    """A person turns the non-essential e-mails (new meetings) on or off in this organisation. Invitations,
    their reminders and join decisions are always sent."""
    from ..models import NotificationPreference

    preference, _ = NotificationPreference.objects.get_or_create(organisation=organisation, user=by)
    preference.meeting_emails = bool(meeting_emails)
    preference.save(update_fields=["meeting_emails"])
    return preference
