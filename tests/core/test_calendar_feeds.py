"""Calendar feeds as a calendar client sees them: the person's own meetings, events and sessions only,
cancellations marked, 304 when unchanged, 404 for an unknown, revoked or replaced URL, one query."""

import logging
from datetime import datetime, time, timedelta

import icalendar
import pytest
from django.utils import timezone
from django_scopes import scope

from communities.services import meeting_cancel, meeting_schedule
from communities.services.members import membership_leave
from cop_platform.accounts.models import CalendarFeed
from cop_platform.calendar.services import calendar_feed_issue, calendar_feed_revoke
from cop_platform.tokens import token_hash
from programmes.services import participant_add, session_create
from programmes.services.events import event_create
from tests.factories import member_of
from tests.programmes.builders import make_cohort

SOON = timezone.now().replace(microsecond=0) + timedelta(days=7)


def _meeting(tenant, title, *, community=None, starts=SOON):
    org = tenant.organisation
    with scope(organisation=org):
        return meeting_schedule(organisation=org, by=tenant.convener, community=community or tenant.community,
                                title=title, starts_at=starts, ends_at=starts + timedelta(hours=1),
                                place="Room 4, Example House")


def _events(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def _feed(user):
    return f"/calendar/{calendar_feed_issue(user=user)}.ics"


def test_feed_lists_the_persons_meetings_and_only_theirs(world, client):
    a, b = world.a, world.b
    _meeting(a, "Mine in the listed community")
    _meeting(a, "Not mine: the quiet circle", community=a.unlisted)
    _meeting(b, "Not mine: another tenant")
    events = _events(client.get(_feed(a.member)))
    assert set(events) == {f"{a.community.name}: Mine in the listed community"}
    event = events[f"{a.community.name}: Mine in the listed community"]
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["location"]) == "Room 4, Example House"
    assert str(event["uid"]).startswith("meeting-")


def test_feed_spans_the_persons_organisations(world, client):
    member_of(world.b.community, user=world.a.member)
    _meeting(world.a, "Alpha's meeting")
    _meeting(world.b, "Beta's meeting")
    assert len(_events(client.get(_feed(world.a.member)))) == 2


def test_a_cancelled_meeting_stays_marked_cancelled(world, client):
    meeting = _meeting(world.a, "Called off")
    url = _feed(world.a.member)
    with scope(organisation=world.a.organisation):
        meeting_cancel(organisation=world.a.organisation, by=world.a.convener, meeting=meeting)
    event = _events(client.get(url))[f"{world.a.community.name}: Called off"]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1


def test_unchanged_feed_answers_304_and_a_change_answers_200(world, client):
    meeting = _meeting(world.a, "Steady")
    url = _feed(world.a.member)
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"].startswith("private")
    assert first["X-Robots-Tag"].startswith("noindex")
    assert not first.cookies
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    with scope(organisation=world.a.organisation):
        meeting_cancel(organisation=world.a.organisation, by=world.a.convener, meeting=meeting)
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_leaving_a_community_changes_the_feed(world, client):
    _meeting(world.a, "Before leaving")
    url = _feed(world.a.member)
    etag = client.get(url)["ETag"]
    with scope(organisation=world.a.organisation):
        membership_leave(organisation=world.a.organisation, by=world.a.member,
                      membership=world.a.community.memberships.get(user=world.a.member))
    response = client.get(url, headers={"if-none-match": etag})
    assert _events(response) == {}


@pytest.mark.parametrize("token", ["", "short", "x" * 43, "../../etc/passwd"])
def test_unknown_token_is_404(world, client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_revoked_and_replaced_urls_answer_404_alike(world, client):
    _meeting(world.a, "Private")
    old = _feed(world.a.member)
    new = _feed(world.a.member)  # regenerated: the old one stops working
    unknown = client.get("/calendar/" + "A" * 43 + ".ics")
    replaced = client.get(old)
    assert replaced.status_code == 404
    assert replaced.content == unknown.content
    assert client.get(new).status_code == 200
    calendar_feed_revoke(user=world.a.member)
    assert client.get(new).status_code == 404


def test_only_the_hash_is_stored(world):
    token = calendar_feed_issue(user=world.a.member)
    row = CalendarFeed.objects.get(user=world.a.member)
    assert row.token_hash == token_hash(token)
    assert token not in row.token_hash


def test_feed_is_one_query_however_much_there_is(world, client, django_assert_num_queries):
    url = _feed(world.a.member)
    with django_assert_num_queries(1):
        client.get(url)
    for n in range(20):
        _meeting(world.a, f"Meeting {n}", starts=SOON + timedelta(days=n))
    with django_assert_num_queries(1):
        assert len(_events(client.get(url))) == 20


def test_programme_events_and_sessions_are_in_the_feed(world, client):
    a = world.a
    org = a.organisation
    with scope(organisation=org):
        event_create(organisation=org, by=a.project_manager, title="Basecamp Two", starts_at=SOON,
                     ends_at=SOON + timedelta(hours=3), communities=[a.community, a.unlisted],
                     place="Example Conference Centre")
        programme = make_cohort(org)
        participant_add(organisation=org, by=a.project_manager, programme=programme, user=a.member)
        day = timezone.localdate() + timedelta(days=10)
        session_create(organisation=org, by=a.project_manager, programme=programme, kind="welcome", date=day,
                       starts_at=time(9, 30), ends_at=time(12, 30), notify=False)
        session_create(organisation=org, by=a.project_manager, programme=programme, kind="clinic", notify=False)
    events = _events(client.get(_feed(a.member)))
    assert "Basecamp Two" in events
    session = events[f"{programme.name}: Welcome session"]
    assert session.decoded("dtstart") == datetime.combine(day, time(9, 30), tzinfo=session.decoded("dtstart").tzinfo)
    assert len(events) == 2  # the undated clinic is not in a calendar
    # The outsider, in no community and no programme, has an empty calendar, not an error.
    assert _events(client.get(_feed(a.outsider))) == {}


def test_community_feed_is_for_its_members_only(world, client):
    a = world.a
    _meeting(a, "Listed's meeting")
    _meeting(a, "Quiet meeting", community=a.unlisted)
    token = calendar_feed_issue(user=a.member)
    listed = f"/calendar/{token}/communities/{a.community.pk}.ics"
    events = _events(client.get(listed))
    assert set(events) == {f"{a.community.name}: Listed's meeting"}
    assert client.get(f"/calendar/{token}/communities/{a.unlisted.pk}.ics").status_code == 404
    assert client.get(f"/calendar/{token}/communities/{world.b.community.pk}.ics").status_code == 404
    with scope(organisation=a.organisation):
        membership_leave(organisation=a.organisation, by=a.member,
                      membership=a.community.memberships.get(user=a.member))
    assert client.get(listed).status_code == 404


def test_feed_refuses_other_methods(world, client):
    url = _feed(world.a.member)
    assert client.post(url).status_code == 405


def test_token_is_not_in_the_logs(world, client, caplog):
    token = calendar_feed_issue(user=world.a.member)
    with caplog.at_level(logging.DEBUG):
        client.get(f"/calendar/{token}.ics")
        client.get(f"/calendar/{token}x.ics")
    assert token not in caplog.text


def test_meetings_long_past_are_left_out(world, client):
    _meeting(world.a, "Long ago", starts=timezone.now() - timedelta(days=400))
    _meeting(world.a, "Last month", starts=timezone.now() - timedelta(days=30))
    assert set(_events(client.get(_feed(world.a.member)))) == {f"{world.a.community.name}: Last month"}


def test_access_log_leaves_the_secret_out():
    from cop_platform.gunicorn import redact

    assert redact("/calendar/Abc_123-xyz.ics") == "/calendar/…"
    line = "GET /calendar/Abc_123-xyz/communities/4.ics HTTP/1.1"
    assert redact(line) == "GET /calendar/…/communities/4.ics HTTP/1.1"
    assert redact("/hin/communities/") == "/hin/communities/"


def test_access_log_leaves_out_the_secret_of_every_personal_link():
    from cop_platform.gunicorn import redact

    for prefix in ("invitations", "confirmations", "programme-confirmations", "join", "unsubscribe", "questionnaires"):
        assert redact(f"GET /{prefix}/s3cret-Token_1/ HTTP/1.1") == f"GET /{prefix}/…/ HTTP/1.1"
    assert redact("/join/continue/") == "/join/continue/"
    # An organisation's own pages with the same words further down keep their paths.
    assert redact("/hin/calls/spring/confirmations/") == "/hin/calls/spring/confirmations/"
