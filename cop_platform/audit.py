"""The audit trail: one function writes it."""

from cop_platform.models import AuditEvent


def audit_record(*, organisation, actor, action, target=None, summary="", changes=None):
    """Record that ``actor`` did ``action`` (a dotted name such as ``application.submitted``) to
    ``target`` in ``organisation``. ``changes`` is a small JSON-able dict (e.g. ``{"status": ["draft",
    "submitted"]}``); keep personal data out of it beyond what the record needs."""
    if target is not None and getattr(target, "organisation_id", organisation.pk) != organisation.pk:
        raise ValueError("The audited record belongs to another organisation.")
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:250] if target is not None else "",
        summary=summary[:500],
        changes=changes or {},
    )


# The words the audit trail shows for each action (one place; see :func:`action_label`). Written as a person
# would say what happened, in the order of the apps that record them.
ACTION_LABELS = {
    # The organisation, its people and member organisations
    "organisation.updated": "Organisation details changed",
    "member_organisation.updated": "Member organisation added or changed",
    "member_organisation.removed": "Member organisation removed",
    "person.added": "Person added",
    "person.removed": "Person removed from the organisation",
    "role.granted": "Role given",
    "role.revoked": "Role taken away",
    # Communities
    "community.settings_changed": "Community settings changed",
    "community.status_changed": "Community status changed",
    "membership.role_changed": "Member's role changed",
    "membership.removed": "Member removed from the community",
    "membership.left": "Member left the community",
    "invitation.created": "Invitation sent",
    "invitation.resent": "Invitation sent again",
    "invitation.revoked": "Invitation withdrawn",
    "invitation.accepted": "Invitation accepted",
    "invitation.declined": "Invitation declined",
    "join_request.created": "Asked to join",
    "join_request.approved": "Join request approved",
    "join_request.declined": "Join request declined",
    "meeting.scheduled": "Meeting scheduled",
    "meeting.added_afterwards": "Past meeting added",
    "meeting.changed": "Meeting changed",
    "meeting.rescheduled": "Meeting rescheduled",
    "meeting.cancelled": "Meeting cancelled",
    "community.phase_moved": "Community moved to another phase",
    "community.checkin_added": "Lifecycle check-in recorded",
    # Programmes
    "programme.participant_added": "Participant added to a programme",
    "event.created": "Event created and its communities' members invited",
    "event.added_afterwards": "Event that already happened added",
    "event.changed": "Event changed",
    "event.rescheduled": "Event rescheduled",
    "event.cancelled": "Event cancelled",
    "event.deleted": "Event deleted",
    "event.recorded": "Event attendance and notes recorded",
    "programme.created": "Programme created",
    "programme.application_created": "Application to a cohort programme started",
    "programme.application_updated": "Application to a cohort programme changed",
    "programme.application_submitted": "Application to a cohort programme submitted",
    "programme.application_withdrawn": "Application to a cohort programme withdrawn",
    "programme.application_support_requested": "Line manager and employer sponsor asked to confirm support",
    "programme.application_support_confirmed": "Support for a cohort application confirmed",
    "programme.application_support_declined": "Support for a cohort application declined",
    "programme.application_decided": "Cohort application decided",
    "programme.applications_window_set": "Cohort programme's applications opened or closed",
    "programme.participant_community_set": "Participant's community chosen",
    # Programmes: readiness questionnaires
    "questionnaire.created": "Questionnaire created",
    "questionnaire.copied": "Questionnaire copied",
    "questionnaire.changed": "Questionnaire changed",
    "questionnaire.opened": "Questionnaire opened for answers",
    "questionnaire.closed": "Questionnaire closed",
    "questionnaire.deleted": "Questionnaire deleted",
    "questionnaire.question_added": "Question added to a questionnaire",
    "questionnaire.question_changed": "Questionnaire question changed",
    "questionnaire.question_removed": "Question removed from a questionnaire",
    "questionnaire.questions_reordered": "Questionnaire questions reordered",
    "community.outcome_recorded": "Transform outcome recorded (renewed, split, merged, faded or hub)",
    "community.outcome_withdrawn": "Transform outcome withdrawn and the community moved back",
    "programme.updated": "Programme changed",
    "programme.deleted": "Programme deleted",
    "programme.community_added": "Community added to a programme",
    "programme.community_removed": "Community removed from a programme",
    "programme.session_added": "Programme session added",
    "programme.session_changed": "Programme session changed",
    "programme.session_cancelled": "Programme session cancelled",
    "programme.session_deleted": "Programme session deleted",
    "programme.standard_setup": "Standard programme set up",
    "programme.material_added": "Session material added",
    "programme.material_deleted": "Session material removed",
    "programme.attendance_recorded": "Attendance recorded",
    "programme.groups_saved": "Co-consulting groups saved",
    # Evaluation
    "evaluation.cycle_set_changed": "Programme's value cycles changed",
    "evaluation.suggested_indicator_added": "Suggested indicator added",
    "evaluation.suggested_indicator_changed": "Suggested indicator changed",
    "evaluation.suggested_indicator_retired": "Suggested indicator retired",
    "evaluation.indicator_added": "Community indicator chosen",
    "evaluation.indicator_changed": "Community indicator changed",
    "evaluation.indicator_deleted": "Community indicator deleted",
    "evaluation.indicator_value_added": "Indicator value recorded",
    "evaluation.indicator_value_deleted": "Indicator value deleted",
    "evaluation.evidence_added": "Evidence added",
    "evaluation.evidence_changed": "Evidence changed",
    "evaluation.evidence_deleted": "Evidence deleted",
    # Evaluation
    # - stories and the pulse
    "story.created": "Value-creation story started",
    "story.changed": "Value-creation story changed",
    "story.deleted": "Value-creation story deleted",
    "story.status_changed": "Value-creation story moved in its workflow",
    "story.consent_changed": "Consent for a value-creation story changed",
    "story.consent_withdrawn": "Consent for a value-creation story withdrawn",
    "story.step_added": "Step added to a value-creation story",
    "story.step_changed": "Step of a value-creation story changed",
    "story.step_deleted": "Step of a value-creation story deleted",
    "story.step_recoded": "Step of a value-creation story re-coded",
    "pulse.answered": "Pulse feedback given after a meeting",
    # Generated files (PDFs, zips of PDFs)
    "build.requested": "File asked for (PDF or zip)",
    # Calls for conveners
    "call.created": "Call created",
    "call.updated": "Call changed",
    "call.status_changed": "Call status changed",
    "call.panel_changed": "Review panel changed",
    "call.outcomes_released": "Outcomes released",
    "criterion.added": "Scoring criterion added",
    "criterion.removed": "Scoring criterion removed",
    "application.created": "Application started",
    "application.updated": "Application changed",
    "application.confirmations_requested": "Confirmations requested from co-leads and sponsor",
    "application.sponsor_confirmed": "Sponsor confirmed support",
    "lead.confirmed": "Co-lead confirmed",
    "application.submitted": "Application submitted",
    "application.withdrawn": "Application withdrawn",
    "application.decided": "Decision recorded",
    "application.community_created": "Community created for a funded application",
    "application.community_linked": "Funded application linked to an existing community",
    "application.award_declined": "Award declined",
    "assignment.created": "Reviewer assigned",
    "assignment.removed": "Reviewer unassigned",
    "assignment.conflict_flagged": "Conflict of interest found",
    "assignment.conflict_declared": "Conflict of interest declared",
    "assignment.no_conflict_declared": "No conflict of interest declared",
    "assignment.moderated": "Review moderated",
    "score.submitted": "Review submitted",
    "score.changed": "Submitted review changed",
    "payment.approved": "Honorarium payment approved",
    "payment.status_changed": "Honorarium payment moved on",
    "payment.cancelled": "Honorarium payment cancelled",
    "support.recorded": "Support session recorded",
}


def action_label(action):
    """What the audit trail shows for ``action``: its words from :data:`ACTION_LABELS`, or, for an action
    not listed there yet, the code made readable (``journal_entry.deleted`` → "Journal entry deleted")."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    words = " ".join((action or "").replace(".", " ").replace("_", " ").split())
    return words.capitalize() or "Change"
