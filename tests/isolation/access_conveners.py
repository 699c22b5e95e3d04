"""Who may open each page of calls for conveners (see access.py).

The crawler's records (tests/conveners/builders.crawler_records): the application is the draft of a
real applicant, a person with no organisation role (tests/isolation/cast.py).
"""

from cop_platform.tenancy.models import Role
from tests.isolation.access import APPLICATION_OWNER, APPLICATION_VIEWER

STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)
APPLICANT = APPLICATION_OWNER
REVIEWER = (Role.PANEL_MEMBER,)

ACCESS = {
    "conveners:calls": "member",
    "conveners:call": "member",
    "conveners:apply": "member",
    "conveners:profile": "member",  # one's own convener interview
    "conveners:profiles": STAFF,
    "conveners:support": STAFF,
    "conveners:application_support": STAFF,
    "conveners:call_create": STAFF,
    "conveners:call_edit": STAFF,
    "conveners:call_status": STAFF,
    "conveners:criteria": STAFF,
    "conveners:criterion_remove": STAFF,
    "conveners:panel": STAFF,
    "conveners:applications": STAFF,
    "conveners:application": APPLICATION_VIEWER,
    "conveners:application_edit": APPLICANT,
    "conveners:application_confirmations": APPLICANT,
    "conveners:application_submit": APPLICANT,
    "conveners:application_withdraw": APPLICANT,
    "conveners:application_copy": APPLICANT,
    "conveners:application_convene": APPLICANT,
    "conveners:application_reviews": STAFF,
    "conveners:application_decide": STAFF,
    "conveners:award_decline": STAFF,
    "conveners:assign": STAFF,
    "conveners:review_digest": STAFF,
    "conveners:assignments": REVIEWER,
    "conveners:review": REVIEWER,
    "conveners:review_conflict": REVIEWER,
    "conveners:review_moderate": STAFF,
    "conveners:ranking": STAFF,
    "conveners:release": STAFF,
    "conveners:honoraria": STAFF,
    "conveners:honoraria_csv": STAFF,
    "conveners:payment_update": STAFF,
}


def url_arguments(tenant, *, community):
    from tests.conveners.builders import crawler_records
    from tests.isolation.cast import cast_of

    return crawler_records(tenant, applicant=cast_of(tenant).applicant)


def grow(tenant, *, community, n):
    """``n`` more calls, and in the crawler's call ``n`` more submitted applications (two leads each, some
    decided and paid), panel members, assignments of the panel member and of the new reviewers with scores,
    support sessions and convener profiles."""
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from conveners.models import (
        Application,
        ApplicationStatus,
        Assignment,
        AssignmentStatus,
        Call,
        CallStatus,
        ConvenerProfile,
        Decision,
        HonorariumPayment,
        Lead,
        PanelMember,
        Score,
        SupportSession,
    )
    from tests.conveners.builders import crawler_records, make_call
    from tests.factories import people_in
    from tests.isolation.cast import cast_of

    org = tenant.organisation
    now = timezone.now()
    crawler_records(tenant, applicant=cast_of(tenant).applicant)
    with scopes_disabled():
        start = Call.objects.filter(organisation=org).count()
    for i in range(n):
        make_call(org, slug=f"grown-call-{start + i}", status=CallStatus.OPEN if i % 2 else CallStatus.CLOSED)
    call = make_call(org, slug="crawler-call")
    applicants = people_in(org, n, label="applicant")
    reviewers = people_in(org, n, label="reviewer")
    with scopes_disabled():
        criteria = list(call.criteria.all())
        applications = Application.objects.bulk_create(
            Application(organisation=org, call=call, applicant=person, domain=f"Domain {person.pk}",
                        status=ApplicationStatus.SUBMITTED, submitted_at=now, sponsor_organisation="Example Trust",
                        passion="Safer care.", decision=Decision.FUNDED if i % 2 else "",
                        decided_at=now if i % 2 else None) for i, person in enumerate(applicants))
        leads = Lead.objects.bulk_create(
            Lead(organisation=org, application=application, is_lead=is_lead, name=f"Lead {application.pk}",
                 email=f"lead-{application.pk}-{int(is_lead)}@example.org", employer="Example NHS Trust",
                 sector="nhs", confirmed_at=now) for application in applications for is_lead in (True, False))
        PanelMember.objects.bulk_create(PanelMember(organisation=org, call=call, user=person) for person in reviewers)
        assignments = Assignment.objects.bulk_create(
            Assignment(organisation=org, call=call, application=application, reviewer=reviewer,
                       status=AssignmentStatus.SUBMITTED, submitted_at=now, no_conflict_declared_at=now)
            for application, other in zip(applications, reviewers, strict=True)
            for reviewer in (tenant.panel_member, other))
        # The crawler's application: reviewed by every new reviewer too, and supported.
        crawler_application = Application.objects.get(call=call, applicant=cast_of(tenant).applicant)
        assignments += Assignment.objects.bulk_create(
            Assignment(organisation=org, call=call, application=crawler_application, reviewer=reviewer,
                       status=AssignmentStatus.SUBMITTED, submitted_at=now, no_conflict_declared_at=now)
            for reviewer in reviewers)
        applications = [*applications, crawler_application]
        Score.objects.bulk_create(Score(organisation=org, assignment=assignment, criterion=criterion, value=3)
                                  for assignment in assignments for criterion in criteria)
        HonorariumPayment.objects.bulk_create(
            HonorariumPayment(organisation=org, call=call, application=lead.application, lead=lead,
                              payee=lead.name, amount_pence=250000) for lead in leads[1::4])
        SupportSession.objects.bulk_create(
            SupportSession(organisation=org, application=application, held_on=timezone.localdate()
                           - timedelta(days=1), coach="Casey Coach", topics="Starting out")
            for application in applications)
        ConvenerProfile.objects.bulk_create(ConvenerProfile(organisation=org, user=person, about="About me")
                                            for person in applicants)
