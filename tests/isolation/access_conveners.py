"""Who may open each page of calls for conveners (see access.py).

The crawler's records (tests/conveners/builders.crawler_records): the application is the draft of a
real applicant, a person with no organisation role (tests/isolation/cast.py).
"""

from cop_platform.tenancy.models import Role
from tests.isolation.access import APPLICATION_OWNER, APPLICATION_VIEWER

STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)
APPLICANT = APPLICATION_OWNER
REVIEWER = (Role.PANEL_MEMBER,)

ACCESS = {
    "conveners:calls": "member",
    "conveners:call": "member",
    "conveners:apply": "member",
    "conveners:profile": "member",  # one's own convener interview
    "conveners:profiles": STAFF,
    "conveners:support": STAFF,
    "conveners:application_support": STAFF,
    "conveners:call_create": STAFF,
    "conveners:call_edit": STAFF,
    "conveners:call_status": STAFF,
    "conveners:criteria": STAFF,
    "conveners:criterion_remove": STAFF,
    "conveners:panel": STAFF,
    "conveners:applications": STAFF,
    "conveners:application": APPLICATION_VIEWER,
    "conveners:application_edit": APPLICANT,
    "conveners:application_confirmations": APPLICANT,
    "conveners:application_submit": APPLICANT,
    "conveners:application_withdraw": APPLICANT,
    "conveners:application_copy": APPLICANT,
    "conveners:application_convene": APPLICANT,
    "conveners:application_reviews": STAFF,
    "conveners:application_decide": STAFF,
    "conveners:award_decline": STAFF,
    "conveners:assign": STAFF,
    "conveners:review_digest": STAFF,
    "conveners:assignments": REVIEWER,
    "conveners:review": REVIEWER,
    "conveners:review_conflict": REVIEWER,
    "conveners:review_moderate": STAFF,
    "conveners:ranking": STAFF,
    "conveners:release": STAFF,
    "conveners:honoraria": STAFF,
    "conveners:honoraria_csv": STAFF,
    "conveners:payment_update": STAFF,
}


def url_arguments(tenant, *, community):
    from tests.conveners.builders import crawler_records
    from tests.isolation.cast import cast_of

    return crawler_records(tenant, applicant=cast_of(tenant).applicant)
