"""The NHS.UK frontend's stylesheet as our pages use it: without its remote web font.

``nhsuk-frontend.min.css`` declares the Frutiger font with ``@font-face`` rules that load it from
assets.nhs.uk. Pages must ask no other host for anything (and the Content-Security-Policy allows fonts
from this site only: Chromium even reports the remote ``@font-face`` sources as blocked requests when no
text uses them). The npm package does not ship the font files, so this finder serves a copy of the
stylesheet with those rules removed, as ``vendor/nhsuk-frontend/nhsuk-frontend.system-fonts.min.css``;
pages then use the system font stack the design system falls back to (``arial, sans-serif``). The
icons the stylesheet names from the site's root (``/assets/images/...``) are pointed at the package's own
copies, which sit beside it. The copy
is rebuilt whenever the installed stylesheet changes, for ``runserver``, the tests and ``collectstatic``.
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

SERVED_AS = "vendor/nhsuk-frontend/nhsuk-frontend.system-fonts.min.css"
REMOTE_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*url\(\s*['\"]?(?:https?:)?//[^}]*\}")


def for_our_pages(css):
    """Drop the remote ``@font-face`` rules; point the design system's icons (``url(/assets/...)``, a
    site-root path) at the copies beside the stylesheet."""
    return REMOTE_FONT_FACE.sub("", css).replace("url(/assets/", "url(assets/")


class NhsukFrontendFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = Path(settings.NODE_MODULES) / "nhsuk-frontend" / "dist" / "nhsuk" / "nhsuk-frontend.min.css"
        self.folder = Path(settings.VAR_DIR) / "static-build"
        self.storage = FileSystemStorage(location=str(self.folder))

    def check(self, **kwargs):
        return []

    def _built(self):
        if not self.source.exists():
            return None
        target = self.folder / SERVED_AS
        if not target.exists() or target.stat().st_mtime < self.source.stat().st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".tmp")
            partial.write_text(for_our_pages(self.source.read_text(encoding="utf-8")), encoding="utf-8")
            partial.replace(target)
        return str(target)

    def find(self, path, find_all=False, **kwargs):
        found = self._built() if path == SERVED_AS else None
        if find_all:
            return [found] if found else []
        return found

    def list(self, ignore_patterns):
        if self._built():
            yield SERVED_AS, self.storage
