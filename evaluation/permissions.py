"""Who may do what in evaluation. Builds on :mod:`cop_platform.permissions` and the community's own
predicates.

- evaluators and host staff (admins, project managers) work across communities: the evaluation home, the
  library of suggested indicators, each programme's set of value cycles, every community's evidence;
- a community's conveners and core group contribute for their community: its indicators and their values,
  its evidence;
- a community's members (and whoever its conveners opened its pages to) read its value page and its
  evidence; never another community's.
- members, conveners and core group narrate their community's stories and answer the pulse after
  meetings they came to; a community's members see the stories shared with it (never drafts but their own,
  never another community's unapproved stories); evaluators and host staff re-code and approve them.
"""

from communities import permissions as community_permissions
from cop_platform.permissions import STAFF_ROLES
from cop_platform.tenancy.models import Role

EVALUATION_ROLES = (*STAFF_ROLES, Role.EVALUATOR)


def can_evaluate(tenant):
    """Evaluators and host staff: the evaluation home, suggested indicators, programmes' cycle sets."""
    return tenant is not None and tenant.has_role(*EVALUATION_ROLES)


def can_choose_indicators(tenant, membership):
    """The community's conveners and core group (and host staff) choose and record its indicators."""
    return community_permissions.can_run(tenant, membership)


def can_contribute_evidence(tenant, membership):
    """Conveners, core group, evaluators and host staff add, edit and delete a community's evidence."""
    return community_permissions.can_run(tenant, membership) or can_evaluate(tenant)


# --- Stories and the pulse ------------------------------------------------------------------------------

def is_curator(tenant):
    """Evaluators and host staff: they read, re-code and approve stories across communities."""
    return can_evaluate(tenant)


def is_narrator(story, user):
    return story.narrator_id is not None and story.narrator_id == getattr(user, "pk", None)


def can_see_story(tenant, story, user, membership):
    """Narrator and curators always; the community's members when it is usable for the community; people of
    the organisation outside it (pages opened to the organisation) only what may go in its reports."""
    if is_narrator(story, user) or is_curator(tenant):
        return True
    return story.usable_for("community" if membership is not None else "report")


def can_start_story(tenant, membership):
    return membership is not None or is_curator(tenant)


def can_write_steps(tenant, story, user):
    """The narrator while the story is a draft; evaluators and host staff until it is approved."""
    if story.status == "approved":
        return False
    return (is_narrator(story, user) and story.status == "draft") or is_curator(tenant)


def can_see_pulse_results(tenant, membership, can_run):
    return can_run or is_curator(tenant)
