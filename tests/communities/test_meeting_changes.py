"""Meetings after they are scheduled: changed, rescheduled and cancelled (with updates and cancellations
a calendar understands), added after they happened, and members saying whether they are coming."""

from datetime import timedelta

import icalendar
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import Meeting, MeetingResponse, NotificationPreference
from cop_platform.models import AuditEvent, OutgoingEmail
from tests.communities.test_meetings import schedule_data, url
from tests.factories import member_of
from tests.helpers import assert_queries_flat


def _schedule(tenant, client, **extra):
    response = client.post(url(tenant, "meeting_new"), schedule_data(**extra))
    assert response.status_code == 302, response.content
    with scopes_disabled():
        return Meeting.objects.latest("pk")


def _emails(kind):
    with scopes_disabled():
        return list(OutgoingEmail.objects.filter(key__contains=f":{kind}:").order_by("to"))


def _answer(tenant, client, meeting, answer):
    return client.post(url(tenant, "meeting", meeting_id=meeting.pk), {"answer": answer})


def _edit_data(meeting, **extra):
    start = timezone.localtime(meeting.starts_at)
    return schedule_data(date=start.date().isoformat(), **extra)


# --- adding a meeting that already happened ---------------------------------------------------------------


def test_meeting_in_the_past_is_added_without_emails_and_goes_to_its_record(world, client_for, mailoutbox,
                                                                              django_capture_on_commit_callbacks):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.a.convener).post(url(world.a, "meeting_new"),
                                                     schedule_data(date=yesterday, place="", call_link=""))
    with scopes_disabled():
        meeting = Meeting.objects.get()
        assert AuditEvent.objects.filter(action="meeting.added_afterwards", target_id=str(meeting.pk)).exists()
    assert response["Location"] == url(world.a, "meeting_record", meeting_id=meeting.pk)
    assert mailoutbox == [] and _emails("scheduled") == []
    response = client_for(world.a.convener).post(url(world.a, "meeting_record", meeting_id=meeting.pk),
                                                 {"attendees": [world.a.member.pk], "notes": "We met."})
    assert response.status_code == 302
    with scopes_disabled():
        assert Meeting.objects.get().recorded_at is not None


# --- changing and rescheduling ------------------------------------------------------------------------------


def test_reschedule_sends_an_update_with_the_same_uid_and_a_higher_sequence(world, client_for):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    before = icalendar.Calendar.from_ical(client.get(url(world.a, "meeting_ics", meeting_id=meeting.pk)).content)
    later = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(url(world.a, "meeting_edit", meeting_id=meeting.pk),
                           schedule_data(date=later, start_time="10:00", end_time="11:00"))
    assert response.status_code == 302
    updates = _emails("updated")
    assert sorted(e.to for e in updates) == sorted([world.a.convener.email, world.a.member.email])
    assert updates[0].subject.startswith("Changed: ") and "10:00 to 11:00" in updates[0].body_text
    after = icalendar.Calendar.from_ical(client.get(url(world.a, "meeting_ics", meeting_id=meeting.pk)).content)
    (old,), (new,) = before.walk("VEVENT"), after.walk("VEVENT")
    assert str(new["UID"]) == str(old["UID"])
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
    assert new.decoded("DTSTART").hour == 10 and new.decoded("DTEND").hour == 11
    with scopes_disabled():
        event = AuditEvent.objects.get(action="meeting.rescheduled")
    assert set(event.changes) == {"starts_at", "ends_at"} and event.actor == world.a.convener


def test_changing_only_the_place_is_audited_as_a_change_and_sends_an_update(world, client_for):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    client.post(url(world.a, "meeting_edit", meeting_id=meeting.pk), _edit_data(meeting, place="Room 9"))
    with scopes_disabled():
        assert AuditEvent.objects.get(action="meeting.changed").changes["place"] == ["Room 2, Riverside", "Room 9"]
    assert len(_emails("updated")) == 2 and "Where: Room 9" in _emails("updated")[0].body_text


def test_saving_without_a_change_sends_nothing(world, client_for):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    response = client.post(url(world.a, "meeting_edit", meeting_id=meeting.pk), _edit_data(meeting))
    assert response.status_code == 302
    assert _emails("updated") == []
    with scopes_disabled():
        assert Meeting.objects.get().sequence == 0


def test_edit_form_starts_from_the_meeting(world, client_for):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    page = client.get(url(world.a, "meeting_edit", meeting_id=meeting.pk)).content.decode()
    assert 'value="Practice exchange on screening"' in page and 'value="14:00"' in page
    assert f'value="{timezone.localtime(meeting.starts_at).date().isoformat()}"' in page


@pytest.mark.parametrize("data,message", [
    ({"date": (timezone.localdate() - timedelta(days=1)).isoformat()}, "Choose a date and time in the future"),
    ({"end_time": "13:59"}, "must end after it starts"),
    ({"title": "New\r\nBcc: all@example.org"}, "Write the title on one line"),
    ({"place": "", "call_link": ""}, "Say where you will meet"),
])
def test_bad_change_is_refused_keeps_what_was_typed_and_changes_nothing(world, client_for, data, message):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    response = client.post(url(world.a, "meeting_edit", meeting_id=meeting.pk),
                           schedule_data(agenda="My new agenda", **data))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "My new agenda" in page
    with scopes_disabled():
        unchanged = Meeting.objects.get()
    assert unchanged.agenda == meeting.agenda and unchanged.sequence == 0
    assert _emails("updated") == []


def test_a_past_meeting_can_be_corrected_without_emails(world, client_for):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client, date=yesterday)
    response = client.post(url(world.a, "meeting_edit", meeting_id=meeting.pk),
                           schedule_data(date=yesterday, title="What we really discussed"))
    assert response.status_code == 302
    with scopes_disabled():
        assert Meeting.objects.get().title == "What we really discussed"
    assert _emails("updated") == []


def test_plain_member_cannot_change_or_cancel(world, client_for):
    meeting = _schedule(world.a, client_for(world.a.convener))
    member = client_for(world.a.member)
    assert member.post(url(world.a, "meeting_edit", meeting_id=meeting.pk),
                       _edit_data(meeting, title="Mine now")).status_code == 403
    assert member.post(url(world.a, "meeting_cancel", meeting_id=meeting.pk)).status_code == 403
    with scopes_disabled():
        meeting = Meeting.objects.get()
    assert meeting.title == "Practice exchange on screening" and not meeting.is_cancelled
    page = member.get(url(world.a, "meeting", meeting_id=meeting.pk)).content.decode()
    assert "Change or reschedule" not in page


def test_services_refuse_a_meeting_of_another_tenant(world):
    with scopes_disabled():
        theirs = Meeting.objects.create(organisation=world.b.organisation, community=world.b.community,
                                        title="Theirs", starts_at=timezone.now() + timedelta(days=2),
                                        ends_at=timezone.now() + timedelta(days=2, hours=1), place="B")
    with scope(organisation=world.a.organisation):
        for call in (lambda: services.meeting_cancel(organisation=world.a.organisation, by=world.a.convener,
                                                     meeting=theirs),
                     lambda: services.meeting_respond(organisation=world.a.organisation, by=world.a.member,
                                                      meeting=theirs, answer="yes"),
                     lambda: services.meeting_update(organisation=world.a.organisation, by=world.a.convener,
                                                     meeting=theirs, title="Mine", starts_at=theirs.starts_at,
                                                     ends_at=theirs.ends_at, place="A")):
            with pytest.raises(Exception, match="another organisation"):
                call()
    with scopes_disabled():
        assert Meeting.objects.get(pk=theirs.pk).title == "Theirs"


def test_database_refuses_a_meeting_that_ends_before_it_starts(world):
    now = timezone.now()
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(organisation=world.a.organisation, community=world.a.community, title="Backwards",
                               starts_at=now, ends_at=now - timedelta(minutes=1), place="Room")


# --- cancelling ---------------------------------------------------------------------------------------------


def test_cancel_tells_those_invited_and_whoever_said_yes_even_with_meeting_emails_off(world, client_for):
    late = member_of(world.a.community, email="late@tenant-a.example.org")
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    assert _answer(world.a, client_for(world.a.member), meeting, "yes").status_code == 302
    assert _answer(world.a, client_for(late), meeting, "maybe").status_code == 302
    with scopes_disabled():
        for user in (world.a.member, late):
            NotificationPreference.objects.create(organisation=world.a.organisation, user=user, meeting_emails=False)
    client = client_for(world.a.convener)  # one test client: sign the convener in again
    page = client.get(url(world.a, "meeting_cancel", meeting_id=meeting.pk))
    assert "the 1 person who said they are coming" in page.content.decode()
    response = client.post(url(world.a, "meeting_cancel", meeting_id=meeting.pk))
    assert response.status_code == 302
    cancellations = _emails("cancelled")
    assert sorted(e.to for e in cancellations) == sorted([world.a.convener.email, world.a.member.email])
    assert cancellations[0].subject.startswith("Cancelled: ")
    with scopes_disabled():
        meeting = Meeting.objects.get()
        assert AuditEvent.objects.filter(action="meeting.cancelled", target_id=str(meeting.pk)).exists()
    assert meeting.is_cancelled and meeting.sequence == 1
    ics = icalendar.Calendar.from_ical(client.get(url(world.a, "meeting_ics", meeting_id=meeting.pk)).content)
    assert str(ics.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    listing = client_for(world.a.member).get(url(world.a, "meetings")).content.decode()
    assert "Cancelled" in listing


def test_cancelled_meeting_cannot_be_changed_cancelled_again_or_answered(world, client_for):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    client.post(url(world.a, "meeting_cancel", meeting_id=meeting.pk))
    again = client.post(url(world.a, "meeting_cancel", meeting_id=meeting.pk))
    assert again.status_code == 200 and "already cancelled" in again.content.decode()
    edit = client.post(url(world.a, "meeting_edit", meeting_id=meeting.pk), _edit_data(meeting, title="Revived"))
    assert edit.status_code == 302
    response = _answer(world.a, client_for(world.a.member), meeting, "yes")
    assert response.status_code == 200 and "This meeting was cancelled" in response.content.decode()
    with scopes_disabled():
        assert Meeting.objects.get().title == "Practice exchange on screening"
        assert not MeetingResponse.objects.exists()
    assert len(_emails("cancelled")) == 2 and _emails("updated") == []


def test_a_meeting_that_has_started_cannot_be_cancelled(world):
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         title="Now", starts_at=timezone.now() - timedelta(minutes=5),
                                         ends_at=timezone.now() + timedelta(hours=1), place="Room")
    with scope(organisation=world.a.organisation), pytest.raises(Exception, match="already started"):
        services.meeting_cancel(organisation=world.a.organisation, by=world.a.convener, meeting=meeting)


# --- are you coming? ----------------------------------------------------------------------------------------


def test_member_says_they_are_coming_then_changes_their_mind(world, client_for):
    meeting = _schedule(world.a, client_for(world.a.convener))
    member = client_for(world.a.member)
    assert _answer(world.a, member, meeting, "yes").status_code == 302
    assert "Your answer: <strong>Yes, I am coming</strong>" in member.get(
        url(world.a, "meeting", meeting_id=meeting.pk)).content.decode()
    assert _answer(world.a, member, meeting, "no").status_code == 302
    with scopes_disabled():
        assert list(MeetingResponse.objects.values_list("user_id", "answer")) == [(world.a.member.pk, "no")]
    page = member.get(url(world.a, "meeting", meeting_id=meeting.pk)).content.decode()
    assert "0 coming · 0 maybe · 1 cannot come" in page
    assert 'data-testid="response-names"' not in page  # members see the counts, conveners the names


def test_conveners_see_who_is_coming_by_name_and_the_count_in_the_list(world, client_for):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    assert _answer(world.a, client_for(world.a.member), meeting, "yes").status_code == 302
    client = client_for(world.a.convener)  # one test client: sign the convener in again
    assert _answer(world.a, client, meeting, "maybe").status_code == 302
    page = client.get(url(world.a, "meeting", meeting_id=meeting.pk))
    names = page.context["responses_by_answer"]
    assert [r.user for r in names["yes"]] == [world.a.member] and [r.user for r in names["maybe"]] == [
        world.a.convener]
    assert world.a.member.display_name in page.content.decode().split('data-testid="response-names"')[1]
    assert "1 coming" in client.get(url(world.a, "meetings")).content.decode()


@pytest.mark.parametrize("answer", ["", "perhaps", "yes" * 100])
def test_an_answer_that_is_not_yes_no_or_maybe_is_refused(world, client_for, answer):
    meeting = _schedule(world.a, client_for(world.a.convener))
    response = _answer(world.a, client_for(world.a.member), meeting, answer)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    with scopes_disabled():
        assert not MeetingResponse.objects.exists()


def test_host_staff_who_are_not_members_cannot_answer(world, client_for):
    meeting = _schedule(world.a, client_for(world.a.convener))
    response = _answer(world.a, client_for(world.a.project_manager), meeting, "yes")
    assert response.status_code == 403
    with scopes_disabled():
        assert not MeetingResponse.objects.exists()


def test_no_answers_after_the_meeting_has_started(world):
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         title="Done", starts_at=timezone.now() - timedelta(days=1),
                                         ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=1), place="R")
    with scope(organisation=world.a.organisation), pytest.raises(Exception, match="already started"):
        services.meeting_respond(organisation=world.a.organisation, by=world.a.member, meeting=meeting, answer="yes")


# --- e-mails carry the calendar file ------------------------------------------------------------------------


def test_calendar_files_for_invitation_update_and_cancellation(world, client_for):
    meeting = _schedule(world.a, client_for(world.a.convener))
    with scope(organisation=world.a.organisation):
        request = icalendar.Calendar.from_ical(services.meeting_ics(meeting, method="REQUEST"))
        services.meeting_cancel(organisation=world.a.organisation, by=world.a.convener, meeting=meeting)
        meeting.refresh_from_db()
        cancel = icalendar.Calendar.from_ical(services.meeting_ics(meeting, method="CANCEL"))
    assert str(request["METHOD"]) == "REQUEST" and str(cancel["METHOD"]) == "CANCEL"
    (first,), (last,) = request.walk("VEVENT"), cancel.walk("VEVENT")
    assert str(first["UID"]) == str(last["UID"]) and int(last["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert str(last["STATUS"]) == "CANCELLED" and "DTEND" in first and "ORGANIZER" in first
    assert request.walk("VTIMEZONE") and cancel.walk("VTIMEZONE")


def test_meeting_emails_attach_their_calendar_file(world, client_for, django_capture_on_commit_callbacks,
                                                   mailoutbox):
    client = client_for(world.a.convener)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _schedule(world.a, client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world.a, "meeting_edit", meeting_id=meeting.pk), _edit_data(meeting, end_time="16:00"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world.a, "meeting_cancel", meeting_id=meeting.pk))
    methods = []
    for message in mailoutbox:
        (name, content, mimetype), = message.attachments
        cal = icalendar.Calendar.from_ical(content)
        methods.append((str(cal["METHOD"]), int(cal.walk("VEVENT")[0]["SEQUENCE"])))
        assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert sorted(methods) == sorted([("REQUEST", 0)] * 2 + [("REQUEST", 1)] * 2 + [("CANCEL", 2)] * 2)


# --- the meetings page stays cheap --------------------------------------------------------------------------


def _grow_meetings(tenant, n, *, past):
    from communities.models import Attendance

    now = timezone.now()
    sign = -1 if past else 1
    with scopes_disabled():
        meetings = Meeting.objects.bulk_create([
            Meeting(organisation=tenant.organisation, community=tenant.community, title=f"Grown {i}",
                    starts_at=now + sign * timedelta(days=i + 1), ends_at=now + sign * timedelta(days=i + 1)
                    + timedelta(hours=1), place="Room", cancelled_at=now if i % 3 == 0 and not past else None)
            for i in range(n)])
        for m in meetings:
            MeetingResponse.objects.create(organisation=tenant.organisation, meeting=m, user=tenant.member,
                                           answer="yes")
            if past:
                Attendance.objects.create(organisation=tenant.organisation, meeting=m, user=tenant.member)


@pytest.mark.parametrize("when", ["upcoming", "past"])
def test_meetings_page_queries_do_not_grow_with_the_meetings(world, client_for, when):
    client = client_for(world.a.member)
    page = reverse("communities:meetings", kwargs={"org": world.a.organisation.slug,
                                                    "slug": world.a.community.slug}) + f"?when={when}"
    _grow_meetings(world.a, 2, past=when == "past")
    before, _ = assert_queries_flat(client, page, lambda: _grow_meetings(world.a, 18, past=when == "past"))
    assert before <= 15


def test_meeting_page_queries_do_not_grow_with_the_answers(world, client_for):
    meeting = _schedule(world.a, client_for(world.a.convener))

    def grow():
        with scopes_disabled():
            for i in range(15):
                user = member_of(world.a.community, email=f"answer{i}@example.org")
                MeetingResponse.objects.create(organisation=world.a.organisation, meeting=meeting, user=user,
                                               answer=["yes", "no", "maybe"][i % 3])

    assert_queries_flat(client_for(world.a.convener), url(world.a, "meeting", meeting_id=meeting.pk), grow)


def test_a_title_with_a_line_break_is_shown_again_on_one_line_for_correcting(world, client_for):
    response = client_for(world.a.convener).post(url(world.a, "meeting_new"),
                                                 schedule_data(title="Sepsis\r\nBcc: all@example.org"))
    page = response.content.decode()
    assert "Write the title on one line" in page and 'value="Sepsis Bcc: all@example.org"' in page
    with scopes_disabled():
        assert not Meeting.objects.exists()


def test_a_title_saved_with_a_line_break_before_the_rule_still_sends(world, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                         title="Old\r\nBcc: all@example.org", place="Room",
                                         starts_at=timezone.now() + timedelta(days=3),
                                         ends_at=timezone.now() + timedelta(days=3, hours=1))
    with scope(organisation=world.a.organisation), django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(organisation=world.a.organisation, by=world.a.convener, meeting=meeting)
    assert len(mailoutbox) == 2 and "Old Bcc: all@example.org" in mailoutbox[0].subject
    with scopes_disabled():
        assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_a_cancelled_meeting_is_not_the_next_meeting(world, client_for):
    client = client_for(world.a.convener)
    meeting = _schedule(world.a, client)
    assert "Practice exchange on screening" in client.get(url(world.a, "home")).context["meetings"]["next"].title
    client.post(url(world.a, "meeting_cancel", meeting_id=meeting.pk))
    assert client.get(url(world.a, "home")).context["meetings"]["next"] is None
