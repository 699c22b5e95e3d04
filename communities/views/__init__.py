"""Community pages. Views are thin: look the community up through the tenant, check permission through
:mod:`communities.permissions`, call one service or selector, render.

The modules are named so that none shadows a view of the same name (``views.meetings`` is the view;
the meeting pages live in ``views.meeting``).
"""

from ._common import community_page
from .community import (
    SECTION_LABELS,
    community_edit,
    community_home,
    community_map,
    directory,
    domain_history,
    map_entry_delete,
    startup_step,
)
from .contributions import (
    action_delete,
    action_edit,
    journal_entry_delete,
    journal_entry_edit,
    practice_exchange_delete,
    practice_exchange_edit,
)
from .conversations import (
    conversation,
    conversation_follow,
    conversation_mentions,
    conversation_moderate,
    conversation_new,
    conversation_post_delete,
    conversation_post_edit,
    conversation_post_hide,
    conversations,
    conversations_follow,
)
from .invitations import (
    invitation_list,
    invitation_remind,
    invitation_resend,
    invitation_respond,
    invitation_revoke,
    invitation_role,
    invite,
)
from .invite_links import (
    invite_link_delete,
    invite_link_edit,
    invite_link_new,
    invite_link_replace,
    invite_link_switch_off,
    invite_links,
)
from .join_links import join_link_continue, join_link_open
from .join_requests import join, join_request_decide
from .learning_journal import journal
from .library_items import library, library_delete, library_download
from .meeting import (
    meeting_cancel,
    meeting_detail,
    meeting_edit,
    meeting_exchange,
    meeting_ics,
    meeting_new,
    meeting_record,
    meetings,
)
from .members import leave, member_directory, member_profile, member_remove, member_role, my_profile
from .momentum_plan import action_status, meeting_action, plan
from .notifications import notification_settings
from .reports import STATE_OF_PLAY_ROLES, state_of_play, state_of_play_csv

__all__ = [
    "SECTION_LABELS",
    "STATE_OF_PLAY_ROLES",
    "action_delete",
    "action_edit",
    "action_status",
    "community_edit",
    "community_home",
    "community_map",
    "community_page",
    "conversation",
    "conversation_follow",
    "conversation_mentions",
    "conversation_moderate",
    "conversation_new",
    "conversation_post_delete",
    "conversation_post_edit",
    "conversation_post_hide",
    "conversations",
    "conversations_follow",
    "directory",
    "domain_history",
    "invitation_list",
    "invitation_remind",
    "invitation_resend",
    "invitation_respond",
    "invitation_revoke",
    "invitation_role",
    "invite",
    "invite_link_delete",
    "invite_link_edit",
    "invite_link_new",
    "invite_link_replace",
    "invite_link_switch_off",
    "invite_links",
    "join",
    "join_link_continue",
    "join_link_open",
    "join_request_decide",
    "journal",
    "journal_entry_delete",
    "journal_entry_edit",
    "leave",
    "library",
    "library_delete",
    "library_download",
    "map_entry_delete",
    "meeting_action",
    "meeting_cancel",
    "meeting_detail",
    "meeting_edit",
    "meeting_exchange",
    "meeting_ics",
    "meeting_new",
    "meeting_record",
    "meetings",
    "member_directory",
    "member_profile",
    "member_remove",
    "member_role",
    "my_profile",
    "notification_settings",
    "plan",
    "practice_exchange_delete",
    "practice_exchange_edit",
    "startup_step",
    "state_of_play",
    "state_of_play_csv",
]
