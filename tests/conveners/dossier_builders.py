"""An application with everything a dossier shows (fictional people, example.org addresses only)."""

import hashlib
from datetime import timedelta

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conveners.models import ApplicationStatus, ConflictKind, Decision, HonorariumPayment, Score
from conveners.services.letters import LETTER_KIND
from cop_platform.audit import audit_record
from cop_platform.models import EmailStatus, OutgoingEmail
from tests.conveners.builders import add_panel, assign, make_application, make_call
from tests.factories import person_in

LETTER_TEXT = "Dear Ada Example, we are delighted to fund your domain Sepsis."
SCORE_COMMENT = "A strong core group across three wards."
CONFLICT_REASON = "I work with the applicant every day."


def full_application(tenant, *, slug="dossier-call", domain="Sepsis", applicant=None, **fields):
    """A submitted, funded application with a confirmed co-lead, a confirmed sponsor, a scored review, a
    declared conflict, a letter sent, a payment and audit entries."""
    organisation = tenant.organisation
    call = make_call(organisation, slug=slug)
    tag = hashlib.sha256(f"{slug}:{domain}".encode()).hexdigest()[:10]  # the domain may be hostile text
    applicant = applicant or person_in(organisation, email=f"applicant-{tag}@example.org")
    now = timezone.now()
    application = make_application(
        call, applicant, domain=domain, status=ApplicationStatus.SUBMITTED,
        leads=[{"name": "Ada Example", "email": applicant.email, "employer": "Example NHS Trust", "sector": "nhs"},
               {"name": "Cory Colead", "email": f"cory-{tag}@example.org", "employer": "Example Council",
                "sector": "local_authority"}],
        sponsor_confirmed_at=now - timedelta(days=3), support_wanted="Help with a first meeting.", **fields)
    scorer = person_in(organisation, email=f"scorer-{tag}@example.org", first_name="Rhiannon",
                       last_name="Scorer")
    conflicted = person_in(organisation, email=f"conflicted-{tag}@example.org",
                           first_name="Conall", last_name="Conflicted")
    add_panel(call, scorer, conflicted)
    with scopes_disabled():
        review = assign(application, scorer, status="submitted", submitted_at=now - timedelta(days=2))
        for criterion in call.criteria.all():
            Score.objects.create(organisation=organisation, assignment=review, criterion=criterion, value=4,
                                 comment=SCORE_COMMENT)
        assign(application, conflicted, conflict=ConflictKind.DECLARED, conflict_reason=CONFLICT_REASON)
        type(application).objects.filter(pk=application.pk).update(
            decision=Decision.FUNDED, decided_at=now - timedelta(days=1), decided_by=tenant.project_manager)
        lead = application.leads.get(is_lead=True)
        HonorariumPayment.objects.create(organisation=organisation, call=call, application=application, lead=lead,
                                         payee="Ada Example", amount_pence=250000, approved_at=now)
        OutgoingEmail.objects.create(organisation=organisation, key=f"decision-letter:{application.pk}:{lead.email}",
                                     kind=LETTER_KIND, to=lead.email, subject=f"{call.title}: the outcome",
                                     body_text=LETTER_TEXT, status=EmailStatus.SENT, sent_at=now)
    with scope(organisation=organisation):
        audit_record(organisation=organisation, actor=applicant, action="application.submitted", target=application)
        audit_record(organisation=organisation, actor=tenant.project_manager, action="application.decided",
                     target=application, summary="Funded")
        application.refresh_from_db()
    return application
