"""A cohort's portal materials (files and links per session, for its participants), attendance and
co-consulting groups."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record

from .. import rules_cohorts
from ..models import (
    Attendance,
    CoConsultingGroup,
    GroupMember,
    MaterialKind,
    Participant,
    ParticipantStatus,
    Programme,
    SessionMaterial,
)
from .cohorts import _cohort
from .lifecycle import _check_tenant

# --- Portal materials -------------------------------------------------------------------------------------

@transaction.atomic
def material_add(*, organisation, by, session, title, url="", uploaded=None):
    """Add a link or a file to a session's materials (host staff). Files are checked like the community
    library's (size, type, content sniffed), through the library's own
    :func:`communities.services.library.save_link_or_file`."""
    from communities.services.library import save_link_or_file

    _check_tenant(organisation, session)
    material = SessionMaterial(organisation=organisation, session=session, title=(title or "").strip(), added_by=by)
    save_link_or_file(material, url=url, uploaded=uploaded, link_kind=MaterialKind.LINK, file_kind=MaterialKind.FILE,
                      exclude=["organisation", "session", "added_by", "file"])
    audit_record(organisation=organisation, actor=by, action="programme.material_added",
                 target=session.programme, summary=f"{material.title} ({session.name})")
    return material


@transaction.atomic
def material_delete(*, organisation, by, material):
    _check_tenant(organisation, material)
    stored = material.file.name if material.file else ""
    storage = material.file.storage if material.file else None
    audit_record(organisation=organisation, actor=by, action="programme.material_deleted",
                 target=material.session.programme, summary=material.title)
    material.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


# --- Attendance -------------------------------------------------------------------------------------------

@transaction.atomic
def attendance_record(*, organisation, by, session, participant_ids):
    """Record who attended ``session``: exactly the participants in ``participant_ids`` (those taking part
    in the session's programme); anyone else is refused."""
    _check_tenant(organisation, session)
    wanted = {int(pk) for pk in participant_ids}
    valid = set(Participant.objects.filter(programme_id=session.programme_id, organisation=organisation,
                                           status=ParticipantStatus.SELECTED, pk__in=wanted)
                .values_list("pk", flat=True))
    if wanted - valid:
        raise ValidationError("Only the programme's participants can be marked as attending.")
    current = set(Attendance.objects.filter(session=session).values_list("participant_id", flat=True))
    Attendance.objects.filter(session=session, participant_id__in=current - wanted).delete()
    Attendance.objects.bulk_create([Attendance(organisation=organisation, session=session, participant_id=pk,
                                               recorded_by=by) for pk in sorted(wanted - current)])
    audit_record(organisation=organisation, actor=by, action="programme.attendance_recorded",
                 target=session.programme, summary=f"{session.name}: {len(wanted)} attended")
    return len(wanted)


# --- Co-consulting groups ---------------------------------------------------------------------------------

def groups_propose(*, programme, group_size):
    """The proposal for ``programme``'s participants taking part: ``{participant_id: group number}``."""
    problem = rules_cohorts.group_size_problems(group_size)
    if problem:
        raise ValidationError({"group_size": problem})
    people = [(p.pk, p.employer, p.role_title) for p in
              Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED).order_by("pk")]
    return {pk: number for number, group in enumerate(rules_cohorts.propose_groups(people, group_size), start=1)
            for pk in group}


@transaction.atomic
def groups_save(*, organisation, by, programme, placement):
    """Replace ``programme``'s co-consulting groups with ``placement`` (``{participant_id: group number}``,
    every participant taking part placed once, numbers from 1)."""
    _check_tenant(organisation, programme)
    _cohort(programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk, organisation=organisation)
    taking_part = set(Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED)
                      .values_list("pk", flat=True))
    placement = {int(k): int(v) for k, v in placement.items()}
    if set(placement) != taking_part:
        raise ValidationError("Place every participant taking part in a group, and nobody else.")
    if any(number < 1 or number > len(taking_part) for number in placement.values()):
        raise ValidationError("Choose a group for each participant.")
    numbers = sorted(set(placement.values()))
    renumber = {old: new for new, old in enumerate(numbers, start=1)}
    CoConsultingGroup.objects.filter(programme=programme).delete()
    groups = {renumber[n]: CoConsultingGroup.objects.create(organisation=organisation, programme=programme,
                                                            number=renumber[n]) for n in numbers}
    GroupMember.objects.bulk_create([GroupMember(organisation=organisation, group=groups[renumber[n]],
                                                 participant_id=pk) for pk, n in sorted(placement.items())])
    audit_record(organisation=organisation, actor=by, action="programme.groups_saved", target=programme,
                 summary=f"{len(groups)} groups")
    return list(groups.values())
