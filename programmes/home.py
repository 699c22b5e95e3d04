"""What the lifecycle adds to the organisation's home page (registered from ``ProgrammesConfig.ready()``
through :func:`register_lifecycle`): for conveners, the phase of each community they convene with the
brochure's advice; for the host's staff, how many communities are in each phase, each linking to the state
of play filtered by that phase. No query of its own: the communities panel's memberships and counts
(``communities.home``, shared per page) carry what it shows. Also registers the composer of the e-mails
about Transform outcomes."""

from django.utils import timezone

from . import rules
from .selectors.lifecycle import _months_between

MAX_CONVENED = 10


def lifecycle_panel(tenant, user):
    from communities.home import counts_by, home_memberships
    from communities.models import CONVENING_ROLES

    now = timezone.now()
    convening = [m for m in home_memberships(tenant, user) if m.role in CONVENING_ROLES][:MAX_CONVENED]
    yours = []
    for membership in convening:
        community, last_meeting = membership.community, membership.community_last_meeting
        months = (None if last_meeting is None
                  else _months_between(timezone.localdate(last_meeting), timezone.localdate(now)))
        yours.append({"community": community, "phase": rules.phase(membership.community_phase),
                      "advice": rules.phase_advice(membership.community_phase, months_since_meeting=months,
                                                   new_members_last_quarter=membership.community_new_members)})
    panel = {"yours": yours, "phase_counts": None}
    if tenant.is_staff_role:
        counts = counts_by(tenant, "phase")
        panel["phase_counts"] = [(phase, counts.get(phase.key, 0)) for phase in rules.PHASES]
    if not yours and panel["phase_counts"] is None:
        return None
    return panel


def register_lifecycle():
    from cop_platform import registry
    from cop_platform.email import register_composer

    from .services import OUTCOME_COMPOSER, compose_outcome_email

    register_composer(OUTCOME_COMPOSER, compose_outcome_email)
    registry.register_home_panel("programmes.lifecycle", template="programmes/_home_panel.html",
                                 context=lifecycle_panel, order=55)
