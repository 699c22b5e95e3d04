"""What calls for conveners do when the core announces an event (connected in ``ConvenersConfig.ready()``)."""

from django.dispatch import receiver

from cop_platform.audit import audit_record
from cop_platform.tenancy.signals import person_removed

from .models import Assignment, AssignmentStatus, CallStatus, PanelMember


@receiver(person_removed, dispatch_uid="conveners.person_removed")
def end_review_work(sender, *, organisation, user, by, **kwargs):
    """A person removed from the organisation can no longer review: on calls not yet decided they leave
    the panel, and their review assignments not yet submitted (with any draft scores) are removed, so the
    project manager sees those applications short of a review and can assign someone else. Submitted
    reviews stay: they are part of the record of how a decision was reached. Applications they made stay
    too (their co-leads and the panel may still rely on them)."""
    open_calls = {"organisation": organisation, "call__status__in": [s for s in CallStatus.values
                                                                    if s != CallStatus.DECIDED]}
    unsubmitted = list(Assignment.objects.filter(reviewer=user, **open_calls)
                       .exclude(status=AssignmentStatus.SUBMITTED).select_related("application"))
    for assignment in unsubmitted:
        audit_record(organisation=organisation, actor=by, action="assignment.removed", target=assignment.application,
                     summary="Unsubmitted review removed: the reviewer was removed from the organisation")
    Assignment.objects.filter(pk__in=[a.pk for a in unsubmitted]).delete()
    PanelMember.objects.filter(user=user, **open_calls).delete()
