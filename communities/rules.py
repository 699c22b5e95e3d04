"""Who may do what in a community, each rule one pure function citing its source.

Sources: issue 8 "Solid ground" (cited as "§1 Convening roles", "§1 Members-only content", "§4") and the
FAQ's description of a community's roles (FAQ §10: conveners cultivate the community, the core group
shares its running). The functions take plain values (role names, booleans), touch no database, and
answer True or False; :mod:`communities.permissions` and the services call them with what they know.
"""

import re

CONVENER = "convener"
CO_CONVENER = "co_convener"
CORE_GROUP = "core_group"
MEMBER = "member"
ROLES = (CONVENER, CO_CONVENER, CORE_GROUP, MEMBER)


def may_change_role(*, by_role, by_is_staff, current, new):
    """May someone whose community role is ``by_role`` (``None`` when not a member) and who is host staff
    or not (``by_is_staff``: the host's admins and project managers) move a member from ``current`` to
    ``new``? ``new=None`` means removing them from the community.

    §1 Convening roles: "Only a convener (or host staff) may change or remove a convener or make someone
    convener; a co-convener cannot demote the convener or promote themselves." So host staff and
    conveners may make any change; a co-convener may change the roles of everyone who is not a convener,
    to any role but convener (themselves included: stepping down is allowed, stepping up is not); the
    core group and members change no one's role (FAQ §10: conveners shape the community).
    """
    if new is not None and new not in ROLES:
        return False
    if current not in ROLES:
        return False
    if by_is_staff or by_role == CONVENER:
        return True
    if by_role == CO_CONVENER:
        return current != CONVENER and new != CONVENER
    return False


def roles_offered(*, by_role, by_is_staff, current):
    """The roles the members page offers for a member now in ``current``: every role the person may
    move them to (their present role always, so the form shows where they are)."""
    return [role for role in ROLES
            if role == current or may_change_role(by_role=by_role, by_is_staff=by_is_staff, current=current,
                                                  new=role)]


def may_read_content(*, is_member, is_staff, is_evaluator, opened_to_organisation):
    """May someone read a community's members-only pages (member directory, journal, meetings and their
    call links and calendar files, library and downloads, momentum plan)?

    §1 Members-only content: "Listed means the community's home (domain, practice, conveners, how to
    join) is visible in the organisation; the rest is for members and host staff unless the conveners
    choose to open it." Evaluators read across communities to collect evidence (README: "evaluators read
    across communities"), so they read as host staff do. ``opened_to_organisation`` is the conveners'
    setting; whether the person may see the community at all is checked before (unlisted → 404).
    """
    return bool(is_member or is_staff or is_evaluator or opened_to_organisation)


def may_edit_contribution(*, by_role, by_is_staff, is_author, is_owner=False):
    """May someone edit or delete a journal entry, a practice exchange or a momentum-plan action?

    §4: "Journal entries, practice exchanges and plan actions can be edited and deleted by whoever may
    (authors, conveners)". The author (who wrote the entry, recorded or shared the exchange, added the
    action) while still a member; conveners and co-conveners; host staff; and for a plan action also its
    owner, who carries it (``is_owner``). ``by_role`` is ``None`` for someone not in the community.
    """
    if by_is_staff or by_role in (CONVENER, CO_CONVENER):
        return True
    if by_role is None:
        return False
    return bool(is_author or is_owner)


DOMAIN_MIN_WORDS = 25


def domain_is_developed(*, statement, written_in_community):
    """Start-up step 1, "Develop the domain" (FAQ §10, the start-up steps): the convener drafts the domain
    and the core group co-defines it, in the community. The statement carried over from a convener's
    application when it is funded is where this starts, not the developed domain (issue 8 §7: a one-line
    statement from the application ticked the step). The step is done once the domain has been written in
    the community (saved from the community's home, which keeps a version by that person) and says enough
    to guide people: at least ``DOMAIN_MIN_WORDS`` words."""
    words = re.findall(r"\w+", statement or "")
    return written_in_community and len(words) >= DOMAIN_MIN_WORDS
