"""``|richtext``: typed text keeps its paragraphs and its links, and nothing in it can run."""

import pytest
from django.template import Context, Template

from cop_platform.templatetags.richtext import MAX_CHARS, richtext_html


def render(text):
    return Template("{% load richtext %}{{ text|richtext }}").render(Context({"text": text}))


def test_blank_lines_make_paragraphs_and_single_breaks_stay():
    assert render("First idea\nstill first\n\n\nSecond idea\r\n\r\nThird") == (
        "<p>First idea<br>still first</p><p>Second idea</p><p>Third</p>")


def test_web_addresses_become_links_that_do_not_pass_on_ranking_or_the_window():
    html = render("See https://www.example.org/nice/ng51. And (http://example.org/a?b=1&c=2)")
    first, second = "https://www.example.org/nice/ng51", "http://example.org/a?b=1&amp;c=2"
    assert f'<a href="{first}" rel="nofollow noopener">{first}</a>.' in html
    assert f'(<a href="{second}" rel="nofollow noopener">{second}</a>)' in html


def test_an_address_with_brackets_keeps_them():
    assert 'href="https://en.example.org/wiki/Sepsis_(disease)"' in render("https://en.example.org/wiki/Sepsis_(disease)")


def _elements(html):
    """Every start tag in ``html`` with its attributes, as a browser's parser reads them."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/'onmouseover='alert(1)",
    "https://example.org/<script>alert(1)</script>",
    "<iframe src=https://example.org></iframe>",
    "data:text/html,<script>alert(1)</script>",
    "<p onclick=alert(1)>hi</p>",
    "<style>body{display:none}</style>",
])
def test_hostile_html_is_shown_as_text_and_nothing_executable_survives(hostile):
    for tag, attrs in _elements(render(hostile)):
        assert tag in {"p", "br", "a"}, tag
        if tag == "a":
            assert set(attrs) == {"href", "rel"} and attrs["href"].startswith(("https://", "http://"))
            assert attrs["rel"] == "nofollow noopener"
        else:
            assert attrs == {}


def test_hostile_text_is_visible_to_the_reader_as_typed():
    assert render("<b>bold</b> & co") == "<p>&lt;b&gt;bold&lt;/b&gt; &amp; co</p>"


@pytest.mark.parametrize("empty", [None, "", "   \n\n  "])
def test_empty_text_renders_nothing(empty):
    assert render(empty) == ""


def test_huge_text_is_bounded():
    html = richtext_html("word " * (MAX_CHARS // 2))
    assert html.startswith("<p>") and len(html) < MAX_CHARS + 100
