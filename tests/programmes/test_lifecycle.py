"""The lifecycle page and its services: who may read it, record a check-in and move the phase; bad input
refused with a clear message and nothing changed; the signals beside the phase; a flat query count."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Attendance, Meeting, Membership, MembershipRole
from cop_platform.models import AuditEvent
from programmes import services
from programmes.models import CheckIn, PhaseMove
from tests.factories import member_of
from tests.helpers import assert_queries_flat

HOSTILE = '<script>alert("x")</script>'


def page(tenant, community=None):
    return reverse("programmes:lifecycle", kwargs={"org": tenant.organisation.slug,
                                                   "slug": (community or tenant.community).slug})


def move(to="unite", reason="We have met twice and people are starting to trust each other."):
    return {"action": "move", "move-to": to, "move-reason": reason}


def checkin(**overrides):
    data = {"action": "checkin", "checkin-date": "2026-11-02", "checkin-trying_to_do": "Spot sepsis sooner",
            "checkin-how": "Share escalation charts", "checkin-who": "Ward nurses and paramedics",
            "checkin-how_we_know": "Time to antibiotics falls"}
    data.update(overrides)
    return data


def moves(tenant):
    with scopes_disabled():
        return list(PhaseMove.objects.filter(community=tenant.community)
                    .values_list("from_phase", "to_phase", "reason"))


def checkins(tenant):
    with scopes_disabled():
        return CheckIn.objects.filter(community=tenant.community).count()


def test_a_new_community_is_in_discover_with_the_brochures_key_issues(world, client_for):
    text = client_for(world.a.member).get(page(world.a)).content.decode()
    assert "Phase 1: Discover" in text
    assert "establishing the value of the domain to the system as a whole" in text.lower()
    assert "No moves yet" in text and "What are we trying to do?" in text


def test_convener_moves_the_phase_and_the_timeline_shows_who_and_why(world, client_for):
    client = client_for(world.a.convener)
    response = client.post(page(world.a), move(), follow=True)
    text = response.content.decode()
    assert "Phase 2: Unite" in text and "is now in Unite" in text
    timeline = text[text.index('data-testid="timeline"'):]
    assert "Discover → Unite" in timeline and world.a.convener.display_name in timeline
    assert "people are starting to trust each other" in timeline
    assert moves(world.a) == [("discover", "unite", "We have met twice and people are starting to trust each other.")]
    with scopes_disabled():
        assert AuditEvent.objects.filter(organisation=world.a.organisation, action="community.phase_moved").count() == 1


def test_a_move_back_is_recorded_too(world, client_for):
    client = client_for(world.a.project_manager)
    client.post(page(world.a), move("mature", "Two trusts joined"))
    client.post(page(world.a), move("unite", "The new members need to build trust first"))
    assert sorted(m[:2] for m in moves(world.a)) == [("discover", "mature"), ("mature", "unite")]
    text = client.get(page(world.a)).content.decode()
    assert "Phase 2: Unite" in text and "Mature → Unite" in text


@pytest.mark.parametrize(("data", "message"), [
    (move(reason="   "), "Say why the community is moving"),
    (move(to="discover"), "already in Discover"),
    (move(to="flourish"), "Choose one of the five phases"),
])
def test_a_bad_move_is_refused_with_a_clear_message_and_keeps_the_input(world, client_for, data, message):
    response = client_for(world.a.convener).post(page(world.a), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    if data["move-reason"].strip():
        assert data["move-reason"] in text  # what was typed is still there
    assert moves(world.a) == []


def test_core_group_records_a_check_in_and_everyone_who_reads_sees_it(world, client_for):
    core = member_of(world.a.community, role=MembershipRole.CORE_GROUP)
    response = client_for(core).post(page(world.a), checkin(), follow=True)
    assert "The check-in is recorded." in response.content.decode()
    text = client_for(world.a.member).get(page(world.a)).content.decode()
    latest = text[text.index('data-testid="latest-checkin"'):]
    assert "2 November 2026" in latest and "Time to antibiotics falls" in latest
    assert 'data-testid="checkin-form"' not in text and 'data-testid="move-form"' not in text


def test_core_group_sees_the_check_in_form_but_may_not_move_the_phase(world, client_for):
    core = member_of(world.a.community, role=MembershipRole.CORE_GROUP)
    client = client_for(core)
    text = client.get(page(world.a)).content.decode()
    assert 'data-testid="checkin-form"' in text and 'data-testid="move-form"' not in text
    assert client.post(page(world.a), move()).status_code == 403
    assert moves(world.a) == []


def test_a_check_in_with_an_answer_missing_is_refused_and_loses_nothing(world, client_for):
    response = client_for(world.a.convener).post(page(world.a), checkin(**{"checkin-who": " "}))
    text = response.content.decode()
    assert "Say who needs to do it." in text and "Share escalation charts" in text
    assert checkins(world.a) == 0


def test_hostile_html_in_a_reason_and_an_answer_is_shown_as_text(world, client_for):
    client = client_for(world.a.convener)
    client.post(page(world.a), move(reason=HOSTILE))
    client.post(page(world.a), checkin(**{"checkin-how": HOSTILE}))
    text = client.get(page(world.a)).content.decode()
    assert HOSTILE not in text
    assert text.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 2


@pytest.mark.parametrize("data", [move(), checkin()])
def test_a_plain_member_may_read_but_not_change_the_lifecycle(world, client_for, data):
    client = client_for(world.a.member)
    assert client.get(page(world.a)).status_code == 200
    assert client.post(page(world.a), data).status_code == 403
    assert moves(world.a) == [] and checkins(world.a) == 0


@pytest.mark.parametrize("data", [None, move(), checkin()])
def test_someone_outside_the_community_is_refused(world, client_for, data):
    client = client_for(world.a.outsider)
    response = client.get(page(world.a)) if data is None else client.post(page(world.a), data)
    assert response.status_code == 403
    assert moves(world.a) == [] and checkins(world.a) == 0


@pytest.mark.parametrize("data", [None, move(), checkin()])
def test_another_tenants_community_is_not_found(world, client_for, data):
    client = client_for(world.b.convener)
    response = client.get(page(world.a)) if data is None else client.post(page(world.a), data)
    assert response.status_code == 404
    assert moves(world.a) == [] and checkins(world.a) == 0


def test_services_refuse_another_tenants_community(world):
    with scopes_disabled(), pytest.raises(ValidationError):
        services.phase_move(organisation=world.b.organisation, by=world.b.convener, community=world.a.community,
                            to="unite", reason="Because")
    with scopes_disabled(), pytest.raises(ValidationError):
        services.checkin_add(organisation=world.b.organisation, by=world.b.convener, community=world.a.community,
                             date=date(2026, 11, 2), trying_to_do="a", how="b", who="c", how_we_know="d")
    assert moves(world.a) == [] and checkins(world.a) == 0


def test_the_current_phase_is_the_latest_move(world):
    with scopes_disabled():
        services.phase_move(organisation=world.a.organisation, by=world.a.convener, community=world.a.community,
                            to="mature", reason="Grew across trusts")
        services.phase_move(organisation=world.a.organisation, by=world.a.convener, community=world.a.community,
                            to="unite", reason="New members need to build trust")
        assert services.current_phase(world.a.community) == "unite"
    assert sorted(m[:2] for m in moves(world.a)) == [("discover", "mature"), ("mature", "unite")]


def _meeting(tenant, days_ago, attended_by=()):
    start = timezone.now() - timedelta(days=days_ago)
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=tenant.organisation, community=tenant.community,
                                         title="Huddle", starts_at=start, ends_at=start + timedelta(hours=1))
        for user in attended_by:
            Attendance.objects.create(organisation=tenant.organisation, meeting=meeting, user=user)
    return meeting


def _age_members(tenant, days):
    with scopes_disabled():
        Membership.objects.filter(community=tenant.community).update(joined_at=timezone.now() - timedelta(days=days))


def test_steward_quiet_for_four_months_shows_the_rejuvenation_advice(world, client_for):
    _meeting(world.a, days_ago=130)
    _age_members(world.a, 200)
    client = client_for(world.a.convener)
    client.post(page(world.a), move("steward", "Our guidance is used across the region"))
    text = client.get(page(world.a)).content.decode()
    signals = text[text.index('data-testid="signals"'):]
    assert "4 months since the last meeting" in signals
    assert "0 new members in the last three months" in signals
    advice = text[text.index('data-testid="advice"'):]
    assert "a rejuvenation meeting may be in order" in advice
    assert "recruit new people to the core group" in advice


def _evidence(tenant, days_ago):
    from evaluation.models import Evidence

    with scopes_disabled():
        Evidence.objects.create(organisation=tenant.organisation, community=tenant.community, title="Safety huddle "
                                "checklist", date=timezone.localdate() - timedelta(days=days_ago), cycles=["potential"])


def test_steward_that_met_last_month_with_newcomers_gets_no_advice(world, client_for):
    _meeting(world.a, days_ago=35, attended_by=[world.a.convener])  # one of two took part: 50%
    _evidence(world.a, days_ago=20)
    client = client_for(world.a.convener)
    client.post(page(world.a), move("steward", "Our guidance is used across the region"))
    text = client.get(page(world.a)).content.decode()
    assert "1 month since the last meeting" in text
    assert "2 new members in the last three months" in text  # the convener and the member, just joined
    assert "1 item of evidence of value recorded in the last three months" in text
    assert 'data-testid="advice"' not in text
    assert moves(world.a)[0][1] == "steward"  # signals never move the phase


def test_evidence_only_from_before_the_quarter_brings_the_feedback_advice(world, client_for):
    _meeting(world.a, days_ago=35, attended_by=[world.a.convener])
    _evidence(world.a, days_ago=120)
    client = client_for(world.a.convener)
    client.post(page(world.a), move("mature", "Crossing into primary care"))
    text = client.get(page(world.a)).content.decode()
    assert "0 items of evidence of value recorded in the last three months" in text
    advice = text[text.index('data-testid="advice"'):]
    assert "No evidence of value recorded in the last three months" in advice


def test_the_page_stays_flat_with_30_moves_and_30_check_ins(world, client_for):
    def grow():
        with scopes_disabled():
            for n in range(30):
                PhaseMove.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         from_phase="discover", to_phase="unite", reason=f"Reason {n}",
                                         moved_by=member_of(world.a.community))
                CheckIn.objects.create(organisation=world.a.organisation, community=world.a.community,
                                       date=date(2026, 1, 1) + timedelta(days=n), trying_to_do="a", how="b",
                                       who="c", how_we_know="d", added_by=member_of(world.a.community))

    with scopes_disabled():
        PhaseMove.objects.create(organisation=world.a.organisation, community=world.a.community,
                                 from_phase="discover", to_phase="unite", reason="First", moved_by=world.a.member)
        CheckIn.objects.create(organisation=world.a.organisation, community=world.a.community, date=date(2026, 1, 1),
                               trying_to_do="a", how="b", who="c", how_we_know="d", added_by=world.a.member)
    before, _ = assert_queries_flat(client_for(world.a.convener), page(world.a), grow)
    assert before <= 25


def test_an_evaluator_reads_the_lifecycle_but_changes_nothing(world, client_for):
    client = client_for(world.a.evaluator)
    text = client.get(page(world.a)).content.decode()
    assert "Phase 1: Discover" in text
    assert 'data-testid="checkin-form"' not in text and 'data-testid="move-form"' not in text
    assert client.post(page(world.a), move()).status_code == 403
    assert client.post(page(world.a), checkin()).status_code == 403
    assert moves(world.a) == [] and checkins(world.a) == 0


def test_an_unlisted_community_is_not_found_to_a_member_of_the_organisation_outside_it(world, client_for):
    assert client_for(world.a.member).get(page(world.a, world.a.unlisted)).status_code == 404
