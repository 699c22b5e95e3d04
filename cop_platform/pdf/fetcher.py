"""The only URL fetcher WeasyPrint gets: the project's own static files and ``data:`` images, nothing else.

WeasyPrint's default fetcher reads any local file and makes network requests (``<link rel=attachment
href=file:///proc/self/environ>`` embedded the environment into a PDF). This one answers a fixed list:

- ``file:`` URLs whose path — percent-decoded first (``%2e%2e`` is ``..``), then resolved (symlinks,
  ``..``) — lies inside the project's ``static/`` folder;
- ``data:image/…`` URLs (inline images, server-rendered charts), decoded here without any I/O;
- everything else (``http(s):`` including loopback, ``ftp:``, ``file:`` elsewhere, other ``data:`` types)
  raises :class:`RefusedURL` before any connection or file read.
"""

import base64
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

MAX_RESOURCE_BYTES = 5 * 1024 * 1024


class RefusedURL(ValueError):
    """A URL the PDF renderer may not fetch."""


def static_root():
    return Path(settings.BASE_DIR, "static").resolve()


def static_base_url():
    """Relative URLs in ``pdf/`` templates (``pdf/print.css``) resolve inside the static folder."""
    return static_root().as_uri() + "/"


class StaticOnlyFetcher(URLFetcher):
    def __init__(self, **kwargs):
        kwargs.setdefault("allowed_protocols", ("file", "data"))
        kwargs.setdefault("allow_redirects", False)
        # Off on purpose (see cop_platform.pdf): a refused resource is logged and left out of the PDF.
        kwargs.setdefault("fail_on_errors", False)
        super().__init__(**kwargs)

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._static_file(url)
        raise self._refuse(url, "only the project's own static files may be used")

    def _refuse(self, url, why):
        logger.warning("PDF renderer refused a resource (%s): %.200s", why, url)
        return RefusedURL(f"Refused {url[:200]!r}: {why}")

    def _static_file(self, url):
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "a file on another host")
        root = static_root()
        try:
            path = Path(url2pathname(parts.path)).resolve()
        except (OSError, ValueError) as exc:
            raise self._refuse(url, "not a usable path") from exc
        if not path.is_relative_to(root) or not path.is_file():
            raise self._refuse(url, "outside the static folder")
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise self._refuse(url, "too large")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})

    def _data(self, url):
        header, comma, payload = url[len("data:"):].partition(",")
        if not comma:
            raise self._refuse(url, "a malformed data URL")
        params = header.split(";")
        content_type = params[0].strip().lower()
        if not content_type.startswith("image/"):
            raise self._refuse(url, "data URLs are allowed for images only")
        if len(payload) > MAX_RESOURCE_BYTES * 2:
            raise self._refuse(url, "too large")
        raw = unquote_to_bytes(payload)
        if "base64" in (p.strip().lower() for p in params[1:]):
            try:
                raw = base64.b64decode(raw, validate=False)
            except ValueError as exc:
                raise self._refuse(url, "bad base64") from exc
        return URLFetcherResponse(url, body=raw, headers={"Content-Type": content_type})
