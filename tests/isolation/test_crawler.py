"""The tenant-isolation crawler: every URL pattern under ``/<org>/`` is requested as people who must
not see it, and must answer 404 (other tenant, unlisted community) or 403 (wrong role). New URLs are
covered without writing a new test; one missing from ``access.ACCESS`` fails the crawl. Inside the
tenant, ``test_refusals.py`` tries every person the page is not for."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.isolation.access import ACCESS, url_arguments


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), set(entry.pattern.converters)


def _open_to_organisation(community):
    from django_scopes import scopes_disabled

    from communities.models import Community

    with scopes_disabled():
        Community.objects.filter(pk=community.pk).update(content_open=True)


def tenant_url_names():
    names = []
    for name, route, _converters in _walk(get_resolver().url_patterns):
        if route.startswith("<slug:org>/"):
            names.append((name, route))
    return sorted(set(names))


TENANT_URLS = tenant_url_names()


def _reverse(name, route, tenant, community):
    arguments = url_arguments(tenant, community=community)
    import re

    wanted = re.findall(r"<(?:\w+:)?(\w+)>", route)
    missing = [w for w in wanted if w not in arguments]
    assert not missing, f"{name}: no fixture value for URL argument(s) {missing}; add them to access.url_arguments"
    return reverse(name, kwargs={w: arguments[w] for w in wanted})


def test_every_tenant_url_is_in_the_access_table():
    missing = [name for name, _ in TENANT_URLS if name not in ACCESS]
    assert not missing, f"Tenant URLs with no entry in tests/isolation/access.py: {missing}"
    assert len(TENANT_URLS) >= 4


@pytest.mark.parametrize("name,route", TENANT_URLS, ids=[n for n, _ in TENANT_URLS])
def test_other_tenant_gets_404(world, client_for, name, route):
    url = _reverse(name, route, world.a, world.a.community)
    for intruder in (world.b.admin, world.b.project_manager, world.b.member, world.b.convener):
        client = client_for(intruder)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{intruder.email} {method.upper()} {url}: {response.status_code}"
            assert b"Page not found" in response.content


@pytest.mark.parametrize("name,route", TENANT_URLS, ids=[n for n, _ in TENANT_URLS])
def test_anonymous_is_sent_to_sign_in(world, client, name, route):
    url = _reverse(name, route, world.a, world.a.community)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name,route", TENANT_URLS, ids=[n for n, _ in TENANT_URLS])
def test_htmx_requests_are_refused_alike(world, client_for, name, route):
    url = _reverse(name, route, world.a, world.a.community)
    response = client_for(world.b.member).get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
