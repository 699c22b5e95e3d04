"""Demo calls for HIN (idempotent): an open call for the convener login to apply to; a call under review
with a dozen applications and assignments for panel@hin.example.org (some scored, some not, one with a
conflict declared); a decided earlier round with honoraria part paid. Every person is fictional."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from cop_platform.accounts.models import User
from cop_platform.tenancy.models import OrganisationMember, Role
from cop_platform.tenancy.services import role_grant

from . import services
from .models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    CallStatus,
    Criterion,
    Decision,
    HonorariumPayment,
    Lead,
    PanelMember,
    PaymentStatus,
)

HIN = "hin-south-london"
RUBRIC = [
    ("Passion for the practice", "Energy and commitment for the domain; lived experience of the practice.", 5, 3),
    ("Clarity of the domain", "A first sense of the domain that will invite a core group.", 5, 2),
    ("Reach across boundaries", "The core group crosses professions, organisations and levels.", 5, 2),
    ("A realistic way of working", "How the community will meet, share practice and keep momentum.", 5, 1),
]
DOMAINS = ["Sepsis", "Delirium", "Falls prevention", "Medicines safety in care homes", "Deteriorating patient",
           "Maternity: postpartum haemorrhage", "Duty of candour", "Pressure ulcers", "Safer discharge",
           "Learning from deaths", "Human factors in theatres", "Mental health crisis care"]
FAQ = ("Can I apply to be a convener in more than one domain? Yes: one application per domain.\n"
       "Can two people apply together to co-lead a domain? Yes; the honorarium is split among the co-leads.\n"
       "I am not a director. Can I apply? Yes: anyone with a passion for a practice.\n"
       "I work for industry or the third sector. Can I apply? Yes, with a co-lead from one of our member "
       "organisations; no honorarium is paid to industry partners.")


def seed(*, organisations, stdout):
    organisation = organisations.get(HIN)
    if organisation is None:
        return
    with scope(organisation=organisation):
        pm = User.objects.filter(email="pm@hin.example.org").first()
        panel = User.objects.filter(email="panel@hin.example.org").first()
        people = list(User.objects.filter(email__endswith="@people.hin.example.org").order_by("pk"))
        if pm is None or panel is None or len(people) < 20:
            return
        second = _second_reviewer(organisation)
        now = timezone.now()
        if not Call.objects.filter(organisation=organisation, slug="conveners-2026").exists():
            _open_call(organisation, pm, now)
        if not Call.objects.filter(organisation=organisation, slug="spring-round").exists():
            _review_call(organisation, pm, panel, second, people, now)
        if not Call.objects.filter(organisation=organisation, slug="round-2025").exists():
            _decided_call(organisation, pm, panel, second, people, now)
    stdout.write("Conveners: demo calls ready.")


def _second_reviewer(organisation):
    email = "quentin.marsh@people.hin.example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, first_name="Quentin", last_name="Marsh",
                                        profession="Patient safety lead", job_title="Associate Director of Safety")
    role_grant(organisation=organisation, user=user, role=Role.PANEL_MEMBER)
    return user


def _call(organisation, pm, *, slug, title, status, opens_at, closes_at, outcome_by):
    call = services.call_create(
        organisation=organisation, by=pm, title=title, opens_at=opens_at, closes_at=closes_at,
        outcome_by=outcome_by, introduction=("We are looking for people with a passion for a patient-safety "
                                             "practice to convene a community of practice across South London."),
        eligibility="Anyone working in health and care in South London; industry and third-sector applicants "
                    "apply with a co-lead from one of our member organisations.",
        faq=FAQ, suggested_domains="\n".join(DOMAINS[:7]),
        criteria=[{"name": n, "guidance": g, "scale_max": s, "weight": w} for n, g, s, w in RUBRIC])
    Call.objects.filter(pk=call.pk).update(status=status, slug=slug)
    call.refresh_from_db()
    return call


def _open_call(organisation, pm, now):
    _call(organisation, pm, slug="conveners-2026", title="Patient safety conveners 2026", status=CallStatus.OPEN,
          opens_at=now - timedelta(days=3), closes_at=now + timedelta(days=40),
          outcome_by=(now + timedelta(days=75)).date())


def _employer(organisation, user):
    member = OrganisationMember.objects.filter(organisation=organisation, user=user) \
        .select_related("member_organisation").first()
    return (member.member_organisation if member else None)


def _application(organisation, call, person, domain, *, co_lead=None, industry=False, submitted_at):
    mo = _employer(organisation, person)
    application = Application.objects.create(
        organisation=organisation, call=call, applicant=person, domain=domain, status=ApplicationStatus.SUBMITTED,
        submitted_at=submitted_at, sponsor_organisation=mo.name if mo else "Example Sponsor Trust",
        sponsor_name="Dr Jo Sponsor", sponsor_email="sponsor@people.hin.example.org", sponsor_confirmed_at=submitted_at,
        passion=f"I have worked on {domain.lower()} for years and see the same problems in every ward.",
        core_group="Nurses, pharmacists, doctors and a patient safety partner from three trusts.",
        ways_of_working="Monthly practice exchanges, alternating face to face and online.",
        support_wanted="Help designing the first meeting, and online presence.")
    if industry:
        Lead.objects.create(organisation=organisation, application=application, is_lead=True,
                            name=person.get_full_name(), email=person.email, job_title="Product lead",
                            employer="Brightwave Health Analytics Ltd (fictional)", sector="industry", user=person,
                            confirmed_at=submitted_at)
    else:
        Lead.objects.create(organisation=organisation, application=application, is_lead=True,
                            name=person.get_full_name(), email=person.email, job_title=person.job_title,
                            employer=mo.name if mo else "Example NHS Trust", sector="nhs", member_organisation=mo,
                            user=person, confirmed_at=submitted_at)
    if co_lead is not None:
        co_mo = _employer(organisation, co_lead)
        Lead.objects.create(organisation=organisation, application=application, is_lead=False,
                            name=co_lead.get_full_name(), email=co_lead.email, job_title=co_lead.job_title,
                            employer=co_mo.name if co_mo else "Example NHS Trust", sector="nhs",
                            member_organisation=co_mo, user=co_lead, confirmed_at=submitted_at)
    return application


def _score(organisation, reviewer, assignment, seed_value):
    criteria = list(Criterion.objects.filter(call=assignment.call))
    values = {c.pk: ((seed_value + i) % (c.scale_max + 1), "Clear passion; a well-mapped core group.")
              for i, c in enumerate(criteria)}
    services.scores_save(organisation=organisation, by=reviewer, assignment=assignment, values=values, submit=True)


def _review_call(organisation, pm, panel, second, people, now):
    call = _call(organisation, pm, slug="spring-round", title="Conveners spring round", status=CallStatus.CLOSED,
                 opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=10),
                 outcome_by=(now + timedelta(days=20)).date())
    for user in (panel, second):
        PanelMember.objects.get_or_create(organisation=organisation, call=call, user=user)
    for i, domain in enumerate(DOMAINS):
        _application(organisation, call, people[i], domain, co_lead=people[i + 12] if i % 3 == 0 else None,
                     industry=(i == 5), submitted_at=now - timedelta(days=12))
    services.call_set_status(organisation=organisation, by=pm, call=call, status=CallStatus.UNDER_REVIEW)
    services.assignments_balance(organisation=organisation, by=pm, call=call)
    mine = list(Assignment.objects.filter(call=call, reviewer=panel).order_by("pk"))
    for n, assignment in enumerate(mine[:5]):
        _score(organisation, panel, assignment, n)
    if len(mine) > 6:
        services.assignment_declare_conflict(organisation=organisation, by=panel, assignment=mine[6],
                                             reason="The lead is a close colleague on my own team.")
    for n, assignment in enumerate(Assignment.objects.filter(call=call, reviewer=second).order_by("pk")[:8]):
        _score(organisation, second, assignment, n + 2)


def _decided_call(organisation, pm, panel, second, people, now):
    from communities.models import Community

    call = _call(organisation, pm, slug="round-2025", title="Patient safety conveners 2025",
                 status=CallStatus.CLOSED, opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=370),
                 outcome_by=(now - timedelta(days=340)).date())
    for user in (panel, second):
        PanelMember.objects.get_or_create(organisation=organisation, call=call, user=user)
    names = ["Medicines Safety", "Duty of Candour", "Medicines Optimisation", "Acute Deterioration", "Delirium",
             "Sepsis"]
    applications = []
    for i, domain in enumerate(names):
        application = _application(organisation, call, people[20 + i % 10], domain,
                                   co_lead=people[(i * 3) % 20] if i in (1, 2) else None,
                                   submitted_at=now - timedelta(days=375))
        community = Community.objects.filter(organisation=organisation, name=domain).first()
        if community is not None:
            Application.objects.filter(pk=application.pk).update(community=community)
        applications.append(application)
    services.call_set_status(organisation=organisation, by=pm, call=call, status=CallStatus.UNDER_REVIEW)
    services.assignments_balance(organisation=organisation, by=pm, call=call)
    for n, assignment in enumerate(Assignment.objects.filter(call=call).order_by("pk")):
        _score(organisation, assignment.reviewer, assignment, n)
    for application in applications[:5]:
        services.application_decide(organisation=organisation, by=pm, application=application,
                                    decision=Decision.FUNDED)
    services.application_decide(organisation=organisation, by=pm, application=applications[5],
                                decision=Decision.SUPPORTED)
    services.call_release_outcomes(organisation=organisation, by=pm, call=call, today=call.outcome_by)
    topics = ["Designing the first core-group meeting", "Writing the invitation", "A protocol for practice exchange",
              "Keeping momentum between meetings"]
    for n, application in enumerate(applications):
        application.refresh_from_db()
        for k in range(1 + n % 3):
            services.support_record(organisation=organisation, by=pm, application=application,
                                    held_on=(now - timedelta(days=330 - 30 * k)).date(),
                                    coach="Dr Morgan Rivers (coach)",
                                    kind="coaching" if k % 2 == 0 else "meeting_design", topics=topics[(n + k) % 4])
    lead = Lead.objects.filter(application=applications[0], is_lead=True).first()
    if lead is not None and lead.user_id:
        services.convener_profile_save(
            organisation=organisation, by=lead.user,
            about="A pharmacist who has spent a decade on medicines safety across three trusts.",
            motivation="The same incidents repeated in every organisation, with nobody comparing notes.",
            achievement="Halving omitted doses on our wards by learning from the nurses who never missed one.",
            one_thing="That every ward in South London can ask a peer how they solved it.",
            nhs_change="Safety would travel by conversation between peers, not only by policy.")
    for n, payment in enumerate(HonorariumPayment.objects.filter(call=call).order_by("pk")):
        if n % 3 != 2:
            services.payment_advance(organisation=organisation, by=pm, payment=payment,
                                     status=PaymentStatus.CLAIM_RECEIVED)
        if n % 3 == 0:
            services.payment_advance(organisation=organisation, by=pm, payment=payment, status=PaymentStatus.PAID,
                                     reference=f"HIN-PO-2025-{100 + n}")
