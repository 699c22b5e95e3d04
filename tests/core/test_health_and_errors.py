from unittest import mock

import pytest


def test_healthz_reports_database_and_broker(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"] == "ok"
    assert data["broker"] in {"ok", "eager"}


def test_healthz_is_503_when_the_database_is_down(db, client):
    with mock.patch("cop_platform.views._check_database", return_value="unavailable"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_is_503_when_the_broker_is_down(db, client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from cop_platform.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    app._pool = None
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
        app._pool = None
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"


def test_404_page_is_styled_and_helpful(db, client):
    response = client.get("/no/such/page/at/all/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"nhsuk-header" in response.content


def test_500_page_is_styled(rf, db):
    from cop_platform.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


@pytest.mark.parametrize("page", ["/hin-south-london/?page=<script>", "/%00/",
                                  "/accounts/login/?next=//evil.example.org/"])
def test_hostile_urls_never_500(db, client, page):
    response = client.get(page)
    assert response.status_code < 500


def test_500_page_falls_back_to_plain_html_when_rendering_fails(rf, db):
    from cop_platform.views import error_500

    with mock.patch("cop_platform.views.render", side_effect=RuntimeError("database gone")):
        response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
