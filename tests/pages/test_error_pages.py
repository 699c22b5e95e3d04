"""``make run`` (DEBUG on, CONVENE_ERROR_PAGES on) shows the product's own 404 and 500 pages."""

import pytest
from django.test import Client


@pytest.fixture
def demo_debug(settings):
    settings.DEBUG = True
    settings.CONVENE_ERROR_PAGES = True
    return settings


def test_unknown_address_shows_our_404_page_with_debug_on(db, demo_debug, client):
    response = client.get("/no/such/page/at/all/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body and "nhsuk-header" in body
    assert "URLconf" not in body and "DEBUG = True" not in body


def test_a_page_of_an_organisation_you_do_not_belong_to_shows_our_404(world, demo_debug, client_for):
    response = client_for(world.a.member).get(f"/{world.b.organisation.slug}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_uncaught_error_shows_our_500_page_with_debug_on(world, demo_debug, monkeypatch):
    def broken(user):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("cop_platform.views.organisations_for_user", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.a.member, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "the database went away" not in body and "Traceback" not in body


def test_without_the_setting_debug_keeps_djangos_technical_404(db, settings, client):
    settings.DEBUG = True
    settings.CONVENE_ERROR_PAGES = False
    assert "URLconf" in client.get("/no/such/page/at/all/").content.decode()
