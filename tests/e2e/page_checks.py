"""Checks made on every page a browser journey visits, whatever the journey tests.

Each browser context a test opens (``page`` or ``browser.new_context()``) is watched:

- it runs at a phone's width (375 CSS pixels); after each page load the page must not scroll sideways
  (``document.documentElement.scrollWidth <= 375``);
- no request leaves the live server (127.0.0.1 / localhost): no fonts, scripts or images from elsewhere;
- no Content-Security-Policy violation is reported (``securitypolicyviolation`` events);
- every HTML document the server sends is kept, and at the end of the test the W3C Nu HTML Checker
  (``vnu-jar`` from npm, one Java start per test) must find no errors in any of them.
"""

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PHONE = {"width": 375, "height": 812}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

WATCH_PAGE = r"""() => {
  const report = (kind, detail) => { try { window.__convenePageCheck(kind, detail); } catch (e) {} };
  document.addEventListener('securitypolicyviolation', (e) => report('csp',
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || location.href}:${e.lineNumber})`));
  // The element that sticks out furthest past the right edge, named so a failure says where to look.
  const widest = () => {
    let found = null, right = document.documentElement.clientWidth;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect().right + window.scrollX;
      if (r > right && !el.closest('.nhsuk-u-visually-hidden, .nhsuk-table__head')) { right = r; found = el; }
    }
    if (!found) return '';
    const classes = typeof found.className === 'string' ? found.className.trim().split(/\s+/).filter(Boolean) : [];
    const name = found.tagName.toLowerCase() + (found.id ? '#' + found.id : '') + classes.map((c) => '.' + c).join('');
    return `${name} reaches ${Math.round(right)} px ("${(found.textContent || '').trim().slice(0, 40)}")`;
  };
  window.addEventListener('load', () => report('width', {url: location.href,
    width: document.documentElement.scrollWidth, widest: widest()}));
}"""


@dataclass
class PageChecks:
    folder: Path
    vnu_jar: Path
    documents: list = field(default_factory=list)  # (file, url)
    wide: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    csp: list = field(default_factory=list)
    unread: list = field(default_factory=list)
    contexts: list = field(default_factory=list)

    def watch(self, context):
        self.contexts.append(context)
        context.expose_binding("__convenePageCheck", self._reported)
        context.add_init_script(f"({WATCH_PAGE})()")
        context.on("request", self._request)
        context.on("response", self._response)
        return context

    def _reported(self, source, kind, detail):
        if kind == "csp":
            self.csp.append(detail)
        elif kind == "width" and detail["width"] > PHONE["width"]:
            widest = f": {detail['widest']}" if detail.get("widest") else ""
            self.wide.append(f"{detail['url']} is {detail['width']} px wide{widest}")

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS:
            self.foreign.append(f"{request.resource_type} {request.url}")

    def _response(self, response):
        if response.request.resource_type != "document" or 300 <= response.status < 400:
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        try:
            body = response.body()
        except Exception as exc:  # the page moved on before its body was read
            self.unread.append(f"{response.url}: {exc}")
            return
        path = self.folder / f"page-{len(self.documents):03d}.html"
        path.write_bytes(body)
        self.documents.append((path, response.url))

    def flush(self):
        """Let the browser deliver what it still has to say about open pages."""
        for context in self.contexts:
            for page in list(context.pages):
                try:
                    page.evaluate("0")
                except Exception:
                    pass

    def html_errors(self):
        if not self.documents:
            return []
        by_name = {path.name: url for path, url in self.documents}
        result = subprocess.run(
            ["java", "-jar", str(self.vnu_jar), "--errors-only", "--format", "json",
             *[str(path) for path, _ in self.documents]],
            capture_output=True, text=True, timeout=300,
        )
        output = result.stderr.strip() or result.stdout.strip()
        messages = json.loads(output)["messages"] if output else []
        errors = []
        for message in messages:
            if message.get("type") not in {"error", "non-document-error"}:
                continue
            url = by_name.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
            where = f":{message['lastLine']}" if "lastLine" in message else ""
            errors.append(f"{url}{where}: {message.get('message')} [{message.get('extract', '').strip()[:120]}]")
        return errors

    def problems(self):
        self.flush()
        found = []
        if self.wide:
            found.append(f"Pages wider than a {PHONE['width']} px phone (they scroll sideways):")
            found += [f"  - {line}" for line in dict.fromkeys(self.wide)]
        if self.foreign:
            found.append("Requests to hosts other than the live server:")
            found += [f"  - {line}" for line in dict.fromkeys(self.foreign)]
        if self.csp:
            found.append("Content-Security-Policy violations:")
            found += [f"  - {line}" for line in dict.fromkeys(self.csp)]
        html = self.html_errors()
        if html:
            found.append("W3C Nu HTML Checker errors:")
            found += [f"  - {line}" for line in html]
        return found
