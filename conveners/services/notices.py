"""Notifications (the inbox) for applicants: the decision on their application, and each confirmation
they were waiting for (a co-lead's, their sponsor's)."""

from cop_platform.notifications import notify

from ..models import Application, ApplicationStatus

DECISION_NOTICE = "conveners.decision"
CONFIRMATION_NOTICE = "conveners.confirmation_received"

# (kind, label, essential): registered in ConvenersConfig.ready().
NOTIFICATION_KINDS = (
    (DECISION_NOTICE, "Decisions on your applications", True),
    (CONFIRMATION_NOTICE, "Confirmations for your applications", False),
)


def decisions_notify(*, organisation, call, by=None):
    """On release, each applicant (and each co-lead with an account) finds the outcome in their inbox.
    Essential, but the decision letter is the e-mail (``decision_letters_queue``): the notification is
    written with ``email_mode="none"`` so nobody gets the outcome twice."""
    applications = (Application.objects.filter(call=call, organisation=organisation)
                    .exclude(status=ApplicationStatus.DRAFT).select_related("applicant", "call")
                    .prefetch_related("leads__user"))
    for application in applications:
        people = [application.applicant, *[lead.user for lead in application.leads.all() if lead.user_id]]
        notify(organisation=organisation, recipients=people, kind=DECISION_NOTICE, email_mode="none",
               text=f"{call.title}: the outcome of your application “{application.domain}” is out",
               url=application.get_absolute_url(), actor=None)


def confirmation_notify(*, organisation, application, who, by=None):
    """Tell the applicant that ``who`` (a co-lead's name, "your sponsor") confirmed their application."""
    notify(organisation=organisation, recipients=[application.applicant], kind=CONFIRMATION_NOTICE,
           text=f"{who} confirmed their part in your application “{application.domain}”",
           url=application.get_absolute_url(), actor=by if getattr(by, "is_authenticated", False) else None)
