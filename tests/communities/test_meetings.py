"""Meetings: scheduling with an e-mail to members and an .ics file; the record (attendance, notes, the
practice exchange); actions into the momentum plan; notification settings."""

from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import Action, Attendance, Meeting, Membership, NotificationPreference, PracticeExchange
from cop_platform.models import OutgoingEmail
from tests.factories import CommunityFactory, member_of


def url(tenant, name, community=None, **kwargs):
    community = community or tenant.community
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": community.slug, **kwargs})


def future(days=7):
    return timezone.localdate() + timedelta(days=days)


def schedule_data(**extra):
    return {"title": "Practice exchange on screening", "date": future().isoformat(), "start_time": "14:00",
            "end_time": "15:30", "place": "Room 2, Riverside", "call_link": "https://meet.example.org/sepsis",
            "agenda": "1. Welcome\n2. Practice exchange", **extra}


def past_meeting(tenant, **extra):
    with scopes_disabled():
        return Meeting.objects.create(organisation=tenant.organisation, community=tenant.community, title="Last time",
                                      starts_at=timezone.now() - timedelta(days=3),
                                      ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
                                      place="Room 1", **extra)


def test_schedule_a_meeting_emails_members_once(world, client_for, django_capture_on_commit_callbacks, mailoutbox):
    client = client_for(world.a.convener)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world.a, "meeting_new"), schedule_data())
    assert response.status_code == 302
    with scopes_disabled():
        meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).hour == 14
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.a.convener.email, world.a.member.email])
    assert "Practice exchange on screening" in mailoutbox[0].subject
    with scope(organisation=world.a.organisation):
        services.meeting_notify_members(organisation=world.a.organisation, meeting=meeting)  # a retry
    with scopes_disabled():
        assert OutgoingEmail.objects.count() == 2


def test_member_who_turned_meeting_emails_off_gets_none(world, client_for, django_capture_on_commit_callbacks,
                                                       mailoutbox):
    client = client_for(world.a.member)
    response = client.post(reverse("community_host:notifications", kwargs={"org": world.a.organisation.slug}), {})
    assert response.status_code == 302
    with scopes_disabled():
        assert NotificationPreference.objects.get(user=world.a.member).meeting_emails is False
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.a.convener).post(url(world.a, "meeting_new"), schedule_data())
    assert [m.to[0] for m in mailoutbox] == [world.a.convener.email]


@pytest.mark.parametrize("data,message", [
    ({"end_time": "13:00"}, b"must end after it starts: choose an end time later than 14:00"),
    ({"end_time": "14:00"}, b"must end after it starts"),
    ({"title": "Sepsis\r\nBcc: everyone@example.org"}, b"Write the title on one line"),
    ({"title": "Sepsis\nagain"}, b"Write the title on one line"),
    ({"title": "x" * 201}, b"There is a problem"),
    ({"agenda": "x" * 10001}, b"There is a problem"),
    ({"place": "", "call_link": ""}, b"Say where you will meet"),
    ({"call_link": "javascript:alert(1)"}, b"There is a problem"),
    ({"date": "not-a-date"}, b"There is a problem"),
    ({"title": ""}, b"There is a problem"),
])
def test_bad_meeting_input_is_refused_and_nothing_saved(world, client_for, data, message, mailoutbox):
    response = client_for(world.a.convener).post(url(world.a, "meeting_new"), schedule_data(**data))
    assert response.status_code == 200
    assert message in response.content
    with scopes_disabled():
        assert not Meeting.objects.exists()


def test_plain_member_cannot_schedule(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "meeting_new"), schedule_data())
    assert response.status_code == 403
    with scopes_disabled():
        assert not Meeting.objects.exists()


def test_core_group_member_can_schedule(world, client_for):
    with scopes_disabled():
        Membership.objects.filter(user=world.a.member, community=world.a.community).update(role="core_group")
    response = client_for(world.a.member).post(url(world.a, "meeting_new"), schedule_data())
    assert response.status_code == 302


def test_ics_file_has_the_event_and_its_timezone(world, client_for):
    client_for(world.a.convener).post(url(world.a, "meeting_new"), schedule_data(agenda="<b>Bring</b> cases"))
    with scopes_disabled():
        meeting = Meeting.objects.get()
    response = client_for(world.a.member).get(url(world.a, "meeting_ics", meeting_id=meeting.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    assert "Practice exchange on screening" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Room 2, Riverside"
    assert cal.walk("VTIMEZONE") and "Europe/London" in response.content.decode()
    assert event.decoded("DTSTART").hour == 14


def test_record_attendance_notes_exchange_and_action(world, client_for):
    meeting = past_meeting(world.a)
    client = client_for(world.a.convener)
    response = client.post(url(world.a, "meeting_record", meeting_id=meeting.pk),
                           {"attendees": [world.a.member.pk, world.a.convener.pk], "notes": "Good discussion."})
    assert response.status_code == 302
    response = client.post(url(world.a, "meeting_exchange", meeting_id=meeting.pk), {
        "what": "Sepsis screening tool on the wards", "shared_by": world.a.member.pk,
        "technical": "Paper to e-obs", "cultural": "Night staff felt judged", "challenges": "Time",
        "barriers_overcome": "Huddles", "missing": "Audit data", "help_needed": "An analyst"})
    assert response.status_code == 302
    response = client.post(url(world.a, "meeting_action", meeting_id=meeting.pk), {
        "title": "Share the screening tool", "owner": world.a.member.pk, "month": future(40).strftime("%Y-%m"),
        "status": "planned"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Attendance.objects.filter(meeting=meeting).count() == 2
        assert PracticeExchange.objects.get().shared_by == world.a.member
        action = Action.objects.get()
    assert action.meeting == meeting and action.month.day == 1
    page = client_for(world.a.member).get(url(world.a, "meeting", meeting_id=meeting.pk))
    assert b"Night staff felt judged" in page.content and b"Share the screening tool" in page.content
    plan = client_for(world.a.member).get(url(world.a, "plan"))
    assert b"Share the screening tool" in plan.content
    home = client_for(world.a.member).get(url(world.a, "home"))
    assert b"Share the screening tool" in home.content  # next steps


def test_attendance_of_someone_outside_the_community_is_refused(world, client_for):
    meeting = past_meeting(world.a)
    response = client_for(world.a.convener).post(url(world.a, "meeting_record", meeting_id=meeting.pk),
                                                 {"attendees": [world.b.member.pk], "notes": ""})
    assert response.status_code == 200 and b"There is a problem" in response.content
    with scopes_disabled():
        assert not Attendance.objects.exists()


def test_action_owner_must_be_a_member_and_month_well_formed(world, client_for):
    client = client_for(world.a.convener)
    for data in [{"owner": world.b.member.pk, "month": "2026-12"}, {"owner": "", "month": "December"},
                 {"owner": "", "month": "2026-13"}]:
        response = client.post(url(world.a, "plan"), {"title": "Do it", "status": "planned", **data})
        assert response.status_code == 200 and b"There is a problem" in response.content
    with scopes_disabled():
        assert not Action.objects.exists()


def test_plain_member_cannot_change_the_plan(world, client_for):
    response = client_for(world.a.member).post(url(world.a, "plan"), {"title": "Mine", "month": "2026-12",
                                                                       "status": "planned"})
    assert response.status_code == 403
    with scopes_disabled():
        action = Action.objects.create(organisation=world.a.organisation, community=world.a.community,
                                       title="Theirs", month=future().replace(day=1))
    response = client_for(world.a.member).post(url(world.a, "action_status", action_id=action.pk), {"status": "done"})
    assert response.status_code == 403
    with scopes_disabled():
        assert Action.objects.get().status == "planned"


def test_action_status_change_and_plan_filter(world, client_for):
    with scopes_disabled():
        action = Action.objects.create(organisation=world.a.organisation, community=world.a.community,
                                       title="Finish the audit", month=future().replace(day=1))
    client = client_for(world.a.convener)
    client.post(url(world.a, "action_status", action_id=action.pk), {"status": "done"})
    with scopes_disabled():
        assert Action.objects.get().status == "done"
    assert client.get(url(world.a, "plan"), {"status": "open"}).context["page"].paginator.count == 0
    assert client.get(url(world.a, "plan"), {"status": "done"}).context["page"].paginator.count == 1


def test_meeting_of_another_community_is_404(world, client_for):
    other = CommunityFactory(organisation=world.a.organisation, slug="other")
    member_of(other, user=world.a.convener, role="convener")
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=other, title="Theirs",
                                         starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=1),
                                         place="X")
    assert client_for(world.a.member).get(url(world.a, "meeting", meeting_id=meeting.pk)).status_code == 404


def test_services_refuse_cross_tenant_records(world):
    meeting = past_meeting(world.b)
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError):
        services.practice_exchange_add(organisation=world.a.organisation, by=world.a.convener, meeting=meeting,
                                       what="Leak")


def test_recorded_meeting_ticks_the_initial_conversation(world, client_for):
    from communities import selectors

    meeting = past_meeting(world.a)
    client_for(world.a.convener).post(url(world.a, "meeting_record", meeting_id=meeting.pk), {"notes": "Met"})
    with scope(organisation=world.a.organisation):
        steps = {s["key"]: s["done"] for s in selectors.startup_checklist(community=world.a.community)["steps"]}
    assert steps["conversation"] is True
