"""``{{ text|richtext }}``: long text a person typed, shown with its paragraphs and clickable links.

Load it with ``{% load richtext %}``. The text is escaped first (so any HTML in it is shown as text, never
run), blank lines become paragraphs and single line breaks ``<br>``, http(s) addresses become links with
``rel="nofollow noopener"``, and the result goes through nh3 with an allow-list of ``p``, ``br`` and
``a href`` (http and https only) as a second guard."""

import re

import nh3
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

MAX_CHARS = 100_000  # longer than any text field we store: a bound on the work, not a rule on content
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?'\")]}"
_ALLOWED_TAGS = {"p", "br", "a"}
_ALLOWED_ATTRIBUTES = {"a": {"href"}}


def _split_trailing(url):
    """A URL at the end of a sentence keeps its address, not the full stop (or a closing bracket that
    has no opening one inside the address)."""
    tail = ""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def _linkify(line):
    out, last = [], 0
    for match in _URL.finditer(line):
        url, tail = _split_trailing(match.group(0))
        out.append(escape(line[last:match.start()]))
        if re.fullmatch(r"https?://", url, re.IGNORECASE):
            out.append(escape(url))
        else:
            out.append(f'<a href="{escape(url)}">{escape(url)}</a>')
        out.append(escape(tail))
        last = match.end()
    out.append(escape(line[last:]))
    return "".join(out)


def richtext_html(value):
    """The HTML for ``value`` (see the module's docstring); an empty string for empty text."""
    text = str(value or "")[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    html = "".join("<p>" + "<br>".join(_linkify(line.strip()) for line in p.strip().split("\n")) + "</p>"
                   for p in paragraphs)
    return sanitise_html(html)


def sanitise_html(html, *, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES):
    """The project's one HTML sanitiser: nh3 with an allow-list of ``tags`` and ``attributes`` (never
    an event handler or ``style``), http(s) and site-relative links only, every link
    ``rel="nofollow noopener"``. Whatever is shown as HTML from something a person typed passes here."""
    return nh3.clean(str(html)[:MAX_CHARS * 4], tags=set(tags), attributes={k: set(v) for k, v in attributes.items()},
                     url_schemes={"http", "https"}, link_rel="nofollow noopener")


@register.filter(is_safe=False)
def richtext(value):
    # Safe to mark: the text was escaped and the HTML built from it passed nh3's allow-list.
    return mark_safe(richtext_html(value))
