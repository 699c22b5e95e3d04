"""The stylesheet pages load asks no other host for fonts."""

from django.contrib.staticfiles import finders
from django.test import Client


def test_the_served_nhsuk_stylesheet_has_no_remote_font_and_keeps_the_design_system(db):
    response = Client().get("/static/vendor/nhsuk-frontend/nhsuk-frontend.system-fonts.min.css")
    css = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    assert response.status_code == 200
    assert "assets.nhs.uk" not in css and "@font-face" not in css
    assert ".nhsuk-header" in css and ".nhsuk-table-responsive" in css


def test_collectstatic_finds_the_stylesheet_without_remote_fonts():
    path = finders.find("vendor/nhsuk-frontend/nhsuk-frontend.system-fonts.min.css")
    assert path and "https://assets.nhs.uk" not in open(path, encoding="utf-8").read()
