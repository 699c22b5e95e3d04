"""Decision letters: one outbox row per person and outcome, written in the transaction that releases the
outcomes (or offers a reserve the award), sent by the worker and swept when the broker was down.

Issue 8 §2 ("Every e-mail durable, once"): a letter sent by a bare task after commit was lost when the
broker was down at release, while the outcomes showed as released. The rows are now part of the release
itself: if the release commits, every letter is in the outbox; ``key`` makes queueing them again a no-op.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from cop_platform.email import email_queue

from ..models import Application, ApplicationStatus, Call, Decision
from ._common import _absolute
from .honoraria import application_shares

LETTER_KIND = "conveners.decision_letter"


def _application_link(organisation, call, application):
    return _absolute(reverse("conveners:application", kwargs={
        "org": organisation.slug, "call": call.slug, "application": application.pk}))


def _letter(*, organisation, call, application, lead, outcome, key, subject, triggered_by, shares=None,
            withheld=0, from_reserve=False):
    context = {"call": call, "application": application, "lead": lead, "outcome": outcome,
               "organisation": organisation, "share_pence": (shares or {}).get(lead, 0), "withheld": withheld,
               "from_reserve": from_reserve, "late": bool(call.release_override_reason) and not from_reserve,
               "link": _application_link(organisation, call, application)}
    return email_queue(organisation=organisation, key=key, to=lead.email, kind=LETTER_KIND, subject=subject,
                       body_text=render_to_string("conveners/letter.txt", context), triggered_by=triggered_by)


def decision_letters_queue(*, organisation, call, by=None):
    """Queue the letter of every applicant and co-lead of a released ``call`` (withdrawn applicants hear
    too), one per person and outcome: ``decision-letter:<application>:<address>``. Call it inside the
    release's transaction; calling it again queues nothing twice. Returns how many letters the call has."""
    if isinstance(call, int):  # a task from before letters were queued in the release names the call by id
        call = Call.objects.filter(pk=call, organisation=organisation).first()
    if call is None or call.organisation_id != organisation.pk or not call.released_at:
        return 0
    applications = (Application.objects.filter(call=call, organisation=organisation)
                    .exclude(status=ApplicationStatus.DRAFT).prefetch_related("leads"))
    letters = 0
    for application in applications:
        shares, withheld = application_shares(application) if application.decision == Decision.FUNDED else ({}, 0)
        outcome = application.decision if application.status == ApplicationStatus.SUBMITTED else "withdrawn"
        for lead in application.leads.all():
            _letter(organisation=organisation, call=call, application=application, lead=lead, outcome=outcome,
                    key=f"decision-letter:{application.pk}:{lead.email.lower()}", triggered_by=by,
                    subject=f"{call.title}: the outcome of your application", shares=shares, withheld=withheld)
            letters += 1
    return letters


def award_offer_letters_queue(*, organisation, by, call, reserve):
    """Tell each lead of a reserve that a declined award is now theirs (decision 6), once per person:
    ``award-offer:<application>:<address>``. Call it inside ``award_decline``'s transaction."""
    shares, withheld = application_shares(reserve)
    for lead in reserve.leads.all():
        _letter(organisation=organisation, call=call, application=reserve, lead=lead, outcome="funded",
                key=f"award-offer:{reserve.pk}:{lead.email.lower()}", triggered_by=by, from_reserve=True,
                subject=f"{call.title}: a funded place for your application", shares=shares, withheld=withheld)
