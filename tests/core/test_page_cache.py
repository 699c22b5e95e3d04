"""Tenant pages kept until something they show changes (cop_platform/pagecache.py): a page asked for again
is served without running its view, and never outlives a change, never reaches another person, never hides a
message, never keeps what its rendering wrote."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from communities.models import Community, Membership, MembershipRole
from cop_platform import pagecache
from cop_platform.models import Notification

CSRF_COOKIE = "k" * 32  # what a browser holds after its first page with a form


@pytest.fixture
def kept(settings, transactional_db):
    """Pages kept for a minute; every statement commits as it runs, as in production."""
    settings.CONVENE_PAGE_CACHE_SECONDS = 60


def home(tenant):
    return reverse("communities:home", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug})


def browser(client_for, user):
    client = client_for(user)
    client.cookies["csrftoken"] = CSRF_COOKIE
    return client


def get(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200
    return response, len(queries)


def test_a_page_asked_again_is_served_without_its_view(kept, world, client_for):
    client = browser(client_for, world.a.convener)
    first, rendered = get(client, home(world.a))
    again, served = get(client, home(world.a))
    assert again.content == first.content
    assert served < rendered and served <= 2  # the person and the tenant query, nothing of the page
    _, settled = get(client, home(world.a))
    assert settled <= 1  # from then on the standing is kept too: the person alone


@pytest.mark.parametrize("where, field, value", [
    ("in the organisation's scope", "name", "Alpha Sepsis Renamed"),
    ("outside any organisation", "practice", "Handover huddles every Monday"),
])
def test_a_change_shows_at_once(kept, world, client_for, where, field, value):
    client = browser(client_for, world.a.convener)
    get(client, home(world.a))
    within = scope(organisation=world.a.organisation) if where.startswith("in") else scopes_disabled()
    with within:
        Community.objects.filter(pk=world.a.community.pk).update(**{field: value})
    response, _ = get(client, home(world.a))
    assert value in response.content.decode()


def test_a_change_in_another_organisation_leaves_the_page_kept(kept, world, client_for):
    client = browser(client_for, world.a.convener)
    get(client, home(world.a))
    with scope(organisation=world.b.organisation):
        Community.objects.filter(pk=world.b.community.pk).update(name="Beta Sepsis Renamed")
    _, served = get(client, home(world.a))
    assert served <= 2


def test_a_role_taken_away_takes_the_kept_page_with_it(kept, world, client_for):
    client = browser(client_for, world.a.convener)
    convener_view, _ = get(client, home(world.a))
    assert "Start-up steps" in convener_view.content.decode()
    with scope(organisation=world.a.organisation):
        Membership.objects.filter(community=world.a.community, user=world.a.convener).update(
            role=MembershipRole.MEMBER)
    member_view, _ = get(client, home(world.a))
    assert "Start-up steps" not in member_view.content.decode()


def test_another_person_never_gets_the_kept_page(kept, world, client_for, client):
    convener = browser(client_for, world.a.convener)
    convener_page, _ = get(convener, home(world.a))
    client.logout()
    member = browser(client_for, world.a.member)
    member_page, rendered = get(member, home(world.a))
    assert rendered > 2
    assert member_page.content != convener_page.content
    assert world.a.member.email.encode() not in convener_page.content


def test_the_fragment_and_the_whole_page_are_kept_apart(kept, world, client_for):
    client = browser(client_for, world.a.convener)
    page, _ = get(client, home(world.a))
    fragment, _ = get(client, home(world.a), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")
    again, _ = get(client, home(world.a))
    assert b"<html" in page.content and b"<html" in again.content
    assert again.content == page.content
    assert fragment.content != page.content or b"<html" in fragment.content


def test_a_message_after_a_change_is_shown_once_and_the_page_is_fresh(kept, world, client_for):
    client = browser(client_for, world.a.convener)
    get(client, home(world.a))
    edit = reverse("communities:edit", kwargs={"org": "tenant-a", "slug": "sepsis", "section": "practice"})
    response = client.post(edit, {"practice": "Escalation drills", "repertoire": "Stories"}, follow=True)
    page = response.content.decode()
    assert "Escalation drills" in page
    messages = [str(m) for m in response.context["messages"]] if response.context else []
    again, _ = get(client, home(world.a))
    assert "Escalation drills" in again.content.decode()
    for message in messages:
        assert message not in again.content.decode()


def test_without_a_csrf_cookie_nothing_is_kept(kept, world, client_for):
    client = client_for(world.a.convener)
    client.cookies.pop("csrftoken", None)
    _, first = get(client, home(world.a))
    client.cookies.pop("csrftoken", None)
    _, second = get(client, home(world.a))
    assert second == first


def test_off_when_the_setting_is_zero(kept, settings, world, client_for):
    settings.CONVENE_PAGE_CACHE_SECONDS = 0
    client = browser(client_for, world.a.convener)
    _, first = get(client, home(world.a))
    _, second = get(client, home(world.a))
    assert second == first


def _request(rf, user):
    from django.contrib.sessions.backends.cache import SessionStore

    request = rf.get("/tenant-a/")
    request.user = user
    request.session = SessionStore()
    request.session["seen"] = True
    request.session.save()
    request.COOKIES["csrftoken"] = CSRF_COOKIE
    request.META["CSRF_COOKIE"] = CSRF_COOKIE  # as the CSRF middleware reads it
    return request


def test_a_page_that_writes_while_read_is_not_kept(kept, world, rf):
    from django.http import HttpResponse

    from cop_platform.tenancy.context import resolve_tenant

    _, tenant = resolve_tenant("tenant-a", world.a.member)
    rendered = []

    def reads():
        rendered.append("reads")
        return HttpResponse("<p>Sepsis</p>", content_type="text/html")

    def writes():
        rendered.append("writes")
        with scope(organisation=world.a.organisation):
            Notification.objects.create(organisation=world.a.organisation, recipient=world.a.member,
                                        kind="conversations.reply", text="Seen")
        return HttpResponse("<p>Sepsis</p>", content_type="text/html")

    request = _request(rf, world.a.member)
    for _ in range(2):
        assert pagecache.serve(request, tenant, writes).content == b"<p>Sepsis</p>"
    request = _request(rf, world.a.member)
    for _ in range(2):
        assert pagecache.serve(request, tenant, reads).content == b"<p>Sepsis</p>"
    assert rendered == ["writes", "writes", "reads"]


def test_nothing_is_kept_while_the_request_holds_uncommitted_writes(kept, world, client_for):
    client = browser(client_for, world.a.convener)
    with transaction.atomic():
        with scope(organisation=world.a.organisation):
            Community.objects.filter(pk=world.a.community.pk).update(name="Alpha Sepsis Draft")
        _, first = get(client, home(world.a))
        _, second = get(client, home(world.a))
        assert second == first
        transaction.set_rollback(True)


# --- Which writes move which version ----------------------------------------------------------------------


def test_a_tenant_table_written_in_its_organisation_moves_that_organisation(world):
    table = Community._meta.db_table
    with scope(organisation=world.a.organisation):
        assert pagecache.written_scope(f'UPDATE "{table}" SET "name" = %s') == f"org:{world.a.organisation.pk}"
    with scopes_disabled():
        assert pagecache.written_scope(f'UPDATE "{table}" SET "name" = %s') == pagecache.GLOBAL
    assert pagecache.written_scope(f'INSERT INTO "{table}" ("name") VALUES (%s)') == pagecache.GLOBAL


def test_people_and_reads_and_sessions(world):
    with scope(organisation=world.a.organisation):
        assert pagecache.written_scope('UPDATE "accounts_user" SET "first_name" = %s') == pagecache.GLOBAL
        assert pagecache.written_scope('SELECT * FROM "communities_community"') is None
        assert pagecache.written_scope('UPDATE "django_session" SET "expire_date" = %s') is None
        assert pagecache.written_scope('  delete from communities_meeting where id = 1') == (
            f"org:{world.a.organisation.pk}")
        assert pagecache.written_scope('TRUNCATE "communities_meeting"') == f"org:{world.a.organisation.pk}"
        # Joining an organisation changes every organisation's header (the count of one's organisations).
        assert pagecache.written_scope('INSERT INTO "tenancy_organisationmember" ("user_id") VALUES (%s)') == (
            pagecache.GLOBAL)
        assert pagecache.written_scope('UPDATE "tenancy_organisation" SET "slug" = %s') == pagecache.GLOBAL


def test_a_write_moves_the_version_now_and_again_at_commit(world, django_capture_on_commit_callbacks):
    org = world.a.organisation
    before = pagecache.versions(org.pk)[1]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with scope(organisation=org):
            Community.objects.filter(pk=world.a.community.pk).update(name="Renamed")
            during = pagecache.versions(org.pk)[1]
            Community.objects.filter(pk=world.a.community.pk).update(name="Renamed again")
            assert pagecache.versions(org.pk)[1] == during  # one bump per transaction while it runs
    after = pagecache.versions(org.pk)[1]
    assert before != during != after
    assert len([c for c in callbacks if getattr(c, "pagecache_scope", None)]) == 1


# --- Who may see a kept page --------------------------------------------------------------------------------


def test_a_kept_page_is_still_refused_to_another_organisation_and_a_lesser_role(kept, world, client_for, client):
    invitations = reverse("communities:invitations", kwargs={"org": "tenant-a", "slug": "sepsis"})
    convener = browser(client_for, world.a.convener)
    for path in (home(world.a), invitations):
        get(convener, path)
        get(convener, path)  # kept now
    client.logout()
    stranger = browser(client_for, world.b.convener)
    assert stranger.get(home(world.a)).status_code == 404
    assert stranger.get(invitations).status_code == 404
    client.logout()
    member = browser(client_for, world.a.member)
    refused = member.get(invitations)
    assert refused.status_code in (403, 404)
    assert world.a.convener.email.encode() not in refused.content


def test_a_standing_is_kept_until_a_role_changes(kept, world, client_for):
    from cop_platform.tenancy.models import OrganisationRole, Role

    client = browser(client_for, world.a.member)
    for _ in range(2):
        get(client, home(world.a))
    _, served = get(client, home(world.a))
    assert served <= 1
    with scope(organisation=world.a.organisation):
        OrganisationRole.objects.create(organisation=world.a.organisation, user=world.a.member,
                                        role=Role.PROJECT_MANAGER)
    state_of_play = reverse("community_host:state_of_play", kwargs={"org": "tenant-a"})
    assert client.get(state_of_play).status_code == 200  # the new role counts at once


def test_what_the_session_holds_is_part_of_the_key(kept, world, client_for):
    client = browser(client_for, world.a.convener)
    for _ in range(3):
        _, served = get(client, home(world.a))
    assert served <= 1
    session = client.session
    session["invitation_signup"] = {"invitation_id": 1}  # session writes move no version
    session.save()
    _, after = get(client, home(world.a))
    assert after > 2


def test_a_cache_that_does_not_answer_never_fails_a_write(world, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(pagecache.cache, "set", refuse)
    with scope(organisation=world.a.organisation):
        Community.objects.filter(pk=world.a.community.pk).update(name="Saved all the same")
    with scopes_disabled():
        assert Community.objects.get(pk=world.a.community.pk).name == "Saved all the same"
    assert "could not be moved" in caplog.text
