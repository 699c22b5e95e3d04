"""Editing and deleting journal entries, practice exchanges and plan actions: who may, what is audited,
what a refused or bad request leaves behind."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Action, JournalEntry, Meeting, MembershipRole, PracticeExchange
from cop_platform.models import AuditEvent
from tests.factories import member_of

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def url(tenant, name, **kwargs):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug,
                                                  **kwargs})


def audited(action):
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action=action))


@pytest.fixture
def entry(world):
    with scopes_disabled():
        return JournalEntry.objects.create(organisation=world.a.organisation, community=world.a.community,
                                           author=world.a.member, entry_date=timezone.localdate(),
                                           title="Night shift lessons", learnt="Escalate early.")


@pytest.fixture
def meeting(world):
    with scopes_disabled():
        return Meeting.objects.create(organisation=world.a.organisation, community=world.a.community,
                                      title="Huddle", starts_at=timezone.now() - timedelta(days=2),
                                      ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1))


@pytest.fixture
def exchange(world, meeting):
    with scopes_disabled():
        return PracticeExchange.objects.create(organisation=world.a.organisation, community=world.a.community,
                                               meeting=meeting, what="Sepsis screening tool",
                                               recorded_by=world.a.convener)


@pytest.fixture
def action(world):
    with scopes_disabled():
        return Action.objects.create(organisation=world.a.organisation, community=world.a.community,
                                     title="Share the poster", month=timezone.localdate().replace(day=1),
                                     added_by=world.a.convener)


def reload(record):
    with scopes_disabled():
        return type(record).objects.filter(pk=record.pk).first()


def entry_data(**overrides):
    return {"entry_date": timezone.localdate().isoformat(), "title": "Night shift, revised",
            "learnt": "Escalate early, and say why.", **overrides}


# --- The journal -----------------------------------------------------------------------------------------


def test_author_edits_their_entry_and_the_change_is_audited(world, client_for, entry):
    response = client_for(world.a.member).post(url(world.a, "journal_entry_edit", journal_entry_id=entry.pk),
                                               entry_data())
    assert response.status_code == 302
    assert reload(entry).title == "Night shift, revised"
    [event] = audited("journal_entry.updated")
    assert event.actor == world.a.member
    assert event.changes["title"] == ["Night shift lessons", "Night shift, revised"]


def test_author_sees_edit_links_on_the_journal_and_other_members_do_not(world, client_for, entry):
    edit = url(world.a, "journal_entry_edit", journal_entry_id=entry.pk)
    assert edit in client_for(world.a.member).get(url(world.a, "journal")).content.decode()
    other = member_of(world.a.community)
    assert edit not in client_for(other).get(url(world.a, "journal")).content.decode()


def test_delete_asks_for_confirmation_then_deletes_and_audits(world, client_for, entry):
    client = client_for(world.a.member)
    address = url(world.a, "journal_entry_delete", journal_entry_id=entry.pk)
    page = client.get(address)
    assert page.status_code == 200 and "Night shift lessons" in page.content.decode()
    assert reload(entry) is not None  # a GET deletes nothing
    assert client.post(address).status_code == 302
    assert reload(entry) is None
    [event] = audited("journal_entry.deleted")
    assert event.changes["title"] == ["Night shift lessons", None]


@pytest.mark.parametrize("who", ["convener", "admin", "project_manager"])
def test_conveners_and_host_staff_may_edit_anyones_entry(world, client_for, entry, who):
    response = client_for(getattr(world.a, who)).post(
        url(world.a, "journal_entry_edit", journal_entry_id=entry.pk), entry_data(title=f"Tidied by {who}"))
    assert response.status_code == 302
    assert reload(entry).title == f"Tidied by {who}"


@pytest.mark.parametrize("name", ["journal_entry_edit", "journal_entry_delete"])
def test_another_member_is_refused_on_get_and_post_and_nothing_changes(world, client_for, entry, name):
    other = member_of(world.a.community, role=MembershipRole.CORE_GROUP)
    client = client_for(other)
    address = url(world.a, name, journal_entry_id=entry.pk)
    assert client.get(address).status_code == 403
    assert client.post(address, entry_data(title="Hijacked")).status_code == 403
    assert reload(entry).title == "Night shift lessons"
    assert not audited("journal_entry.updated") and not audited("journal_entry.deleted")


@pytest.mark.parametrize("who", ["outsider", "evaluator", "panel_member"])
def test_people_outside_the_community_cannot_edit(world, client_for, entry, who):
    response = client_for(getattr(world.a, who)).post(url(world.a, "journal_entry_delete", journal_entry_id=entry.pk))
    assert response.status_code == 403
    assert reload(entry) is not None


def test_other_tenant_gets_404(world, client_for, entry):
    response = client_for(world.b.convener).post(url(world.a, "journal_entry_delete", journal_entry_id=entry.pk))
    assert response.status_code == 404
    assert reload(entry) is not None


def test_an_entry_of_another_community_is_404(world, client_for, entry):
    address = reverse("communities:journal_entry_edit", kwargs={
        "org": world.a.organisation.slug, "slug": world.a.unlisted.slug, "journal_entry_id": entry.pk})
    assert client_for(world.a.convener).get(address).status_code == 404


@pytest.mark.parametrize("data,message", [
    ({"title": ""}, "This field is required"),
    ({"title": "x" * 201}, "at most 200 characters"),
    ({"learnt": "y" * 10_001}, "at most 10000 characters"),
    ({"entry_date": (timezone.localdate() + timedelta(days=3)).isoformat()}, "cannot be in the future"),
])
def test_bad_input_keeps_what_was_typed_and_changes_nothing(world, client_for, entry, data, message):
    typed = entry_data(**{"learnt": "A long reflection I do not want to lose", **data})
    response = client_for(world.a.member).post(url(world.a, "journal_entry_edit", journal_entry_id=entry.pk), typed)
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert typed["learnt"] in page
    assert reload(entry).title == "Night shift lessons"


def test_hostile_html_is_stored_as_text_and_shown_escaped(world, client_for, entry):
    client = client_for(world.a.member)
    client.post(url(world.a, "journal_entry_edit", journal_entry_id=entry.pk), entry_data(title="Safe", learnt=HOSTILE))
    page = client.get(url(world.a, "journal")).content.decode()
    assert HOSTILE not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("call", ["journal_entry_update", "journal_entry_delete", "action_update", "action_delete",
                                  "practice_exchange_update", "practice_exchange_delete"])
def test_services_refuse_a_record_of_another_tenant(world, entry, action, exchange, call):
    from django.core.exceptions import ValidationError
    from django_scopes import scope

    from communities import services

    record = {"journal": entry, "action": action, "practice": exchange}[call.split("_")[0]]
    arguments = {"journal_entry_update": {"entry": entry, "entry_date": timezone.localdate(), "title": "t",
                                          "learnt": "l"},
                 "journal_entry_delete": {"entry": entry},
                 "action_update": {"action": action, "title": "t", "month": timezone.localdate()},
                 "action_delete": {"action": action},
                 "practice_exchange_update": {"exchange": exchange, "what": "w"},
                 "practice_exchange_delete": {"exchange": exchange}}[call]
    with scope(organisation=world.b.organisation), pytest.raises(ValidationError):
        getattr(services, call)(organisation=world.b.organisation, by=world.b.admin, **arguments)
    assert reload(record) is not None


# --- Practice exchanges ----------------------------------------------------------------------------------


def test_convener_edits_a_practice_exchange_and_it_is_audited(world, client_for, exchange, meeting):
    response = client_for(world.a.convener).post(
        url(world.a, "practice_exchange_edit", meeting_id=meeting.pk, exchange_id=exchange.pk),
        {"what": "Sepsis screening tool, version 2", "technical": "Uses NEWS2", "shared_by": ""})
    assert response.status_code == 302
    assert (reload(exchange).what, reload(exchange).technical) == ("Sepsis screening tool, version 2", "Uses NEWS2")
    [event] = audited("practice_exchange.updated")
    assert event.changes["what"] == ["Sepsis screening tool", "Sepsis screening tool, version 2"]


def test_the_person_who_shared_an_exchange_may_correct_it(world, client_for, exchange, meeting):
    with scopes_disabled():
        PracticeExchange.objects.filter(pk=exchange.pk).update(shared_by=world.a.member)
    page = client_for(world.a.member).get(url(world.a, "meeting", meeting_id=meeting.pk)).content.decode()
    assert url(world.a, "practice_exchange_edit", meeting_id=meeting.pk, exchange_id=exchange.pk) in page
    response = client_for(world.a.member).post(
        url(world.a, "practice_exchange_delete", meeting_id=meeting.pk, exchange_id=exchange.pk))
    assert response.status_code == 302 and reload(exchange) is None
    assert audited("practice_exchange.deleted")


def test_plain_member_cannot_edit_or_delete_someone_elses_exchange(world, client_for, exchange, meeting):
    client = client_for(world.a.member)
    for name in ("practice_exchange_edit", "practice_exchange_delete"):
        address = url(world.a, name, meeting_id=meeting.pk, exchange_id=exchange.pk)
        assert client.get(address).status_code == 403
        assert client.post(address, {"what": "Hijacked"}).status_code == 403
    assert reload(exchange).what == "Sepsis screening tool"
    page = client.get(url(world.a, "meeting", meeting_id=meeting.pk)).content.decode()
    assert 'data-testid="exchange-links"' not in page


def test_editing_an_exchange_keeps_who_shared_it_after_they_left(world, client_for, exchange, meeting):
    leaver = member_of(world.a.community)
    with scopes_disabled():
        from communities.models import Membership

        PracticeExchange.objects.filter(pk=exchange.pk).update(shared_by=leaver)
        Membership.objects.filter(community=world.a.community, user=leaver).delete()
    response = client_for(world.a.convener).post(
        url(world.a, "practice_exchange_edit", meeting_id=meeting.pk, exchange_id=exchange.pk),
        {"what": "Sepsis screening tool", "cultural": "Added later", "shared_by": str(leaver.pk)})
    assert response.status_code == 302
    assert (reload(exchange).cultural, reload(exchange).shared_by_id) == ("Added later", leaver.pk)


def test_exchange_under_another_meeting_is_404(world, client_for, exchange, meeting):
    with scopes_disabled():
        other = Meeting.objects.create(organisation=world.a.organisation, community=world.a.community, title="Other",
                                       starts_at=meeting.starts_at, ends_at=meeting.ends_at)
    address = url(world.a, "practice_exchange_edit", meeting_id=other.pk, exchange_id=exchange.pk)
    assert client_for(world.a.convener).get(address).status_code == 404


def test_exchange_edit_with_empty_what_keeps_the_rest(world, client_for, exchange, meeting):
    response = client_for(world.a.convener).post(
        url(world.a, "practice_exchange_edit", meeting_id=meeting.pk, exchange_id=exchange.pk),
        {"what": "", "cultural": "Ward culture changed"})
    assert response.status_code == 200
    assert "Ward culture changed" in response.content.decode()
    assert reload(exchange).what == "Sepsis screening tool"


def test_recording_an_exchange_keeps_who_recorded_it(world, client_for, meeting):
    client_for(world.a.convener).post(url(world.a, "meeting_exchange", meeting_id=meeting.pk),
                                      {"what": "Handover checklist", "shared_by": ""})
    with scopes_disabled():
        assert PracticeExchange.objects.get(what="Handover checklist").recorded_by == world.a.convener


# --- Momentum plan actions -------------------------------------------------------------------------------


def action_data(**overrides):
    return {"title": "Share the poster on every ward", "month": timezone.localdate().strftime("%Y-%m"),
            "status": "in_progress", "owner": "", **overrides}


def test_owner_of_an_action_may_edit_it_and_it_is_audited(world, client_for, action):
    with scopes_disabled():
        Action.objects.filter(pk=action.pk).update(owner=world.a.member)
    response = client_for(world.a.member).post(url(world.a, "action_edit", action_id=action.pk),
                                               action_data(owner=str(world.a.member.pk)))
    assert response.status_code == 302
    assert (reload(action).title, reload(action).status) == ("Share the poster on every ward", "in_progress")
    [event] = audited("action.updated")
    assert event.changes["status"] == ["planned", "in_progress"]


def test_plain_member_cannot_edit_or_delete_an_action_they_neither_added_nor_own(world, client_for, action):
    client = client_for(world.a.member)
    for name in ("action_edit", "action_delete"):
        assert client.get(url(world.a, name, action_id=action.pk)).status_code == 403
        assert client.post(url(world.a, name, action_id=action.pk), action_data()).status_code == 403
    assert reload(action).title == "Share the poster"
    assert 'data-testid="action-links"' not in client.get(url(world.a, "plan")).content.decode()


def test_convener_deletes_an_action_after_confirming(world, client_for, action):
    client = client_for(world.a.convener)
    assert "Share the poster" in client.get(url(world.a, "action_delete", action_id=action.pk)).content.decode()
    assert client.post(url(world.a, "action_delete", action_id=action.pk)).status_code == 302
    assert reload(action) is None
    assert audited("action.deleted")


def test_action_edit_refuses_an_owner_outside_the_community_and_keeps_the_title(world, client_for, action):
    response = client_for(world.a.convener).post(url(world.a, "action_edit", action_id=action.pk),
                                                 action_data(owner=str(world.a.outsider.pk)))
    assert response.status_code == 200
    assert "Share the poster on every ward" in response.content.decode()
    assert reload(action).owner_id is None


def test_editing_an_action_keeps_an_owner_who_has_left(world, client_for, action):
    leaver = member_of(world.a.community)
    with scopes_disabled():
        Action.objects.filter(pk=action.pk).update(owner=leaver)
        from communities.models import Membership

        Membership.objects.filter(community=world.a.community, user=leaver).delete()
    client = client_for(world.a.convener)
    page = client.get(url(world.a, "action_edit", action_id=action.pk)).content.decode()
    assert "(no longer a member)" in page
    response = client.post(url(world.a, "action_edit", action_id=action.pk),
                           action_data(owner=str(leaver.pk), title="Poster, renamed"))
    assert response.status_code == 302
    assert (reload(action).title, reload(action).owner_id) == ("Poster, renamed", leaver.pk)


def test_action_edit_with_a_bad_month_says_so(world, client_for, action):
    response = client_for(world.a.convener).post(url(world.a, "action_edit", action_id=action.pk),
                                                 action_data(month="2026-13"))
    assert "Enter a month like 2026-12" in response.content.decode()
    assert reload(action).status == "planned"


def test_adding_an_action_keeps_who_added_it(world, client_for):
    client_for(world.a.convener).post(url(world.a, "plan"), action_data(title="Run a teach-in"))
    with scopes_disabled():
        assert Action.objects.get(title="Run a teach-in").added_by == world.a.convener
