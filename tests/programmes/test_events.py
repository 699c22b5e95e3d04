"""Cross-community events (Basecamps): the rules, the services (invitations through the outbox, once per
person, composed at send time with a calendar file; updates, withdrawals, cancellation, deletion; answers;
the record), the pages (who may do what, bad input refused with a clear message and nothing lost) and a
flat query count on the list, the event page and a community's events page."""

from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import MembershipRole, NotificationPreference
from cop_platform.email import email_send_now
from cop_platform.models import AuditEvent, OutgoingEmail
from programmes import rules_events as rules
from programmes.models import Event, EventInvitation
from programmes.services import events as services
from tests.factories import CommunityFactory, member_of
from tests.helpers import assert_queries_flat

HOSTILE = '<script>alert("x")</script>'


def soon(days=10, hour=10):
    start = (timezone.now() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return start, start + timedelta(hours=6)


@pytest.fixture
def basecamp(world):
    """An upcoming Basecamp of tenant A's two communities (the convener is in both)."""
    starts_at, ends_at = soon()
    with scope(organisation=world.a.organisation):
        return services.event_create(organisation=world.a.organisation, by=world.a.project_manager,
                                     title="Spring Basecamp", starts_at=starts_at, ends_at=ends_at,
                                     place="Leeds Civic Hall", communities=[world.a.community, world.a.unlisted],
                                     description="Meet the other communities.")


def rows(event, kind=None):
    with scopes_disabled():
        qs = OutgoingEmail.objects.filter(key__startswith=f"event:{event.pk}:")
        if kind:
            qs = qs.filter(key__startswith=f"event:{event.pk}:{kind}:")
        return list(qs.order_by("pk"))


def send_all(organisation, emails):
    with scope(organisation=organisation):
        return [email_send_now(e.pk).outcome for e in emails]


def url(tenant, name, event=None, **kwargs):
    kwargs = {"org": tenant.organisation.slug, **kwargs}
    if event is not None:
        kwargs["event_id"] = event.pk
    return reverse(f"programmes:{name}", kwargs=kwargs)


def form_data(tenant, **overrides):
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = {"title": "Autumn Basecamp", "communities": [tenant.community.pk, tenant.unlisted.pk], "date": day,
            "start_time": "10:00", "end_time": "16:00", "place": "Leeds", "online_link": "", "description": "",
            "programme": ""}
    data.update(overrides)
    return data


# --- Rules ---------------------------------------------------------------------------------------------


def _problems(**overrides):
    starts_at, ends_at = soon()
    values = {"title": "Basecamp", "starts_at": starts_at, "ends_at": ends_at, "place": "Leeds", "online_link": "",
              "community_count": 2, "upcoming": True}
    values.update(overrides)
    return rules.event_problems(**values)


def test_rules_accept_a_good_event_and_refuse_each_problem_clearly():
    starts_at, _ = soon()
    assert _problems() == {}
    assert "must end after it starts" in _problems(ends_at=starts_at)["end_time"]
    assert "must end after it starts" in _problems(ends_at=starts_at - timedelta(minutes=1))["end_time"]
    assert "at least two communities" in _problems(community_count=1)["communities"]
    assert _problems(community_count=2).get("communities") is None
    assert "Say where" in _problems(place=" ", online_link="")["place"]
    assert _problems(place="", online_link="https://meet.example.org/x") == {}
    assert _problems(place="", upcoming=False) == {}  # recording one that happened
    assert _problems(title="  ")["title"] == "Enter a title."
    assert "one line" in _problems(title="Basecamp\r\nBcc: x@example.org")["title"]
    assert "200 characters" in _problems(title="x" * 201)["title"]


def test_rules_invite_each_person_once_and_guard_answers_records_and_cancellations():
    assert rules.invitees({1: {5, 6}, 2: {6, 7}}) == [5, 6, 7]
    assert rules.invitees({}) == []
    assert rules.may_answer(is_cancelled=False, has_started=False)
    assert not rules.may_answer(is_cancelled=True, has_started=False)
    assert not rules.may_answer(is_cancelled=False, has_started=True)
    assert rules.may_record(is_cancelled=False, has_started=True)
    assert not rules.may_record(is_cancelled=False, has_started=False)
    assert not rules.may_record(is_cancelled=True, has_started=True)
    assert rules.may_cancel(is_cancelled=False, has_started=False)
    assert not rules.may_cancel(is_cancelled=True, has_started=False)
    assert not rules.may_cancel(is_cancelled=False, has_started=True)


# --- Services: invitations through the outbox ---------------------------------------------------------


def test_creating_invites_every_member_once_even_when_in_two_of_the_communities(world, basecamp):
    emails = rows(basecamp, "invited")
    addresses = sorted(e.to for e in emails)
    assert addresses == sorted([world.a.convener.email, world.a.member.email])  # the convener is in both
    assert all(e.composer == "programmes.event" and e.body_text == "" for e in emails)  # composed at send time
    with scopes_disabled():
        assert EventInvitation.objects.filter(event=basecamp).count() == 2
        assert AuditEvent.objects.filter(action="event.created", organisation=world.a.organisation).exists()


def test_the_invitation_is_composed_at_send_time_with_a_calendar_request(world, basecamp, mailoutbox):
    assert send_all(world.a.organisation, rows(basecamp, "invited")) == ["sent", "sent"]
    message = next(m for m in mailoutbox if m.to == [world.a.member.email])
    assert "Spring Basecamp" in message.subject
    assert "Alpha Network Quiet Circle" in message.body and "Alpha Network Sepsis" in message.body
    assert f"/events/{basecamp.pk}/" in message.body and "Leeds Civic Hall" in message.body
    (name, content, mimetype), = message.attachments
    assert name.endswith(".ics") and "method=REQUEST" in mimetype
    vevent = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) == 0 and str(vevent["UID"]).startswith(f"event-{basecamp.pk}-")


def test_an_invitation_composed_after_the_event_was_cancelled_is_not_sent(world, basecamp, mailoutbox):
    with scope(organisation=world.a.organisation):
        services.event_cancel(organisation=world.a.organisation, by=world.a.admin, event=basecamp)
    assert set(send_all(world.a.organisation, rows(basecamp, "invited"))) == {"cancelled"}
    assert send_all(world.a.organisation, rows(basecamp, "cancelled")) == ["sent", "sent"]
    (name, content, mimetype), = mailoutbox[0].attachments
    cal = icalendar.Calendar.from_ical(content)
    assert str(cal["METHOD"]) == "CANCEL" and int(cal.walk("VEVENT")[0]["SEQUENCE"]) == 1


def test_a_change_sends_an_update_and_a_community_added_later_has_its_members_invited(world, basecamp):
    with scopes_disabled():
        third = CommunityFactory(organisation=world.a.organisation, name="Alpha Delirium", slug="delirium")
        newcomer = member_of(third, email="newcomer@tenant-a.example.org")
        member_of(third, user=world.a.member)  # already invited through Sepsis
    starts_at, ends_at = soon(days=12)
    with scope(organisation=world.a.organisation):
        services.event_update(organisation=world.a.organisation, by=world.a.admin, event=basecamp,
                              title="Spring Basecamp", starts_at=starts_at, ends_at=ends_at, place="Leeds Civic Hall",
                              communities=[world.a.community, world.a.unlisted, third],
                              description="Meet the other communities.")
    assert sorted(e.to for e in rows(basecamp, "updated")) == sorted([world.a.convener.email, world.a.member.email])
    assert [e.to for e in rows(basecamp, "invited") if e.to == newcomer.email] == [newcomer.email]
    assert [e.to for e in rows(basecamp, "invited")].count(world.a.member.email) == 1
    with scopes_disabled():
        basecamp.refresh_from_db()
        assert basecamp.sequence == 1
        assert AuditEvent.objects.filter(action="event.rescheduled").exists()


def test_taking_a_community_off_withdraws_its_members_invitations_and_tells_them(world, basecamp):
    with scopes_disabled():
        third = CommunityFactory(organisation=world.a.organisation, name="Alpha Delirium", slug="delirium")
        leaver = member_of(third, email="leaver@tenant-a.example.org")
    starts_at, ends_at = soon()
    common = {"title": "Spring Basecamp", "starts_at": starts_at, "ends_at": ends_at, "place": "Leeds Civic Hall",
              "description": "Meet the other communities."}
    with scope(organisation=world.a.organisation):
        services.event_update(organisation=world.a.organisation, by=world.a.admin, event=basecamp,
                              communities=[world.a.community, world.a.unlisted, third], **common)
        services.event_update(organisation=world.a.organisation, by=world.a.admin, event=basecamp,
                              communities=[world.a.community, world.a.unlisted], **common)
        assert not EventInvitation.objects.filter(event=basecamp, user=leaver).exists()
    assert [e.to for e in rows(basecamp, "withdrawn")] == [leaver.email]
    assert rows(basecamp, "updated") == []  # nothing the invitees see changed


def test_an_update_or_cancellation_is_not_sent_to_who_turned_meeting_emails_off_unless_coming(world, basecamp):
    with scope(organisation=world.a.organisation):
        NotificationPreference.objects.create(organisation=world.a.organisation, user=world.a.member,
                                              meeting_emails=False)
        services.event_respond(organisation=world.a.organisation, by=world.a.member, event=basecamp, answer="yes")
        services.event_cancel(organisation=world.a.organisation, by=world.a.admin, event=basecamp)
    assert world.a.member.email in {e.to for e in rows(basecamp, "cancelled")}


def test_deleting_an_upcoming_event_tells_the_invitees_with_a_stored_cancellation(world, basecamp, mailoutbox):
    event_id = basecamp.pk
    with scope(organisation=world.a.organisation):
        services.event_delete(organisation=world.a.organisation, by=world.a.admin, event=basecamp)
        assert not Event.objects.filter(pk=event_id).exists()
    with scopes_disabled():
        deleted = list(OutgoingEmail.objects.filter(key__startswith=f"event:{event_id}:deleted:"))
    assert sorted(e.to for e in deleted) == sorted([world.a.convener.email, world.a.member.email])
    assert all("is cancelled" in e.body_text and e.composer == "" for e in deleted)
    # The invitations queued earlier are not sent for an event that no longer exists.
    assert set(send_all(world.a.organisation, rows(type("E", (), {"pk": event_id}), "invited"))) == {"cancelled"}
    send_all(world.a.organisation, deleted)
    assert all("method=CANCEL" in m.attachments[0][2] for m in mailoutbox)


def test_a_past_event_is_recorded_without_emails(world):
    starts_at = timezone.now() - timedelta(days=3)
    with scope(organisation=world.a.organisation):
        event = services.event_create(organisation=world.a.organisation, by=world.a.admin, title="Basecamp One",
                                      starts_at=starts_at, ends_at=starts_at + timedelta(hours=5),
                                      communities=[world.a.community, world.a.unlisted])
        assert EventInvitation.objects.filter(event=event).count() == 2
        services.event_record(organisation=world.a.organisation, by=world.a.admin, event=event,
                              attendee_ids=[world.a.member.pk], notes="A mindfulness start.\n\nThen the stories.")
        assert list(EventInvitation.objects.filter(event=event, attended=True).values_list("user_id", flat=True)) \
            == [world.a.member.pk]
    assert rows(event) == []


# --- Services: bad input ------------------------------------------------------------------------------


def test_services_refuse_bad_input_clearly(world, basecamp):
    org = world.a.organisation
    starts_at, ends_at = soon()
    with scope(organisation=org):
        with pytest.raises(ValidationError) as caught:
            services.event_create(organisation=org, by=world.a.admin, title="X", starts_at=ends_at, ends_at=starts_at,
                                  place="Leeds", communities=[world.a.community, world.a.unlisted])
        assert "must end after it starts" in str(caught.value)
        with pytest.raises(ValidationError, match="at least two communities"):
            services.event_create(organisation=org, by=world.a.admin, title="X", starts_at=starts_at,
                                  ends_at=ends_at, place="Leeds", communities=[world.a.community, world.a.community])
        with pytest.raises(ValidationError, match="Choose yes, no or maybe"):
            services.event_respond(organisation=org, by=world.a.member, event=basecamp, answer="perhaps")
        with pytest.raises(ValidationError, match="Only people invited"):
            services.event_respond(organisation=org, by=world.a.outsider, event=basecamp, answer="yes")
        with pytest.raises(ValidationError, match="once it has started"):
            services.event_record(organisation=org, by=world.a.admin, event=basecamp, attendee_ids=[], notes="")
        with pytest.raises(ValidationError, match="future"):
            services.event_update(organisation=org, by=world.a.admin, event=basecamp, title="X",
                                  starts_at=timezone.now() - timedelta(hours=2),
                                  ends_at=timezone.now() - timedelta(hours=1), place="Leeds",
                                  communities=[world.a.community, world.a.unlisted])
        assert Event.objects.filter(organisation=org).count() == 1


def test_services_refuse_records_of_another_organisation(world, basecamp):
    starts_at, ends_at = soon()
    with scopes_disabled():
        with pytest.raises(ValidationError, match="another organisation"):
            services.event_create(organisation=world.a.organisation, by=world.a.admin, title="X", starts_at=starts_at,
                                  ends_at=ends_at, place="Leeds", communities=[world.a.community, world.b.community])
        with pytest.raises(ValidationError, match="another organisation"):
            services.event_cancel(organisation=world.b.organisation, by=world.b.admin, event=basecamp)
        with pytest.raises(ValidationError, match="another organisation"):
            services.event_respond(organisation=world.b.organisation, by=world.b.member, event=basecamp, answer="yes")
        assert Event.objects.count() == 1 and Event.objects.get().cancelled_at is None


def test_attendance_only_of_invitees_and_after_the_start(world):
    starts_at = timezone.now() - timedelta(hours=3)
    with scope(organisation=world.a.organisation):
        event = services.event_create(organisation=world.a.organisation, by=world.a.admin, title="Basecamp",
                                      starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
                                      communities=[world.a.community, world.a.unlisted])
        with pytest.raises(ValidationError, match="people invited"):
            services.event_record(organisation=world.a.organisation, by=world.a.admin, event=event,
                                  attendee_ids=[world.a.outsider.pk], notes="")
        assert not EventInvitation.objects.filter(event=event, attended=True).exists()


# --- Pages ---------------------------------------------------------------------------------------------


def test_staff_create_an_event_on_the_page_and_members_are_invited(world, client_for):
    client = client_for(world.a.project_manager)
    response = client.post(url(world.a, "event_new"), form_data(world.a), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "members of its communities are invited" in text
    with scopes_disabled():
        event = Event.objects.get(title="Autumn Basecamp")
    assert sorted(e.to for e in rows(event, "invited")) == sorted([world.a.convener.email, world.a.member.email])


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"end_time": "09:00"}, "end_time", "must end after it starts"),
    ({"title": ""}, "title", "Enter a title."),
    ({"title": "x" * 5000}, "title", "at most 200 characters"),
    ({"title": "Basecamp\nBcc: x@example.org"}, "title", "one line"),
    ({"communities": []}, "communities", "Choose at least two communities"),
    ({"communities": ["1"]}, "communities", ""),
    ({"date": "31/02/2026"}, "date", "Enter a real date."),
    ({"place": "", "online_link": ""}, "place", "Say where people will meet"),
    ({"online_link": "javascript:alert(1)"}, "online_link", "web address"),
    ({"description": "x" * 10001}, "description", "at most 10000 characters"),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_lost(world, client_for, overrides, field, message):
    data = form_data(world.a, **overrides)
    if overrides.get("communities") == ["1"]:
        data["communities"] = [world.a.community.pk]  # one community only
        message = "at least two communities"
    response = client_for(world.a.admin).post(url(world.a, "event_new"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert "There is a problem" in response.content.decode()
    with scopes_disabled():
        assert not Event.objects.exists()
    if field != "title":
        assert 'value="Autumn Basecamp"' in response.content.decode()  # nothing typed is lost


def test_a_community_of_another_tenant_is_not_a_choice(world, client_for):
    data = form_data(world.a, communities=[world.a.community.pk, world.b.community.pk])
    response = client_for(world.a.admin).post(url(world.a, "event_new"), data)
    assert "communities" in response.context["form"].errors
    with scopes_disabled():
        assert not Event.objects.exists()


def test_hostile_html_is_shown_as_text(world, client_for, basecamp):
    with scope(organisation=world.a.organisation):
        services.event_update(organisation=world.a.organisation, by=world.a.admin, event=basecamp,
                              title=HOSTILE, starts_at=basecamp.starts_at, ends_at=basecamp.ends_at,
                              place=HOSTILE, description=HOSTILE,
                              communities=[world.a.community, world.a.unlisted])
    for who in (world.a.admin, world.a.member):
        text = client_for(who).get(url(world.a, "event", basecamp)).content.decode()
        assert HOSTILE not in text and "&lt;script&gt;" in text
    text = client_for(world.a.admin).get(url(world.a, "events")).content.decode()
    assert HOSTILE not in text


def test_a_member_answers_on_the_page_and_can_change_their_answer(world, client_for, basecamp):
    client = client_for(world.a.member)
    page = url(world.a, "event", basecamp)
    text = client.get(page).content.decode()
    assert "Spring Basecamp" in text and "Alpha Network Quiet Circle" in text
    response = client.post(page, {"answer": "yes"}, follow=True)
    assert "your answer is saved" in response.content.decode()
    client.post(page, {"answer": "maybe"})
    with scopes_disabled():
        assert EventInvitation.objects.get(event=basecamp, user=world.a.member).answer == "maybe"
    response = client.post(page, {"answer": "<b>soon</b>"})
    assert "Choose yes, no or maybe" in response.content.decode()


def test_who_may_see_an_event_and_who_runs_it(world, client_for, basecamp):
    page = url(world.a, "event", basecamp)
    for who in (world.a.outsider, world.a.evaluator, world.a.panel_member):
        assert client_for(who).get(page).status_code == 404
    for who in (world.a.member, world.a.convener):
        assert client_for(who).get(page).status_code == 200
        assert client_for(who).get(url(world.a, "event_edit", basecamp)).status_code == 403
        assert client_for(who).post(url(world.a, "event_cancel", basecamp)).status_code == 403
    assert client_for(world.b.admin).get(page).status_code == 404
    with scopes_disabled():
        assert Event.objects.get().cancelled_at is None


def test_staff_record_attendance_and_notes_with_checkboxes(world, client_for):
    starts_at = timezone.now() - timedelta(days=1)
    with scope(organisation=world.a.organisation):
        event = services.event_create(organisation=world.a.organisation, by=world.a.admin, title="Basecamp One",
                                      starts_at=starts_at, ends_at=starts_at + timedelta(hours=5),
                                      communities=[world.a.community, world.a.unlisted])
    client = client_for(world.a.admin)
    record = url(world.a, "event_record", event)
    assert world.a.member.display_name in client.get(record).content.decode()
    response = client.post(record, {"attendees": [world.a.member.pk], "notes": f"Good day. {HOSTILE}"}, follow=True)
    text = response.content.decode()
    assert "The record of the event is saved" in text and "1 person came" in text
    assert HOSTILE not in text and "&lt;script&gt;" in text
    response = client.post(record, {"attendees": [world.a.outsider.pk], "notes": "x"})
    assert "attendees" in response.context["form"].errors


def test_cancel_and_delete_ask_first(world, client_for, basecamp):
    client = client_for(world.a.admin)
    assert "Cancel the event" in client.get(url(world.a, "event_cancel", basecamp)).content.decode()
    assert "Delete the event" in client.get(url(world.a, "event_delete", basecamp)).content.decode()
    with scopes_disabled():
        assert Event.objects.get().cancelled_at is None
    client.post(url(world.a, "event_cancel", basecamp))
    with scopes_disabled():
        assert Event.objects.get().cancelled_at is not None
    client.post(url(world.a, "event_delete", basecamp))
    with scopes_disabled():
        assert not Event.objects.exists()


def test_the_list_searches_and_splits_upcoming_and_past(world, client_for, basecamp):
    client = client_for(world.a.project_manager)
    assert "Spring Basecamp" in client.get(url(world.a, "events")).content.decode()
    assert "Spring Basecamp" not in client.get(url(world.a, "events") + "?when=past").content.decode()
    assert "Spring Basecamp" in client.get(url(world.a, "events") + "?q=quiet+circle").content.decode()
    assert "Spring Basecamp" not in client.get(url(world.a, "events") + "?q=nothing-like-it").content.decode()
    assert client.get(url(world.a, "events") + "?q=" + "x" * 500).status_code == 200


def test_a_communitys_events_page_lists_the_events_it_took_part_in(world, client_for, basecamp):
    page = reverse("programmes:community_events", kwargs={"org": world.a.organisation.slug,
                                                          "slug": world.a.community.slug})
    text = client_for(world.a.member).get(page).content.decode()
    assert "Spring Basecamp" in text and "With Alpha Network Quiet Circle" in text
    assert 'href="' + page + '"' in text  # the community navigation has the Events section
    assert client_for(world.a.outsider).get(page).status_code == 403


# --- Query counts --------------------------------------------------------------------------------------


def _more_events(world, n=3):
    def grow():
        with scope(organisation=world.a.organisation):
            for i in range(n):
                starts_at, ends_at = soon(days=5 + i)
                extra = CommunityFactory(organisation=world.a.organisation, name=f"Extra {i} {timezone.now():%f}",
                                         slug=f"extra-{i}-{timezone.now():%f}")
                member_of(extra, role=MembershipRole.CONVENER)
                event = services.event_create(organisation=world.a.organisation, by=world.a.admin, title=f"Event {i}",
                                              starts_at=starts_at, ends_at=ends_at, place="Leeds",
                                              communities=[world.a.community, extra])
                services.event_respond(organisation=world.a.organisation, by=world.a.member, event=event,
                                       answer="yes")
    return grow


def test_the_list_and_the_communitys_events_page_make_a_flat_number_of_queries(world, client_for, basecamp):
    assert_queries_flat(client_for(world.a.admin), url(world.a, "events"), _more_events(world))
    page = reverse("programmes:community_events", kwargs={"org": world.a.organisation.slug,
                                                          "slug": world.a.community.slug})
    assert_queries_flat(client_for(world.a.member), page, _more_events(world))


def test_the_event_page_makes_a_flat_number_of_queries_whatever_the_invitees(world, client_for, basecamp):
    rounds = []

    def grow():
        rounds.append(1)
        with scope(organisation=world.a.organisation):
            for i in range(5):
                person = member_of(world.a.community, email=f"extra{len(rounds)}-{i}@tenant-a.example.org")
                services.event_respond(organisation=world.a.organisation, by=person, event=basecamp, answer="yes")

    assert_queries_flat(client_for(world.a.admin), url(world.a, "event", basecamp), grow)
    assert_queries_flat(client_for(world.a.member), url(world.a, "event", basecamp), grow)


def test_the_calendar_file_is_for_the_events_people_and_get_only(world, client_for, basecamp):
    ics = url(world.a, "event_ics", basecamp)
    response = client_for(world.a.member).get(ics)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal.walk("VEVENT")[0]["SUMMARY"]) == "Spring Basecamp"
    assert client_for(world.a.member).post(ics).status_code == 405
    assert client_for(world.a.outsider).get(ics).status_code == 404


def test_a_withdrawal_is_not_sent_to_someone_invited_again_and_an_update_not_to_someone_withdrawn(world, basecamp):
    with scopes_disabled():
        third = CommunityFactory(organisation=world.a.organisation, name="Alpha Delirium", slug="delirium")
        person = member_of(third, email="back-and-forth@tenant-a.example.org")
    starts_at, ends_at = soon()
    common = {"title": "Spring Basecamp", "place": "Leeds Civic Hall", "description": "Meet the other communities."}
    with scope(organisation=world.a.organisation):
        for communities, when in (([world.a.community, world.a.unlisted, third], soon()),
                                  ([world.a.community, world.a.unlisted], soon()),
                                  ([world.a.community, world.a.unlisted, third], soon(days=11))):
            services.event_update(organisation=world.a.organisation, by=world.a.admin, event=basecamp,
                                  communities=communities, starts_at=when[0], ends_at=when[1], **common)
    withdrawn = [e for e in rows(basecamp, "withdrawn") if e.to == person.email]
    assert len(withdrawn) == 1
    assert send_all(world.a.organisation, withdrawn) == ["cancelled"]  # invited again since
    with scope(organisation=world.a.organisation):
        services.event_update(organisation=world.a.organisation, by=world.a.admin, event=basecamp,
                              communities=[world.a.community, world.a.unlisted], starts_at=starts_at,
                              ends_at=ends_at, **common)
    assert [e for e in rows(basecamp, "updated") if e.to == person.email] == []  # withdrawn, not updated
    to_member = [e for e in rows(basecamp, "updated") if e.to == world.a.member.email]
    with scopes_disabled():
        EventInvitation.objects.filter(event=basecamp, user=world.a.member).delete()
    assert set(send_all(world.a.organisation, to_member)) == {"cancelled"}  # no longer invited when it is sent


def test_the_home_page_lists_an_invitees_upcoming_events_but_not_cancelled_ones(world, client_for, basecamp):
    home = reverse("tenant_home", kwargs={"org": world.a.organisation.slug})
    text = client_for(world.a.member).get(home).content.decode()
    assert 'data-testid="your-events"' in text and "Spring Basecamp" in text
    assert 'data-testid="your-events"' not in client_for(world.a.outsider).get(home).content.decode()
    with scope(organisation=world.a.organisation):
        services.event_cancel(organisation=world.a.organisation, by=world.a.admin, event=basecamp)
    assert "Spring Basecamp" not in client_for(world.a.member).get(home).content.decode()


def test_an_event_may_belong_to_a_programme_of_its_organisation_only(world, client_for):
    from programmes.models import Programme

    with scopes_disabled():
        ours = Programme.objects.create(organisation=world.a.organisation, name="CoP support 2026", slug="cop-2026")
        theirs = Programme.objects.create(organisation=world.b.organisation, name="Beta support", slug="beta")
    client = client_for(world.a.admin)
    response = client.post(url(world.a, "event_new"), form_data(world.a, programme=theirs.pk))
    assert "programme" in response.context["form"].errors
    client.post(url(world.a, "event_new"), form_data(world.a, programme=ours.pk))
    with scopes_disabled():
        assert Event.objects.get().programme == ours
        starts_at, ends_at = soon()
        with pytest.raises(ValidationError, match="another organisation"):
            services.event_create(organisation=world.a.organisation, by=world.a.admin, title="X", place="Leeds",
                                  starts_at=starts_at, ends_at=ends_at, programme=theirs,
                                  communities=[world.a.community, world.a.unlisted])
