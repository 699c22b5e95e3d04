"""What every signed-in organisation page pays before its own work: the person (one query) and their
membership with the organisation, their roles, their unread count and how many organisations they belong
to (one query). The session comes from the cache. The standing is read afresh on every request, so a role
granted or taken away, or a removal, shows on the very next page."""

from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from cop_platform.tenancy.models import OrganisationMember, Role
from cop_platform.tenancy.services import person_remove, role_grant, role_revoke
from tests.factories import OrganisationFactory, OrganisationMemberFactory

PEOPLE = reverse("tenant_people", kwargs={"org": "tenant-a"})
INBOX = reverse("notifications_inbox", kwargs={"org": "tenant-a"})


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, [q["sql"] for q in ctx.captured_queries]


def test_a_members_page_pays_two_queries_before_its_own(world, client_for):
    for person in (world.a.member, world.a.admin):
        response, queries = _get(client_for(person), INBOX)
        assert response.status_code == 200
        assert not [q for q in queries if "django_session" in q]  # from the cache
        standing = [q for q in queries if "tenancy_organisation" in q]
        assert len(standing) == 1, standing  # organisation, membership, roles and count: one query
        assert len(queries) == 3, queries  # the person, their standing, the inbox's own count


def test_roles_granted_or_revoked_show_on_the_next_page_of_the_same_session(world, client_for):
    organisation, member = world.a.organisation, world.a.member
    client = client_for(member)
    assert client.get(PEOPLE).status_code in (403, 404)
    with scope(organisation=organisation):
        role_grant(organisation=organisation, user=member, role=Role.ADMIN)
    response = client.get("/tenant-a/")
    assert PEOPLE.encode() in response.content  # the navigation knows at once
    assert client.get(PEOPLE).status_code == 200
    with scope(organisation=organisation):
        role_revoke(organisation=organisation, user=member, role=Role.ADMIN)
    assert PEOPLE.encode() not in client.get("/tenant-a/").content
    assert client.get(PEOPLE).status_code in (403, 404)


def test_the_organisation_switch_follows_the_persons_organisations(world, client_for):
    member = world.a.member
    client = client_for(member)
    assert "Switch organisation" not in client.get(INBOX).content.decode()
    other = OrganisationFactory(name="Gamma Network", slug="gamma")
    OrganisationMemberFactory(organisation=other, user=member)
    assert "Switch organisation" in client.get(INBOX).content.decode()
    with scope(organisation=other):
        OrganisationMember.objects.filter(user=member).delete()
    assert "Switch organisation" not in client.get(INBOX).content.decode()


def test_a_person_removed_loses_access_on_their_next_request(world, client_for):
    organisation, member = world.a.organisation, world.a.member
    client = client_for(member)
    assert client.get("/tenant-a/").status_code == 200
    with scope(organisation=organisation):
        person_remove(organisation=organisation, by=world.a.admin,
                      member=OrganisationMember.objects.get(user=member))
    assert client.get("/tenant-a/").status_code == 404
    assert client.get(INBOX).status_code == 404


def test_signing_out_ends_the_session_in_the_database_and_the_cache(world, client_for):
    client = client_for(world.a.member)
    assert client.get(INBOX).status_code == 200
    key = client.session.session_key
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert caches[settings.SESSION_CACHE_ALIAS].get(KEY_PREFIX + key) is None
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie  # the old cookie, replayed, opens nothing
    response = client.get(INBOX)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_session_missing_from_the_cache_is_read_from_the_database(world, client_for):
    client = client_for(world.a.member)
    caches[settings.SESSION_CACHE_ALIAS].delete(KEY_PREFIX + client.session.session_key)
    response, queries = _get(client, INBOX)
    assert response.status_code == 200
    assert len([q for q in queries if "django_session" in q]) == 1


def test_anonymous_people_sign_in_and_non_members_get_a_404(world, client, client_for):
    response = client.get(INBOX)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert client.get("/no-such-organisation/").status_code == 404
    assert client_for(world.b.member).get(INBOX).status_code == 404


def test_sessions_come_from_the_cache_only_where_every_process_shares_it(tmp_path):
    from tests.core.test_deployment import _manage

    code = "from django.conf import settings as s; print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'])"

    def engine(**extra):
        result = _manage(tmp_path, "shell", "--no-imports", "-c", code, **extra)
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    assert engine(REDIS_URL="redis://127.0.0.1:6379/0") == [
        "django.contrib.sessions.backends.cached_db", "django.core.cache.backends.redis.RedisCache"]
    # Several web processes with a cache each: a sign-out must reach them all, so the database it is.
    assert engine()[0] == "django.contrib.sessions.backends.db"
    # ``make run``: one process, SQLite and local memory.
    assert engine(DEBUG="true", DATABASE_URL="") == [
        "django.contrib.sessions.backends.cached_db", "django.core.cache.backends.locmem.LocMemCache"]
