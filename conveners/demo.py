"""Demo calls for HIN (idempotent): an open call for the convener login to apply to; a call under review
with a dozen applications and assignments for panel@hin.example.org (some scored, some not, one with a
conflict declared); a decided earlier round with honoraria part paid. Every person is fictional.

Everything goes through the services, at the time it would have happened (``now=``), so the demo obeys the
call's rules exactly as a person using the site would: applications are drafted and submitted while their
call is open, co-leads and sponsors confirm by the link they would be e-mailed, an industry applicant names
a co-lead from a member organisation, calls move open → closed → under review → decided. Reviewers'
comments say what their scores say."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from cop_platform.accounts.models import User
from cop_platform.tenancy.models import OrganisationMember, Role
from cop_platform.tenancy.services import role_grant

from . import services
from .models import (
    Application,
    Assignment,
    Call,
    CallStatus,
    Criterion,
    Decision,
    HonorariumPayment,
    Lead,
    PaymentStatus,
)
from .services._common import _new_token
from .services.confirmations import confirmation_days

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


def _call(organisation, pm, *, slug, title, opens_at, closes_at, outcome_by):
    """A call created and opened through the services. It opens on its own dates, so calls of past rounds
    take their applications at the time they were made (``now=``) and are then closed in turn."""
    call = services.call_create(
        organisation=organisation, by=pm, title=title, opens_at=opens_at, closes_at=closes_at,
        outcome_by=outcome_by, introduction=("We are looking for people with a passion for a patient-safety "
                                             "practice to convene a community of practice across South London."),
        eligibility="Anyone working in health and care in South London; industry and third-sector applicants "
                    "apply with a co-lead from one of our member organisations.",
        faq=FAQ, suggested_domains="\n".join(DOMAINS[:7]),
        criteria=[{"name": n, "guidance": g, "scale_max": s, "weight": w} for n, g, s, w in RUBRIC])
    # The demo's calls keep short, stable addresses (no service renames a call's address).
    Call.objects.filter(pk=call.pk).update(slug=slug)
    call.refresh_from_db()
    return services.call_set_status(organisation=organisation, by=pm, call=call, status=CallStatus.OPEN)


def _close_for_review(organisation, pm, call, panel):
    services.call_set_status(organisation=organisation, by=pm, call=call, status=CallStatus.CLOSED)
    services.panel_set(organisation=organisation, by=pm, call=call, users=panel)
    return services.call_set_status(organisation=organisation, by=pm, call=call, status=CallStatus.UNDER_REVIEW)


def _open_call(organisation, pm, now):
    _call(organisation, pm, slug="conveners-2026", title="Patient safety conveners 2026",
          opens_at=now - timedelta(days=3), closes_at=now + timedelta(days=40),
          outcome_by=(now + timedelta(days=75)).date())


def _employer(organisation, user):
    member = OrganisationMember.objects.filter(organisation=organisation, user=user) \
        .select_related("member_organisation").first()
    return (member.member_organisation if member else None)


def _lead(organisation, person, *, sector="nhs", employer=None, job_title=None):
    mo = _employer(organisation, person) if sector == "nhs" else None
    return {"name": person.get_full_name(), "email": person.email, "job_title": job_title or person.job_title,
            "employer": employer or (mo.name if mo else "Example NHS Trust"), "sector": sector,
            "member_organisation": mo}


def _confirm_by_link(organisation, record, by):
    """Confirm a co-lead (a ``Lead``) or the sponsor (the ``Application``) as the link in their e-mail would:
    a token whose hash only is stored, accepted by ``confirmation_accept``. No e-mail is sent for the demo."""
    token, digest = _new_token()
    expires = timezone.now() + timedelta(days=confirmation_days())
    prefix = "" if isinstance(record, Lead) else "sponsor_"
    type(record).objects.filter(pk=record.pk).update(**{f"{prefix}token_hash": digest,
                                                        f"{prefix}token_expires_at": expires})
    services.confirmation_accept(organisation=organisation, by=by, token=token)


def _application(organisation, call, person, domain, *, co_lead=None, industry=False, submitted_at):
    """Drafted two days before ``submitted_at``, confirmed by co-lead and sponsor, submitted: all through
    the services and inside the call's window, so every rule of the call is checked as for anyone."""
    lead = (_lead(organisation, person, sector="industry", job_title="Product lead",
                  employer="Brightwave Health Analytics Ltd (fictional)") if industry else _lead(organisation, person))
    co_leads = [_lead(organisation, co_lead)] if co_lead is not None else []
    sponsor = (co_leads or [lead])[0]["employer"]
    application = services.application_create(
        organisation=organisation, by=person, call=call, lead=lead, co_leads=co_leads,
        now=submitted_at - timedelta(days=2), domain=domain, sponsor_organisation=sponsor,
        sponsor_name="Dr Jo Sponsor", sponsor_email="sponsor@people.hin.example.org",
        passion=f"I have worked on {domain.lower()} for years and see the same problems in every ward.",
        core_group="Nurses, pharmacists, doctors and a patient safety partner from three trusts.",
        ways_of_working="Monthly practice exchanges, alternating face to face and online.",
        support_wanted="Help designing the first meeting, and online presence.")
    for record in application.leads.filter(confirmed_at__isnull=True):
        _confirm_by_link(organisation, record, by=co_lead)
    _confirm_by_link(organisation, application, by=None)
    return services.application_submit(organisation=organisation, by=person, application=application,
                                       now=submitted_at)


# What a reviewer writes beside a score of each criterion: (low, middling, high). A low score always comes
# with the criticism that explains it.
COMMENTS = {
    "Passion for the practice": (
        "Little sense of why this matters to the applicant; it reads as a job description, not a passion.",
        "Genuine interest, though the lived experience of the practice is thin.",
        "Clear passion, grounded in years of doing the work and in stories from the ward."),
    "Clarity of the domain": (
        "The domain is vague and too broad to invite a core group; it needs a sharper focus.",
        "A recognisable domain, but its edges are blurred with neighbouring communities.",
        "A crisp domain that others will recognise as their own concern."),
    "Reach across boundaries": (
        "The core group is one profession from one trust; nobody from outside the hospital is named.",
        "Some reach across professions, but patients and primary care are missing.",
        "A core group that crosses professions, organisations and levels, with a patient partner."),
    "A realistic way of working": (
        "No plan for how the group will meet or keep momentum between meetings.",
        "A sensible rhythm of meetings, though sharing practice between them is not yet thought through.",
        "A realistic rhythm with practice exchanges and a plan for keeping momentum."),
}


def _scored(criterion, value):
    """``(value, comment)`` for ``criterion``: the comment says what the score says."""
    low, middling, high = COMMENTS.get(criterion.name, ("Weak.", "Adequate.", "Strong."))
    share = value / criterion.scale_max
    return value, (low if share < 0.5 else middling if share < 0.8 else high)


def _score(organisation, reviewer, assignment, seed_value):
    criteria = list(Criterion.objects.filter(call=assignment.call))
    values = {c.pk: _scored(c, (seed_value + i) % (c.scale_max + 1))
              for i, c in enumerate(criteria)}
    services.assignment_declare_no_conflict(organisation=organisation, by=reviewer, assignment=assignment)
    services.scores_save(organisation=organisation, by=reviewer, assignment=assignment, values=values, submit=True)


def _review_call(organisation, pm, panel, second, people, now):
    call = _call(organisation, pm, slug="spring-round", title="Conveners spring round",
                 opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=10),
                 outcome_by=(now + timedelta(days=20)).date())
    for i, domain in enumerate(DOMAINS):
        _application(organisation, call, people[i], domain, co_lead=people[i + 12] if i % 3 == 0 or i == 5 else None,
                     industry=(i == 5), submitted_at=now - timedelta(days=12))
    call = _close_for_review(organisation, pm, call, (panel, second))
    call = services.call_update(organisation=organisation, by=pm, call=call, review_deadline=(now + timedelta(days=10))
                                .date(), review_reminder_days="7,1")
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
                 opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=370),
                 outcome_by=(now - timedelta(days=340)).date())
    names = ["Medicines Safety", "Duty of Candour", "Medicines Optimisation", "Acute Deterioration", "Delirium",
             "Sepsis"]
    applications, links = [], {}
    for i, domain in enumerate(names):
        application = _application(organisation, call, people[20 + i % 10], domain,
                                   co_lead=people[(i * 3) % 20] if i in (1, 2) else None,
                                   submitted_at=now - timedelta(days=375))
        community = Community.objects.filter(organisation=organisation, name=domain).first()
        if community is not None:
            links[application.pk] = community  # funded: released linked to the existing community
        applications.append(application)
    call = _close_for_review(organisation, pm, call, (panel, second))
    services.assignments_balance(organisation=organisation, by=pm, call=call)
    for n, assignment in enumerate(Assignment.objects.filter(call=call).order_by("pk")):
        _score(organisation, assignment.reviewer, assignment, n)
    for application in applications[:5]:
        services.application_decide(organisation=organisation, by=pm, application=application,
                                    decision=Decision.FUNDED)
    services.application_decide(organisation=organisation, by=pm, application=applications[5],
                                decision=Decision.SUPPORTED)
    services.call_release_outcomes(organisation=organisation, by=pm, call=call, today=call.outcome_by,
                                   communities={pk: c for pk, c in links.items()
                                                if pk in {a.pk for a in applications[:5]}})
    for application in applications[5:]:  # supported: its community already exists
        if application.pk in links:
            Application.objects.filter(pk=application.pk, community=None).update(community=links[application.pk])
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
