"""render_pdf: every resource outside the project's static folder is refused (network, loopback, other
files, attachments, SVG images, ``..`` however encoded), nothing is ever embedded, the PDF is tagged
PDF/UA, and the size and page bounds refuse with a reason a person can read."""

import base64
import logging

import pytest
from weasyprint.urls import URLFetcherResponse

from cop_platform.pdf import PdfError, PdfTooLarge, render_pdf, render_pdf_html
from cop_platform.pdf.fetcher import RefusedURL, StaticOnlyFetcher, static_base_url, static_root
from tests.core.pdf_helpers import LoopbackServer, embedded_things, hostile_payloads, pdf_reader, pdf_text

PASSWD_MARKER = "root:x:0:0"


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (0, 94, 184)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


PNG_1PX = _png()


def _document(body, head=""):
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Test</title>'
            f'<link rel="stylesheet" href="pdf/print.css">{head}</head><body><h1>Test</h1>{body}</body></html>')


@pytest.fixture
def pdf_template(settings, tmp_path):
    """A template ``pdf/test_hostile.html`` that outputs ``raw`` unescaped, as a careless template would."""
    folder = tmp_path / "pdf"
    folder.mkdir()
    (folder / "test_hostile.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}{% autoescape off %}{{ raw }}{% endautoescape %}'
        '{% endblock %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return "pdf/test_hostile.html"


# --- The fetcher on its own -------------------------------------------------------------------------------

def test_fetcher_serves_the_projects_own_static_file():
    response = StaticOnlyFetcher()(static_base_url() + "pdf/print.css")
    assert isinstance(response, URLFetcherResponse)
    assert b"@page" in response.read()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "http://127.0.0.1:1/",
    "https://example.org/x.png",
    "ftp://example.org/x",
    "FILE:///etc/passwd",
    "data:text/plain,secret",
    "data:text/html;base64,PHA+aGk8L3A+",
])
def test_fetcher_refuses_anything_else(url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher()(url)


@pytest.mark.parametrize("suffix", [
    "pdf/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "pdf/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "../../../../../../../etc/passwd",
    "pdf/../../pyproject.toml",  # a real file just outside the static folder
])
def test_fetcher_refuses_dot_dot_however_it_is_written(suffix):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher()(static_base_url() + suffix)


def test_fetcher_refuses_a_symlink_out_of_the_static_folder(tmp_path, settings):
    static = tmp_path / "static"
    static.mkdir()
    (static / "escape.css").symlink_to("/etc/passwd")
    settings.BASE_DIR = tmp_path
    assert static_root() == static.resolve()
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher()(static.as_uri() + "/escape.css")


def test_fetcher_allows_data_images_deliberately():
    response = StaticOnlyFetcher()(f"data:image/png;base64,{PNG_1PX}")
    assert response.read().startswith(b"\x89PNG")
    assert response.content_type == "image/png"


# --- Hostile HTML through render_pdf ------------------------------------------------------------------------

def test_each_hostile_resource_is_refused_and_nothing_is_fetched_or_embedded(pdf_template, caplog):
    with LoopbackServer() as server:
        for name, payload in hostile_payloads(server.url).items():
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="cop_platform.pdf.fetcher"):
                content = render_pdf(pdf_template, {"raw": payload}, title=f"Hostile {name}")
            assert server.requests == [], f"{name}: the loopback server was asked for {server.requests}"
            assert embedded_things(content) == [], f"{name}: {embedded_things(content)}"
            assert PASSWD_MARKER not in pdf_text(content), name
            assert b"LOOPBACK-SECRET" not in content and PASSWD_MARKER.encode() not in content, name
            if "attachment" not in name:  # attachments are dropped before anything fetches them
                assert any("refused" in r.getMessage() for r in caplog.records), f"{name}: nothing was refused"


def test_css_import_of_loopback_is_not_applied(pdf_template):
    with LoopbackServer() as server:
        content = render_pdf(pdf_template, {"raw": f'<style>@import url("{server.url}/imported.css");</style>'},
                             title="Import")
        assert server.requests == []
    assert embedded_things(content) == []


def test_a_data_image_attachment_is_still_not_embedded(pdf_template):
    """Even what the fetcher allows (a data: image) never becomes an attachment."""
    payload = (f'<link rel="attachment" href="data:image/png;base64,{PNG_1PX}" title="pixel">'
               f'<a rel="attachment" href="data:image/png;base64,{PNG_1PX}">pixel</a>')
    content = render_pdf(pdf_template, {"raw": payload}, title="Attachment")
    assert embedded_things(content) == []


def test_inline_data_image_is_drawn(pdf_template):
    content = render_pdf(pdf_template, {"raw": f'<img src="data:image/png;base64,{PNG_1PX}" alt="A pixel">'},
                         title="Image")
    assert b"/Subtype /Image" in content or b"/Subtype/Image" in content


def test_the_print_stylesheet_is_applied():
    """The allowed path works: the page numbers come from static/pdf/print.css."""
    content = render_pdf_html(_document("<p>Body</p>"))
    assert "Page 1 of 1" in pdf_text(content)


def test_escaped_hostile_text_is_shown_as_text():
    content = render_pdf("pdf/base.html", {}, title='<script>alert(1)</script><link rel="attachment">')
    assert "<script>alert(1)</script>" in pdf_text(content)
    assert embedded_things(content) == []


# --- PDF/UA -------------------------------------------------------------------------------------------------

def test_pdf_is_tagged_with_language_and_title():
    content = render_pdf("pdf/base.html", {}, title="Dossier of a test", lang="en-GB")
    reader = pdf_reader(content)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Dossier of a test"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert bool(root["/MarkInfo"]["/Marked"])


# --- Bounds -------------------------------------------------------------------------------------------------

def test_input_over_the_size_bound_is_refused_before_rendering(settings):
    settings.CONVENE_PDF_MAX_HTML_BYTES = 2000
    with pytest.raises(PdfTooLarge) as caught:
        render_pdf_html(_document("<p>" + "x" * 3000 + "</p>"))
    assert "too large" in str(caught.value) and "2,000" in str(caught.value)


def test_document_over_the_page_bound_is_refused(settings):
    settings.CONVENE_PDF_MAX_PAGES = 3
    body = '<p style="break-after: page">page</p>' * 10
    with pytest.raises(PdfTooLarge) as caught:
        render_pdf_html(_document(body))
    assert "would run to 10 pages; the limit is 3" in str(caught.value)


def test_a_fatal_fetch_error_becomes_a_readable_pdf_error(monkeypatch):
    """FatalURLFetchingError is a BaseException: render_pdf catches it explicitly."""
    from weasyprint.urls import FatalURLFetchingError

    def fatal(self, url, headers=None):
        raise FatalURLFetchingError("stop")

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", fatal)
    with pytest.raises(PdfError) as caught:
        render_pdf_html(_document("<p>x</p>"))
    assert "could not be made" in str(caught.value)
