"""Services: the one place that changes communities, their membership and their invitations.

Every service takes ``organisation=`` (keyword-only) and refuses records of another organisation:
django-scopes does not guard ``create()`` or forward foreign keys.
"""

from .addresses import ADDRESS_SPLIT, MAX_CSV_BYTES, NAMED_ADDRESS, parse_address_csv, parse_addresses
from .community import (
    MANUAL_STEPS,
    SECTIONS,
    STARTUP_STEPS,
    community_create,
    community_update,
    map_entry_add,
    map_entry_delete,
    startup_step_tick,
    unique_community_slug,
)
from .exchanges import practice_exchange_delete, practice_exchange_update
from .invitations import (
    INVITATION_DAYS,
    MAX_INVITATIONS_AT_ONCE,
    REMINDER_DAYS_BEFORE_EXPIRY,
    STUCK_AFTER,
    TOKEN_SHAPE,
    InvitationBatch,
    InvitationUnusable,
    default_invitation_message,
    invitation_accept,
    invitation_decline,
    invitation_for_token,
    invitation_issue_token,
    invitation_resend,
    invitation_revoke,
    invitations_create,
    invitations_sweep,
    user_owns_address,
)
from .join_requests import join_request_create, join_request_decide
from .journal import journal_entry_add, journal_entry_delete, journal_entry_update
from .library import (
    ALLOWED_UPLOADS,
    MAX_UPLOAD_BYTES,
    OOXML_FOLDER,
    check_upload,
    library_item_add,
    library_item_delete,
    normalise_tags,
)
from .meetings import (
    meeting_ics,
    meeting_notify_members,
    meeting_record,
    meeting_schedule,
    practice_exchange_add,
)
from .members import (
    membership_add,
    membership_leave,
    membership_profile_update,
    membership_remove,
    membership_role_change,
)
from .notifications import notification_preferences_update
from .plan import action_add, action_delete, action_status_change, action_update

__all__ = [
    "ADDRESS_SPLIT",
    "ALLOWED_UPLOADS",
    "INVITATION_DAYS",
    "MANUAL_STEPS",
    "MAX_CSV_BYTES",
    "MAX_INVITATIONS_AT_ONCE",
    "MAX_UPLOAD_BYTES",
    "NAMED_ADDRESS",
    "OOXML_FOLDER",
    "REMINDER_DAYS_BEFORE_EXPIRY",
    "SECTIONS",
    "STARTUP_STEPS",
    "STUCK_AFTER",
    "TOKEN_SHAPE",
    "InvitationBatch",
    "InvitationUnusable",
    "action_add",
    "action_delete",
    "action_status_change",
    "action_update",
    "check_upload",
    "community_create",
    "community_update",
    "default_invitation_message",
    "invitation_accept",
    "invitation_decline",
    "invitation_for_token",
    "invitation_issue_token",
    "invitation_resend",
    "invitation_revoke",
    "invitations_create",
    "invitations_sweep",
    "join_request_create",
    "join_request_decide",
    "journal_entry_add",
    "journal_entry_delete",
    "journal_entry_update",
    "library_item_add",
    "library_item_delete",
    "map_entry_add",
    "map_entry_delete",
    "meeting_ics",
    "meeting_notify_members",
    "meeting_record",
    "meeting_schedule",
    "membership_add",
    "membership_leave",
    "membership_profile_update",
    "membership_remove",
    "membership_role_change",
    "normalise_tags",
    "notification_preferences_update",
    "parse_address_csv",
    "parse_addresses",
    "practice_exchange_add",
    "practice_exchange_delete",
    "practice_exchange_update",
    "startup_step_tick",
    "unique_community_slug",
    "user_owns_address",
]
