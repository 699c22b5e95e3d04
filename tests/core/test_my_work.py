"""My work: one page of a person's meetings, actions, reviews and confirmations in an organisation, from
the panels the apps register; its query count does not grow with the data."""

from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from communities.models import MembershipRole
from communities.services import meeting_cancel, meeting_respond, meeting_schedule
from communities.services.plan import action_add
from cop_platform.tenancy.models import Role
from programmes.services import participant_add, session_create
from tests.conveners.builders import add_panel, assign, make_application, make_call
from tests.factories import member_of, person_in
from tests.helpers import assert_queries_flat
from tests.programmes.builders import make_cohort, make_cohort_application

SOON = timezone.now().replace(microsecond=0) + timedelta(days=3)


def _url(tenant):
    return reverse("tenant_my_work", kwargs={"org": tenant.organisation.slug})


def _meeting(tenant, title, *, community=None, days=0):
    org = tenant.organisation
    starts = SOON + timedelta(days=days)
    with scope(organisation=org):
        return meeting_schedule(organisation=org, by=tenant.convener, community=community or tenant.community,
                                title=title, starts_at=starts, ends_at=starts + timedelta(hours=1), place="Room 1")


def _action(tenant, title, owner, *, community=None, status="planned"):
    org = tenant.organisation
    with scope(organisation=org):
        return action_add(organisation=org, by=tenant.convener, community=community or tenant.community, title=title,
                          month=timezone.localdate().replace(day=1), owner=owner, status=status)


def test_my_work_shows_meetings_with_answers_and_own_open_actions(world, client_for):
    a = world.a
    going = _meeting(a, "Sepsis huddle")
    _meeting(a, "Quiet circle only", community=a.unlisted)
    cancelled = _meeting(a, "Called off", days=1)
    _meeting(world.b, "Another tenant's meeting")
    with scope(organisation=a.organisation):
        meeting_respond(organisation=a.organisation, by=a.member, meeting=going, answer="yes")
        meeting_cancel(organisation=a.organisation, by=a.convener, meeting=cancelled)
    _action(a, "Draft the sepsis leaflet", a.member)
    _action(a, "Someone else's action", a.convener)
    _action(a, "Finished already", a.member, status="done")
    page = client_for(a.member).get(_url(a)).content.decode()
    assert "Sepsis huddle" in page and "Yes, I am coming" in page
    assert "Called off" in page and "Cancelled" in page
    assert "Quiet circle only" not in page and "Another tenant" not in page
    assert "Draft the sepsis leaflet" in page
    assert "Someone else&#x27;s action" not in page and "Finished already" not in page
    assert '<a href="/tenant-a/my-work/" class="nhsuk-header__navigation-link"' in page or "My work" in page


def test_my_work_empty_states_are_worded(world, client_for):
    page = client_for(world.a.outsider).get(_url(world.a)).content.decode()
    assert "None of your communities here has a meeting coming up." in page
    assert "You own no open action in a momentum plan here." in page
    assert "Reviews assigned to you" not in page


def test_my_work_escapes_what_people_typed(world, client_for):
    _meeting(world.a, "<script>alert(1)</script>")
    page = client_for(world.a.member).get(_url(world.a)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_reviewer_sees_unfinished_reviews_and_sponsor_their_confirmations(world, client_for):
    a = world.a
    call = make_call(a.organisation)
    add_panel(call, a.panel_member)
    applicant = person_in(a.organisation, email="applicant@tenant-a.example.org")
    application = make_application(call, applicant, domain="Delirium", sponsor_email=a.outsider.email,
                                   sponsor_confirmed_at=None)
    done = make_application(call, person_in(a.organisation), domain="Frailty")
    assign(application, a.panel_member)
    assign(done, a.panel_member, status="submitted")
    page = client_for(a.panel_member).get(_url(a)).content.decode()
    assert "Reviews assigned to you" in page and "Review: Delirium" in page
    assert "Review: Frailty" not in page
    with scope(organisation=a.organisation):
        assignment = application.assignments.get()
    assert reverse("conveners:review", kwargs={"org": a.organisation.slug, "call": call.slug,
                                               "assignment": assignment.pk}) in page
    sponsor_page = client_for(a.outsider).get(_url(a)).content.decode()
    assert "Applications waiting for your confirmation" in sponsor_page
    assert "as sponsor of their application" in sponsor_page
    # The other tenant's My work knows nothing of it.
    member_of(world.b.community, user=a.outsider)
    assert "waiting for your confirmation" not in client_for(a.outsider).get(_url(world.b)).content.decode()


def test_participant_sees_sessions_and_supporter_their_confirmations(world, client_for):
    a = world.a
    org = a.organisation
    programme = make_cohort(org)
    with scope(organisation=org):
        participant_add(organisation=org, by=a.project_manager, programme=programme, user=a.member)
        session_create(organisation=org, by=a.project_manager, programme=programme, kind="welcome",
                       date=timezone.localdate() + timedelta(days=5), starts_at=time(10), ends_at=time(12),
                       notify=False)
    make_cohort_application(programme, a.outsider, confirmed=False, line_manager_email=a.evaluator.email)
    page = client_for(a.member).get(_url(a)).content.decode()
    assert "Your programme sessions" in page and "Welcome session" in page
    manager_page = client_for(a.evaluator).get(_url(a)).content.decode()
    assert "as line manager for their application" in manager_page


def test_my_work_is_for_members_of_the_organisation_only(world, client_for, client):
    assert client_for(world.b.member).get(_url(world.a)).status_code == 404
    anonymous = client.__class__().get(_url(world.a))
    assert anonymous.status_code == 302


def test_my_work_is_in_the_header_between_home_and_communities(world, client_for):
    page = client_for(world.a.member).get(_url(world.a)).content.decode()
    home, mine, communities = (page.index(f'href="{href}"') for href in (
        "/tenant-a/", "/tenant-a/my-work/", "/tenant-a/communities/"))
    assert home < mine < communities
    assert 'aria-current="page"' in page[mine - 200:mine + 200] or "current" in page[mine - 200:mine + 200]


def test_my_work_queries_stay_flat(world, client_for):
    a = world.a
    org = a.organisation
    call = make_call(org)
    add_panel(call, a.member)
    programme = make_cohort(org)
    with scope(organisation=org):
        participant_add(organisation=org, by=a.project_manager, programme=programme, user=a.member)
    member_of(a.unlisted, user=a.member, role=MembershipRole.MEMBER)
    person_in(org, roles=[Role.ADMIN])

    def grow(n):
        for i in range(n):
            meeting = _meeting(a, f"Meeting {n}-{i}", days=i)
            with scope(organisation=org):
                meeting_respond(organisation=org, by=a.member, meeting=meeting, answer="maybe")
            _action(a, f"Action {n}-{i}", a.member, community=a.unlisted if i % 2 else None)
            application = make_application(call, person_in(org), domain=f"Domain {n}-{i}",
                                           sponsor_email=a.member.email, sponsor_confirmed_at=None)
            assign(application, a.member)
            with scope(organisation=org):
                session_create(organisation=org, by=a.project_manager, programme=programme, kind="clinic",
                               date=timezone.localdate() + timedelta(days=i + 1), starts_at=time(9),
                               ends_at=time(10), notify=False)

    grow(2)
    assert_queries_flat(client_for(a.member), _url(a), lambda: grow(18))
