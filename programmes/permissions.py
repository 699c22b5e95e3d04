"""Who may do what with programmes. Builds on :mod:`cop_platform.permissions`.

- host admins and project managers run programmes (create, sessions, materials, attendance, selection,
  groups, questionnaires, events);
- everyone in the organisation reads the list of programmes and a programme's public page;
- a cohort's portal (session materials, groups, fellow participants) is for its participants taking part
  and host staff only.
"""

from cop_platform.permissions import STAFF_ROLES

from .models import ParticipantStatus


def can_manage_programmes(tenant):
    return tenant is not None and tenant.has_role(*STAFF_ROLES)


def is_participant(participant):
    """``participant`` is the person's :class:`~programmes.models.Participant` row in the programme, or None."""
    return participant is not None and participant.status == ParticipantStatus.SELECTED


def can_use_portal(tenant, participant):
    return is_participant(participant) or can_manage_programmes(tenant)


def can_manage_events(tenant):
    """Cross-community events (Basecamps) are the host's: admins and project managers create, change,
    cancel and record them. Invitees and members of the event's communities read them and answer
    (``programmes.selectors.events.may_see_event``)."""
    return can_manage_programmes(tenant)


def is_cohort_applicant(user, application):
    return application is not None and application.applicant_id == getattr(user, "pk", None)


def can_view_cohort_application(tenant, user, application):
    """An application to a cohort programme is its applicant's and host staff's to read; anyone else is
    answered as if it did not exist."""
    return is_cohort_applicant(user, application) or can_manage_programmes(tenant)
