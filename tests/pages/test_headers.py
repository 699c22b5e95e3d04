"""Every HTML page carries the Content-Security-Policy; htmx pages restore in full on back and forward."""

import pytest
from django.urls import reverse

REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


def _pages(world):
    org = world.a.organisation.slug
    call_pages = [reverse("conveners:calls", kwargs={"org": org})]
    return [
        ("anonymous", reverse("account_login")),
        ("member", reverse("home")),
        ("member", reverse("tenant_home", kwargs={"org": org})),
        ("member", reverse("communities:directory", kwargs={"org": org})),
        ("member", world.a.community.get_absolute_url()),
        ("project_manager", reverse("community_host:state_of_play", kwargs={"org": org})),
        ("admin", reverse("tenant_people", kwargs={"org": org})),
        *[("project_manager", url) for url in call_pages],
        ("member", f"/{org}/no-such-page/"),  # the 404 page
        ("member", f"/{world.b.organisation.slug}/"),  # another tenant: 404
    ]


def test_every_html_page_of_a_sample_carries_the_content_security_policy(world, client, client_for):
    for who, url in _pages(world):
        http = client if who == "anonymous" else client_for(getattr(world.a, who))
        response = http.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        policy = _policy(response)
        for directive, value in REQUIRED_DIRECTIVES.items():
            assert policy.get(directive) == value, f"{url}: {directive} is {policy.get(directive)!r}"
        assert "unsafe-inline" not in response["Content-Security-Policy"], url


def test_pages_carry_no_inline_script_or_style_attribute(world, client_for):
    for who, url in _pages(world):
        body = client_for(getattr(world.a, who if who != "anonymous" else "member")).get(url).content.decode()
        assert "<script>" not in body and " style=" not in body, url


def test_htmx_search_answers_a_fragment_and_says_it_varies_by_hx_request(world, client_for):
    client = client_for(world.a.member)
    url = reverse("communities:directory", kwargs={"org": world.a.organisation.slug})
    fragment = client.get(url, {"q": "Sepsis"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]
    assert "HX-Request" in client.get(url)["Vary"]


@pytest.mark.parametrize("name", ["communities:directory", "communities:members"])
def test_history_restore_after_an_htmx_search_answers_the_full_page(world, client_for, name):
    client = client_for(world.a.member)
    kwargs = {"org": world.a.organisation.slug}
    if name == "communities:members":
        kwargs["slug"] = world.a.community.slug
    response = client.get(reverse(name, kwargs=kwargs), {"q": "a"},
                          headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith("<!DOCTYPE html>") and "</html>" in body
    assert "HX-Request" in response["Vary"]
