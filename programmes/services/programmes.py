"""Services of programmes and their participants."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record

from ..models import Participant, ParticipantStatus, Programme
from .lifecycle import _check_tenant


def places_left(programme):
    """How many places of a cohort programme are still free (never below zero)."""
    taken = Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED).count()
    return max(programme.places - taken, 0)


@transaction.atomic
def participant_add(*, organisation, by, programme, user, employer="", role_title="", community=None):
    """Make ``user`` a participant of the cohort ``programme`` (the manager's selection, or by hand).

    Refused when the programme is not a cohort, when its places are all taken, or when the person already
    takes part; a withdrawn participant taking part again is allowed while places are free."""
    _check_tenant(organisation, programme, community)
    programme = Programme.objects.select_for_update().get(pk=programme.pk, organisation=organisation)
    if not programme.is_cohort:
        raise ValidationError("Only a cohort programme has participants.")
    existing = Participant.objects.filter(programme=programme, user=user).first()
    if existing is not None and existing.status == ParticipantStatus.SELECTED:
        raise ValidationError(f"{user.get_full_name() or user.email} already takes part in {programme.name}.")
    if places_left(programme) == 0:
        raise ValidationError(f"{programme.name} is full: all {programme.places} places are taken.")
    if existing is not None:
        existing.status = ParticipantStatus.SELECTED
        existing.employer, existing.role_title, existing.community = employer, role_title, community
        existing.save(update_fields=["status", "employer", "role_title", "community"])
        participant = existing
    else:
        participant = Participant.objects.create(organisation=organisation, programme=programme, user=user,
                                                 employer=employer.strip(), role_title=role_title.strip(),
                                                 community=community)
    audit_record(organisation=organisation, actor=by, action="programme.participant_added", target=programme,
                 summary=f"{user.get_full_name() or user.email} takes part")
    return participant
