"""The markup people write posts in, turned into HTML, then through the project's one sanitiser.

The markup (shown under the form as "How to format"):

- a blank line starts a new paragraph; a single line break stays a line break;
- lines starting ``- `` or ``* `` make a bulleted list, lines starting ``1. `` a numbered list;
- ``**bold**``;
- web addresses (``https://…``) become links, and so does ``[words](https://…)``;
- ``@Name`` names a member of the community (see :func:`communities.rules_conversations.resolve_mentions`);
- ``[library:12]`` and ``[meeting:5]`` link to the library item or meeting of that number in the same
  community; any other number is left as text.

Everything a person typed is escaped before any tag is added, and the result still passes
:func:`cop_platform.templatetags.richtext.sanitise_html` (an allow-list), so no HTML of theirs ever runs.
"""

import re

from django.utils.html import escape

from cop_platform.templatetags.richtext import sanitise_html

POST_TAGS = {"p", "br", "ul", "ol", "li", "strong", "a"}
POST_ATTRIBUTES = {"a": {"href"}}

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
# On what was typed (before escaping): a reference, ``[words](https://…)`` or a bare address.
_TOKEN = re.compile(r"\[(library|meeting):(\d{1,12})\]"
                    r"|\[([^\[\]\n]{1,200})\]\((https?://[^\s()<>\"']+)\)"
                    r"|(https?://[^\s<>\"']+)", re.IGNORECASE)
_REFERENCE = re.compile(r"\[(library|meeting):(\d{1,12})\]", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_TRAILING = ".,;:!?)"


def references(text):
    """``{"library": {ids}, "meeting": {ids}}`` named by ``[library:ID]`` / ``[meeting:ID]`` in ``text``."""
    found = {"library": set(), "meeting": set()}
    for kind, number in _REFERENCE.findall(text or ""):
        found[kind.lower()].add(int(number))
    return found


def _inline(line, *, mention_names, links):
    placeholders = []

    def keep(fragment):
        placeholders.append(fragment)
        return f"\x00{len(placeholders) - 1}\x00"

    out, last = [], 0
    for match in _TOKEN.finditer(line):
        out.append(escape(line[last:match.start()]))
        kind, number, words, address, bare = match.groups()
        if kind:
            target = links.get((kind.lower(), int(number)))
            out.append(keep(f'<a href="{escape(target[0])}">{escape(target[1])}</a>') if target
                       else escape(match.group(0)))
        elif words:
            out.append(keep(f'<a href="{escape(address)}">{escape(words)}</a>'))
        else:
            tail = ""
            while bare and bare[-1] in _TRAILING:
                tail, bare = bare[-1] + tail, bare[:-1]
            link = not re.fullmatch(r"https?://", bare, re.IGNORECASE)
            out.append((keep(f'<a href="{escape(bare)}">{escape(bare)}</a>') if link else escape(bare)) + escape(tail))
        last = match.end()
    out.append(escape(line[last:]))
    html = "".join(out)
    for name in sorted(mention_names, key=len, reverse=True):
        html = re.sub(re.escape(escape("@" + name)) + r"(?!\w)", lambda m: keep(f"<strong>{m.group(0)}</strong>"),
                      html, flags=re.IGNORECASE)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return re.sub(r"\x00(\d+)\x00", lambda m: placeholders[int(m.group(1))], html)


def _block(paragraph, **inline):
    lines = [line for line in paragraph.split("\n") if line.strip()]
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        if lines and all(pattern.match(line) for line in lines):
            items = "".join(f"<li>{_inline(pattern.match(line).group(1), **inline)}</li>" for line in lines)
            return f"<{tag}>{items}</{tag}>"
    return "<p>" + "<br>".join(_inline(line.strip(), **inline) for line in lines) + "</p>"


def render_post(text, *, mention_names=(), links=None):
    """The sanitised HTML for ``text``. ``mention_names``: the display names mentioned (shown bold);
    ``links``: ``{("library"|"meeting", id): (url, title)}`` for the references that resolve."""
    text = str(text or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    html = "".join(_block(p, mention_names=list(mention_names), links=links or {}) for p in paragraphs)
    return sanitise_html(html, tags=POST_TAGS, attributes=POST_ATTRIBUTES)


def plain_excerpt(text, limit=200):
    """A short plain-text excerpt of a post's markup (for a quote or a notification)."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
