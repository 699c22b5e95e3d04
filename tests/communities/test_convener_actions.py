"""Every convener's action, tried by a plain member with a POST, is refused (403) and changes nothing;
the same POST by the convener is allowed (not 403/404)."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from communities.models import Action, Invitation, JoinRequest, LibraryItem, MapEntry, Meeting, Membership
from tests.isolation.access import COMMUNITY_CONVENER, COMMUNITY_CORE, url_arguments
from tests.isolation.access_communities import ACCESS
from tests.isolation.test_crawler import TENANT_URLS

# Pages of conveners, and of those who run the community with them (the core group): a plain member is
# refused either way.
CONVENER_URLS = [(name, route) for name, route in TENANT_URLS
                 if ACCESS.get(name) in (COMMUNITY_CONVENER, COMMUNITY_CORE)]
POST_DATA = {
    "communities:member_role": {"role": "member"},
    "communities:edit": {"domain_statement": "Taken over"},
    "communities:startup_step": {"step": "conversation", "done": "1"},
    "communities:join_request_decide": {"decision": "approve"},
    "communities:map": {"name": "Someone"},
    "communities:invite": {"addresses": "x@example.org", "role": "member", "message": "Hi"},
    "communities:meeting_record": {"notes": "Mine"},
    "communities:meeting_exchange": {"what": "Mine"},
    "communities:meeting_action": {"title": "Mine", "month": "2026-12", "status": "planned"},
    "communities:action_status": {"status": "done"},
}


def snapshot():
    with scopes_disabled():
        return [list(m.objects.order_by("pk").values()) for m in
                (Action, Invitation, JoinRequest, LibraryItem, MapEntry, Meeting, Membership)]


def _url(name, route, tenant):
    import re

    arguments = url_arguments(tenant, community=tenant.community)
    wanted = re.findall(r"<(?:\w+:)?(\w+)>", route)
    return reverse(name, kwargs={w: arguments[w] for w in wanted})


def test_there_are_convener_actions_to_try():
    assert len(CONVENER_URLS) >= 15


@pytest.mark.parametrize("name,route", CONVENER_URLS, ids=[n for n, _ in CONVENER_URLS])
def test_plain_member_post_is_refused_and_changes_nothing(world, client_for, name, route, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = _url(name, route, world.a)
    before = snapshot()
    response = client_for(world.a.member).post(url, POST_DATA.get(name, {}))
    assert response.status_code == 403, f"{name}: {response.status_code}"
    assert snapshot() == before


@pytest.mark.parametrize("name,route", CONVENER_URLS, ids=[n for n, _ in CONVENER_URLS])
def test_convener_post_is_let_through(world, client_for, name, route, settings, tmp_path,
                                      django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    url = _url(name, route, world.a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.a.convener).post(url, POST_DATA.get(name, {}))
    assert response.status_code in (200, 302, 405), f"{name}: {response.status_code}"  # 405: a GET-only page
