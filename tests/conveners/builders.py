"""Builders for calls, applications and reviews (fictional people, example.org addresses only)."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conveners.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    CallStatus,
    Criterion,
    HonorariumPayment,
    Lead,
    PanelMember,
)
from conveners.services import token_hash

FIXTURE_TOKEN = "fixture-confirmation-token"


def make_call(organisation, *, slug="patient-safety-2026", status=CallStatus.OPEN, criteria=2, **fields):
    now = timezone.now()
    values = {"title": "Patient safety conveners 2026", "opens_at": now - timedelta(days=7),
              "closes_at": now + timedelta(days=7), "outcome_by": (now + timedelta(days=30)).date(),
              "suggested_domains": "Sepsis\nDelirium"}
    values.update(fields)
    with scopes_disabled():
        call, created = Call.objects.get_or_create(organisation=organisation, slug=slug,
                                                   defaults={"status": status, **values})
        if created:
            for i in range(criteria):
                Criterion.objects.create(organisation=organisation, call=call, name=f"Criterion {i + 1}",
                                         scale_max=5, weight=i + 1, position=i)
    return call


def make_application(call, applicant, *, domain="Sepsis", status=ApplicationStatus.SUBMITTED, leads=None,
                     sponsor="Example Sponsor Trust", confirmed=True, **fields):
    """``leads``: list of dicts (name, email, employer, sector, member_organisation, ...); the first is the lead."""
    leads = leads or [{"name": "Ada Example", "email": applicant.email, "employer": "Example NHS Trust",
                       "sector": "nhs"}]
    with scopes_disabled():
        values = {"passion": "A passion for safer care.", "core_group": "Ward sisters.",
                  "ways_of_working": "Monthly.", "sponsor_name": "Sam Sponsor", "sponsor_email": "sponsor@example.org"}
        values.update(fields)
        application = Application.objects.create(
            organisation=call.organisation, call=call, applicant=applicant, domain=domain, status=status,
            sponsor_organisation=sponsor,
            submitted_at=timezone.now() if status == ApplicationStatus.SUBMITTED else None, **values)
        for i, data in enumerate(leads):
            Lead.objects.create(organisation=call.organisation, application=application, is_lead=(i == 0),
                                confirmed_at=timezone.now() if confirmed else None, **data)
    return application


def add_panel(call, *users):
    with scopes_disabled():
        for user in users:
            PanelMember.objects.get_or_create(organisation=call.organisation, call=call, user=user)


def assign(application, reviewer, *, declared=True, **fields):
    """An assignment; ``declared``: the reviewer has already declared no conflict of interest (unless the
    assignment carries one), so scores are accepted."""
    if declared and not fields.get("conflict"):
        fields.setdefault("no_conflict_declared_at", timezone.now())
    with scopes_disabled():
        return Assignment.objects.create(organisation=application.organisation, call=application.call,
                                         application=application, reviewer=reviewer, **fields)


def in_scope(organisation):
    return scope(organisation=organisation)


def crawler_records(tenant, *, applicant):
    """The records the crawler's URLs name in ``tenant``: an open call; a draft application by
    ``applicant`` (so the applicant-only pages answer them and refuse everyone else); an assignment of
    the panel member; a payment; a confirmation token."""
    organisation = tenant.organisation
    call = make_call(organisation, slug="crawler-call")
    with scopes_disabled():
        application = Application.objects.filter(call=call, applicant=applicant).first()
    if application is None:
        application = make_application(call, applicant, status=ApplicationStatus.DRAFT,
                                       leads=[{"name": "Pat Applicant", "email": applicant.email,
                                               "employer": "Example NHS Trust", "sector": "nhs"},
                                              {"name": "Cory Colead", "email": "colead@example.org",
                                               "employer": "Example NHS Trust", "sector": "nhs"}],
                                       confirmed=False)
        with scopes_disabled():
            colead = application.leads.get(is_lead=False)
            colead.token_hash = token_hash(FIXTURE_TOKEN)
            colead.token_expires_at = timezone.now() + timedelta(days=14)
            colead.save()
            assignment = assign(application, tenant.panel_member)
            payment = HonorariumPayment.objects.create(
                organisation=organisation, call=call, application=application, lead=colead, payee="Cory Colead",
                amount_pence=250000)
    with scopes_disabled():
        assignment = Assignment.objects.get(application=application, reviewer=tenant.panel_member)
        payment = HonorariumPayment.objects.get(application=application)
        criterion = call.criteria.first()
    return {"call": call.slug, "application": application.pk, "assignment": assignment.pk,
            "payment": payment.pk, "criterion": criterion.pk,
            "confirmation_token": FIXTURE_TOKEN}
