"""Access table for the programmes app's tenant URLs (see tests/isolation/access.py)."""

from cop_platform.tenancy.models import Role
from tests.isolation.access import COHORT_APPLICATION_OWNER, COHORT_APPLICATION_VIEWER, COMMUNITY_MEMBERS

ACCESS = {
    # The lifecycle page reads like the other members-only pages; its forms are guarded within (the
    # check-in for those who run the community, the phase move for conveners and host staff).
    "programmes:lifecycle": COMMUNITY_MEMBERS,
}

# --- participants (applications to a cohort programme) ------------------------------------------------------
# Anyone in the organisation may apply; the applications list, decisions and the participants' list are host
# staff's; an application is its applicant's and staff's to read (anyone else 404), its actions the
# applicant's alone (staff 403). The crawler's application is a draft of the real applicant (cast.py).
_COHORT_STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)
ACCESS.update({
    "programmes:cohort_apply": "member",
    "programmes:cohort_applications": _COHORT_STAFF,
    "programmes:cohort_applications_window": _COHORT_STAFF,
    "programmes:cohort_participants": _COHORT_STAFF,
    "programmes:cohort_application": COHORT_APPLICATION_VIEWER,
    "programmes:cohort_application_edit": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_confirmations": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_submit": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_withdraw": COHORT_APPLICATION_OWNER,
    "programmes:cohort_participant_community": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_decide": _COHORT_STAFF,
})


def _participants_arguments(tenant):
    """The crawler's cohort programme (open for applications) and the real applicant's draft application."""
    from tests.isolation.cast import cast_of
    from tests.programmes.builders import crawler_cohort_records

    return crawler_cohort_records(tenant, applicant=cast_of(tenant).applicant)


def url_arguments(tenant, *, community):
    return {**_participants_arguments(tenant)}
# --- end participants ---------------------------------------------------------------------------------------
