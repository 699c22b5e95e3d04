"""The community's own navigation: the links at the top of each of its pages, each shown only to people
who may open it, with the current one marked."""

from django.urls import reverse

# (key, label, page's URL name, the URL names of the pages that belong to it, who may see it)
# ``convener``: conveners and host staff (the pages ``community_page(convener=True)`` guards); ``members``:
# whoever may read the members-only pages (``community_page(members_only=True)``: members, host staff, or
# the organisation when the conveners opened them); a page of another app is named with its namespace
# (``programmes:lifecycle``); ``all``: everyone who may see the community at all
# (``community_page`` answers 404 to anyone else).
SECTIONS = [
    ("home", "Home", "home", {"home", "edit", "domain_history", "startup_step", "join"}, "all"),
    ("members", "Members", "members", {"members", "member", "member_role", "member_remove", "profile", "leave"},
     "members"),
    ("meetings", "Meetings", "meetings", {"meetings", "meeting_new", "meeting", "meeting_edit", "meeting_cancel",
                                          "meeting_record", "meeting_exchange", "meeting_action",
                                          "practice_exchange_edit", "practice_exchange_delete",
                                          "evaluation:pulse", "evaluation:pulse_results"}, "members"),
    ("conversations", "Conversations", "conversations",
     {"conversations", "conversation_new", "conversations_follow", "conversation_mentions", "conversation",
      "conversation_follow", "conversation_moderate", "conversation_post_edit", "conversation_post_delete",
      "conversation_post_hide"}, "members"),
    ("plan", "Momentum plan", "plan", {"plan", "action_status", "action_edit", "action_delete"}, "members"),
    ("library", "Library", "library", {"library", "library_download", "library_delete"}, "members"),
    ("journal", "Learning journal", "journal", {"journal", "journal_entry_edit", "journal_entry_delete"}, "members"),
    ("lifecycle", "Lifecycle", "programmes:lifecycle", {"programmes:lifecycle"}, "members"),
    ("events", "Events", "programmes:community_events", {"programmes:community_events"}, "members"),
    ("value", "Value", "evaluation:community_value",
     {"evaluation:community_value", "evaluation:indicators", "evaluation:indicator", "evaluation:evidence",
      "evaluation:evidence_edit",
      "evaluation:stories", "evaluation:story_new", "evaluation:story_spine", "evaluation:story",
      "evaluation:story_edit", "evaluation:story_delete", "evaluation:story_follow_up", "evaluation:story_step_add",
      "evaluation:story_step", "evaluation:story_step_delete"}, "members"),
    ("map", "Community map", "map", {"map", "map_entry_delete"}, "convener"),
    ("invitations", "Invitations", "invitations",
     {"invitations", "invite", "invitation_resend", "invitation_revoke", "join_request_decide"}, "convener"),
]


def _may_see(audience, *, can_convene, can_read):
    return (audience == "all" or (audience == "members" and (can_read or can_convene))
            or (audience == "convener" and can_convene))


def community_nav(*, request, community, can_convene, can_read=True):
    """The links for ``community`` as ``request``'s person sees them: ``current`` is ``"page"`` on the
    link to the page itself, ``"true"`` on its section's link from a page inside it (a meeting, say)."""
    match = getattr(request, "resolver_match", None)
    here = None
    if match is not None:
        here = match.url_name if match.namespace == "communities" else f"{match.namespace}:{match.url_name}"
    kwargs = {"org": community.organisation.slug, "slug": community.slug}
    items = []
    for key, label, name, names, audience in SECTIONS:
        if not _may_see(audience, can_convene=can_convene, can_read=can_read):
            continue
        current = "page" if here == name else ("true" if here in names else "")
        url = reverse(name if ":" in name else f"communities:{name}", kwargs=kwargs)
        items.append({"key": key, "label": label, "url": url,
                      "current": current})
    return items
