"""Members-only content: a listed community shows its home to the organisation; the directory, journal,
meetings (call links, .ics), library, downloads and plan are for members, host staff and evaluators
unless the conveners open them."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Action, Community, JournalEntry, LibraryItem, Meeting
from cop_platform.models import AuditEvent

CALL_LINK = "https://calls.example.org/j/secret-room"


def url(tenant, name, **kwargs):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug,
                                                  **kwargs})


@pytest.fixture
def content(world):
    """A next meeting with a call link, a plan action, a journal entry and a library file."""
    org, community = world.a.organisation, world.a.community
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=org, community=community, title="Huddle on escalation",
                                         starts_at=timezone.now() + timedelta(days=3),
                                         ends_at=timezone.now() + timedelta(days=3, hours=1), call_link=CALL_LINK)
        action = Action.objects.create(organisation=org, community=community, title="Audit the escalation chart",
                                       month=timezone.localdate().replace(day=1))
        entry = JournalEntry.objects.create(organisation=org, community=community, author=world.a.member,
                                            entry_date=timezone.localdate(), title="What the night shift taught me",
                                            learnt="Ask early.")
        item = LibraryItem(organisation=org, community=community, kind="file", title="Escalation poster",
                           original_name="poster.txt", content_type="text/plain", size=6)
        item.file.save("poster.txt", ContentFile(b"poster"), save=False)
        item.save()
    return {"meeting": meeting, "action": action, "entry": entry, "item": item}


def members_only_urls(tenant, content):
    return [url(tenant, "members"), url(tenant, "journal"), url(tenant, "plan"), url(tenant, "library"),
            url(tenant, "meetings"), url(tenant, "meeting", meeting_id=content["meeting"].pk),
            url(tenant, "meeting_ics", meeting_id=content["meeting"].pk),
            url(tenant, "library_download", item_id=content["item"].pk)]


def test_outsider_sees_the_home_but_not_what_members_share(world, client_for, content):
    page = client_for(world.a.outsider).get(url(world.a, "home"))
    assert page.status_code == 200
    text = page.content.decode()
    assert world.a.community.name in text and world.a.convener.display_name in text
    for secret in ("Huddle on escalation", CALL_LINK, "Audit the escalation chart",
                   url(world.a, "meeting", meeting_id=content["meeting"].pk), url(world.a, "journal")):
        assert secret not in text
    assert 'data-testid="members-only"' in text


def test_member_sees_next_meeting_and_plan_on_the_home(world, client_for, content):
    text = client_for(world.a.member).get(url(world.a, "home")).content.decode()
    assert "Huddle on escalation" in text and "Audit the escalation chart" in text
    assert 'data-testid="members-only"' not in text


def test_outsider_is_refused_every_members_only_page(world, client_for, content):
    client = client_for(world.a.outsider)
    for address in members_only_urls(world.a, content):
        response = client.get(address)
        assert response.status_code == 403, address
        assert CALL_LINK.encode() not in response.content


@pytest.mark.parametrize("who", ["member", "admin", "project_manager", "evaluator"])
def test_members_staff_and_evaluators_read_members_only_pages(world, client_for, content, who):
    client = client_for(getattr(world.a, who))
    for address in members_only_urls(world.a, content):
        assert client.get(address).status_code == 200, f"{who} {address}"


def test_panel_member_without_membership_is_refused(world, client_for, content):
    assert client_for(world.a.panel_member).get(url(world.a, "journal")).status_code == 403


def test_opening_the_pages_is_audited_and_lets_the_organisation_read(world, client_for, content):
    settings_page = client_for(world.a.convener).get(url(world.a, "edit", section="settings")).content.decode()
    assert "open the community&#x27;s pages to everyone in the organisation" in settings_page.lower()
    assert "seen only by members" in settings_page
    response = client_for(world.a.convener).post(url(world.a, "edit", section="settings"), {
        "status": "active", "visibility": "listed", "content_open": "on"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Community.objects.get(pk=world.a.community.pk).content_open
        event = AuditEvent.objects.get(action="community.settings_changed")
    assert event.changes["content_open"] == [False, True]
    client = client_for(world.a.outsider)
    for address in members_only_urls(world.a, content):
        assert client.get(address).status_code == 200, address
    assert "Huddle on escalation" in client.get(url(world.a, "home")).content.decode()


def test_opened_pages_still_take_additions_only_from_members(world, client_for, content):
    with scopes_disabled():
        Community.objects.filter(pk=world.a.community.pk).update(content_open=True)
    response = client_for(world.a.outsider).post(url(world.a, "journal"), {
        "entry_date": timezone.localdate().isoformat(), "title": "Not mine to write", "learnt": "x"})
    assert response.status_code == 403
    with scopes_disabled():
        assert not JournalEntry.objects.filter(title="Not mine to write").exists()


def test_other_tenant_cannot_read_opened_pages(world, client_for, content):
    with scopes_disabled():
        Community.objects.filter(pk=world.a.community.pk).update(content_open=True)
    assert client_for(world.b.admin).get(url(world.a, "journal")).status_code == 404
