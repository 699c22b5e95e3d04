"""Who may do what in evaluation, built on :mod:`cop_platform.permissions`.

- evaluators and host staff (admins, project managers) work across communities: they read every story,
  re-code steps, help write them and approve them for reports;
- a community's members see its value pages: the stories shared with it (never drafts but their own,
  never another community's unapproved stories);
- members, conveners and core group contribute for their community: they narrate stories and answer the
  pulse after meetings they came to.
"""

from cop_platform.permissions import STAFF_ROLES
from cop_platform.tenancy.models import Role


def is_curator(tenant):
    """Evaluators and host staff: they read, re-code and approve stories across communities."""
    return tenant is not None and tenant.has_role(Role.EVALUATOR, *STAFF_ROLES)


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
