"""Demo data for applications to the CoP Leadership Development Programme: a handful of fictional people's
applications in different states — a draft waiting for support, one submitted with both supporters
confirmed, one submitted with the line manager waiting, one where the sponsor declined, three selected
(one of them the demo convener login, with their community chosen so its meetings count), one not
selected. Idempotent; everything through the services, as the person who would do it (supporters
confirm by the link their e-mail would carry). Fictional people, example.org addresses only.
``seed(*, organisations, stdout)``, run by ``seed_demo`` after the cohorts
demo that makes the programme (made here through a service if it is not there)."""

from datetime import date, timedelta

from django.utils import timezone
from django_scopes import scope

from cop_platform.accounts.models import User
from cop_platform.models import OutgoingEmail
from cop_platform.tenancy.services import organisation_member_ensure

from . import services
from .models import CohortApplication, Participant, Programme, ProgrammeKind
from .services.participant_confirmations import CONFIRMATION_KIND, compose_supporter_confirmation

HIN = "hin-south-london"
CONVENER_LOGIN = "convener@hin.example.org"
PROGRAMME_NAME = "CoP Leadership Development Programme 2023–24"

# (first, last, employer, role, CoP title, spans organisations, spans professions, what happens)
APPLICANTS = [
    ("Imogen", "Achterberg", "Lewisham and Greenwich NHS Trust", "Frailty nurse consultant",
     "Frailty at home across south-east London", True, True, "selected"),
    ("Tobias", "Ferreira-Lund", "London Borough of Southwark", "Public health principal",
     "Healthy high streets", True, True, "selected"),
    ("Priyanka", "Oduya", "Guy's and St Thomas' NHS Foundation Trust", "Lead pharmacist, older people",
     "Deprescribing together", True, True, "confirmed"),
    ("Declan", "Moorcroft", "South London and Maudsley NHS Foundation Trust", "Peer support worker lead",
     "Peer support across mental health services", False, True, "line_manager_waiting"),
    ("Harriet", "Mbeki-Ross", "Bromley Healthcare", "Community matron", "Leg ulcer care in the community",
     True, False, "sponsor_declined"),
    ("Ansel", "Kowalczyk", "Croydon GP Collaborative", "Practice manager", "Practice managers' network",
     False, False, "not_selected"),
    ("Wren", "Adeyemi-Hart", "Kingston Hospital NHS Foundation Trust", "Occupational therapist",
     "Therapists in discharge", True, True, "draft"),
]


def seed(*, organisations, stdout):
    organisation = organisations.get(HIN)
    if organisation is None:
        return
    with scope(organisation=organisation):
        pm = User.objects.filter(email="pm@hin.example.org").first()
        if pm is None:
            return
        programme = (Programme.objects.filter(organisation=organisation, kind=ProgrammeKind.COHORT,
                                              name=PROGRAMME_NAME).first()
                     or services.programme_create(
                         organisation=organisation, by=pm, name=PROGRAMME_NAME, kind=ProgrammeKind.COHORT,
                         places=28, starts_on=date(2023, 9, 1), ends_on=date(2024, 7, 31)))
        if CohortApplication.objects.filter(programme=programme).exists():
            return
        closes = programme.applications_open_until
        if not programme.accepts_applications(timezone.localdate()):
            services.cohort_applications_window_set(organisation=organisation, by=pm, programme=programme,
                                                    open_until=timezone.localdate() + timedelta(days=21))
        for row in APPLICANTS:
            _apply(organisation, programme, pm, _person(organisation, *row[:3]), *row[2:])
        convener = User.objects.filter(email=CONVENER_LOGIN).first()
        if convener is not None:
            _apply(organisation, programme, pm, convener, "St George's University Hospitals NHS Foundation Trust",
                   "Sepsis nurse specialist", "Sepsis: recognise and respond", True, True, "selected")
            _choose_community(organisation, programme, convener)
        if closes is not None and closes < timezone.localdate():
            services.cohort_applications_window_set(organisation=organisation, by=pm, programme=programme,
                                                    open_until=None)
    stdout.write("Programmes: demo applications to the leadership programme ready.")


def _person(organisation, first, last, employer):
    email = f"{first}.{last}".lower().replace("'", "").replace(" ", "") + "@people.hin.example.org"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=None, first_name=first, last_name=last)
    organisation_member_ensure(organisation=organisation, user=user, employer=employer)
    return user


def _answer(organisation, application, who, *, confirm=True):
    """The supporter answers by the link their e-mail carries (the composer mints it as the worker would)."""
    email = (OutgoingEmail.objects.filter(organisation=organisation, kind=CONFIRMATION_KIND,
                                          ref_id=f"{who}:{application.pk}").order_by("-pk").first())
    token = compose_supporter_confirmation(email).body_text.split("/programme-confirmations/")[1].split("/")[0]
    action = services.supporter_confirm if confirm else services.supporter_decline
    action(organisation=organisation, by=None, token=token)


def _choose_community(organisation, programme, user):
    from communities.models import Community
    from communities.models.membership import CONVENING_ROLES

    community = Community.objects.filter(organisation=organisation, memberships__user=user,
                                         memberships__role__in=CONVENING_ROLES).order_by("pk").first()
    participant = Participant.objects.filter(programme=programme, user=user).first()
    if community is not None and participant is not None:
        services.participant_community_set(organisation=organisation, by=user, participant=participant,
                                           community=community)


def _apply(organisation, programme, pm, user, employer, role, title, orgs, profs, outcome):
    slug = user.email.split("@")[0]
    application = services.cohort_application_create(
        organisation=organisation, by=user, programme=programme, employer=employer, role_title=role, cop_title=title,
        cop_idea=f"{title}: a Community of Practice for everyone whose work touches it, to share what works and "
                 "improve it together.",
        spans_organisations=orgs, spans_organisations_how="Acute, community and council teams." if orgs else "",
        spans_professions=profs, spans_professions_how="Nurses, therapists, pharmacists and GPs." if profs else "",
        commits_to_convene=True, line_manager_name="Alex Linemanager",
        line_manager_email=f"manager.of.{slug}@people.hin.example.org", sponsor_name="Jo Sponsor",
        sponsor_email=f"sponsor.of.{slug}@people.hin.example.org")
    if outcome == "draft":
        return
    services.cohort_application_request_confirmations(organisation=organisation, by=user, application=application)
    if outcome != "line_manager_waiting":
        _answer(organisation, application, "line_manager")
    _answer(organisation, application, "sponsor", confirm=outcome != "sponsor_declined")
    services.cohort_application_submit(organisation=organisation, by=user, application=application)
    if outcome in ("selected", "selected_with_community"):
        services.cohort_application_decide(organisation=organisation, by=pm, application=application, select=True)
    elif outcome == "not_selected":
        services.cohort_application_decide(organisation=organisation, by=pm, application=application, select=False)
