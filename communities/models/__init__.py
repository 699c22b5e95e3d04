"""A community of practice: its Domain, Practice and Community, and the people in it.

Django finds the models through this package: every model is imported here."""

from .community import Community, CommunityStatus, DomainVersion, MapEntry, Visibility
from .conversations import Mention, Post, Thread, ThreadFollow, ThreadRead
from .invitations import (
    ANSWERABLE_STATUSES,
    OPEN_INVITATION_STATUSES,
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
)
from .invite_links import InviteLink
from .library import JournalEntry, LibraryItem, LibraryKind, library_upload_to
from .meetings import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    Attendance,
    Meeting,
    MeetingAnswer,
    MeetingResponse,
    NotificationPreference,
    PracticeExchange,
)
from .membership import CONVENING_ROLES, EmailMode, Membership, MembershipRole, Sector, WorkingRole

__all__ = [
    "ANSWERABLE_STATUSES",
    "Action",
    "EmailMode",
    "ActionStatus",
    "Attendance",
    "CONVENING_ROLES",
    "Community",
    "CommunityStatus",
    "DomainVersion",
    "Invitation",
    "InviteLink",
    "InvitationStatus",
    "JoinRequest",
    "JoinRequestStatus",
    "JournalEntry",
    "LibraryItem",
    "LibraryKind",
    "MapEntry",
    "Meeting",
    "MeetingAnswer",
    "MeetingResponse",
    "Mention",
    "Membership",
    "MembershipRole",
    "NotificationPreference",
    "OPEN_ACTION_STATUSES",
    "OPEN_INVITATION_STATUSES",
    "Post",
    "PracticeExchange",
    "Sector",
    "Thread",
    "ThreadFollow",
    "ThreadRead",
    "Visibility",
    "WorkingRole",
    "library_upload_to",
]
