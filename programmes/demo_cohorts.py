"""Demo programmes for HIN (idempotent; run by ``seed_demo`` through ``programmes/demo.py``):

- the support programme "Patient Safety Communities of Practice 2015–16", with the decided demo call for
  conveners and the communities its funded applications convene;
- the cohort "CoP Leadership Development Programme 2023–24" (seed 004): its 21 standard sessions spread
  from the welcome on 12 September 2023, a dozen fictional participants (the demo people, and the demo
  member login so it can open the portal), attendance at the first sessions, co-consulting groups and a
  material on the welcome session.

Everything goes through the services, as the project manager. Fictional people, example.org addresses only.
"""

from datetime import date

from django_scopes import scope

from cop_platform.accounts.models import User

from . import services
from .models import Programme, Session

HIN = "hin-south-london"
SUPPORT_NAME = "Patient Safety Communities of Practice 2015–16"
COHORT_NAME = "CoP Leadership Development Programme 2023–24"
# Report (seed 004): "health, local government, social care, public health, and higher education
# organisations"; "patient safety, quality, pharmacy, improvement, professional leadership and
# development, and clinical roles".
EMPLOYERS = ["Example Valley NHS Foundation Trust", "Riverside Borough Council", "Northgate University",
             "Example Health Innovation Network", "Hillside Primary Care Network", "Example Carers Trust"]
ROLES = ["Patient safety lead", "Quality improvement manager", "Pharmacist", "Clinical educator",
         "Head of professional development", "Nurse consultant"]


def seed(*, organisations, stdout):
    organisation = organisations.get(HIN)
    if organisation is None:
        return
    with scope(organisation=organisation):
        pm = User.objects.filter(email="pm@hin.example.org").first()
        if pm is None:
            return
        if not Programme.objects.filter(organisation=organisation, name=SUPPORT_NAME).exists():
            _support(organisation, pm)
        if not Programme.objects.filter(organisation=organisation, name=COHORT_NAME).exists():
            _cohort(organisation, pm)
    stdout.write("Programmes: demo support programme and leadership cohort ready.")


def _support(organisation, pm):
    from communities.models import Community
    from conveners import services as call_services
    from conveners.models import Application, Call

    programme = services.programme_create(
        organisation=organisation, by=pm, name=SUPPORT_NAME, kind="support",
        starts_on=date(2015, 4, 1), ends_on=date(2016, 3, 31),
        summary="Funding, training and support for conveners of patient safety communities of practice across "
                "south London: calls for conveners, a convener development day, and help from the HIN team.")
    call = Call.objects.filter(organisation=organisation, slug="round-2025").first()
    community_ids = set()
    if call is not None:
        call_services.call_update(organisation=organisation, by=pm, call=call, programme=programme)
        community_ids = set(Application.objects.filter(call=call, community__isnull=False)
                            .values_list("community_id", flat=True))
    communities = Community.objects.filter(organisation=organisation, pk__in=community_ids) if community_ids else \
        Community.objects.filter(organisation=organisation, visibility="listed").order_by("name")[:3]
    for community in communities:
        services.programme_community_add(organisation=organisation, by=pm, programme=programme, community=community)


def _cohort(organisation, pm):
    programme = services.programme_create(
        organisation=organisation, by=pm, name=COHORT_NAME, kind="cohort",
        starts_on=date(2023, 9, 12), ends_on=date(2024, 6, 30), places=28,
        summary="A free programme for health and care professionals who lead, or plan to lead, a community of "
                "practice: a welcome session, five modules over ten half-day sessions, drop-in coaching "
                "clinics, co-consulting groups and a celebration event.")
    sessions = services.standard_programme_setup(organisation=organisation, by=pm, programme=programme,
                                                 start=date(2023, 9, 12))
    saved = list(Session.objects.filter(programme=programme).order_by("position"))
    if saved:  # before anyone takes part, so the demo queues no e-mails
        services.session_update(organisation=organisation, by=pm, session=saved[0],
                                title="Welcome: getting to know you",
                                facilitators="Example Facilitator, Example Keynote Speaker",
                                description="A virtual half-day to meet each other and the programme.")
        services.material_add(organisation=organisation, by=pm, session=saved[0], title="Liberating Structures",
                              url="https://www.liberatingstructures.com/")
    people = list(User.objects.filter(email__endswith="@people.hin.example.org").order_by("pk")[:11])
    member = User.objects.filter(email="member@hin.example.org").first()
    if member is not None:
        people.append(member)
    participants = [services.participant_add(organisation=organisation, by=pm, programme=programme, user=user,
                                             employer=EMPLOYERS[i % len(EMPLOYERS)], role_title=ROLES[(i // 2) % 6])
                    for i, user in enumerate(people)]
    for n, session in enumerate(saved[:4]):
        services.attendance_record(organisation=organisation, by=pm, session=session,
                                   participant_ids=[p.pk for i, p in enumerate(participants) if (i + n) % 5])
    if participants:
        services.groups_save(organisation=organisation, by=pm, programme=programme,
                             placement=services.groups_propose(programme=programme, group_size=4))
    return programme, sessions
