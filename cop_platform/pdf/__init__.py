"""PDFs from templates under ``templates/pdf/``, rendered by WeasyPrint with every outside resource refused.

:func:`render_pdf` is the one way the project makes a PDF:

- the HTML comes from a Django template extending ``pdf/base.html`` (autoescaped: what a person typed is
  text, never markup); it is bounded in size (``CONVENE_PDF_MAX_HTML_BYTES``) before WeasyPrint sees it;
- resources are fetched by :class:`StaticOnlyFetcher`: the project's own static folder and ``data:`` images,
  nothing else (no network, no ``file://`` elsewhere, no ``..`` however encoded);
- ``<link rel="attachment">`` and ``<a rel="attachment">`` never embed anything: the document's attachments
  and attachment links are dropped after layout, whatever the fetcher allowed;
- the laid-out document is bounded in pages (``CONVENE_PDF_MAX_PAGES``), checked after ``render()`` and
  before ``write_pdf()``; the work itself is bounded by the size limit and the build task's time limit;
- the PDF is tagged PDF/UA-1 (structure tree, ``/Lang`` from ``<html lang>``, the title shown).

**Errors.** A refused or failing resource is logged by WeasyPrint and left out (``fail_on_errors`` stays
off): one bad image must not cost a person their whole report, and hostile text cannot reach a fetch
anyway (it is escaped). Any failure of the renderer itself — including ``FatalURLFetchingError``, which
derives from ``BaseException`` and would slip past ``except Exception`` — becomes a :class:`PdfError`
whose message a person can read.
"""

import logging

from django.conf import settings
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

__all__ = ["PdfError", "PdfTooLarge", "render_pdf", "render_pdf_html"]


class PdfError(Exception):
    """The PDF could not be made; ``str(error)`` is a reason a person can read."""


class PdfTooLarge(PdfError):
    """The input or the laid-out document is over the configured bound."""


def render_pdf(template_name, context, *, title, lang="en-GB"):
    """Render ``template_name`` (under ``templates/pdf/``) with ``context`` to the bytes of a tagged PDF.

    ``title`` is the document's title (shown in the reader's title bar and on the first page); ``lang``
    is its language. Raises :class:`PdfTooLarge` or :class:`PdfError` with a readable reason."""
    html = render_to_string(template_name, {**context, "pdf_title": title, "pdf_lang": lang})
    return render_pdf_html(html)


def render_pdf_html(html):
    """Render a complete HTML document (from a ``pdf/`` template) to PDF bytes, with every bound applied."""
    import weasyprint  # imported here: only the worker (and tests) pay for loading Pango
    from celery.exceptions import SoftTimeLimitExceeded
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import StaticOnlyFetcher, static_base_url

    max_bytes = settings.CONVENE_PDF_MAX_HTML_BYTES
    size = len(html.encode("utf-8"))
    if size > max_bytes:
        raise PdfTooLarge(f"The document is too large to make into a PDF ({size:,} bytes of content; the limit "
                          f"is {max_bytes:,}). Ask for a smaller part, or ask an administrator to raise the limit.")
    max_pages = settings.CONVENE_PDF_MAX_PAGES
    try:
        document = weasyprint.HTML(string=html, base_url=static_base_url(),
                                   url_fetcher=StaticOnlyFetcher()).render(pdf_variant="pdf/ua-1")
        pages = len(document.pages)
        if pages > max_pages:
            raise PdfTooLarge(f"The document would run to {pages:,} pages; the limit is {max_pages:,}. "
                              "Ask for a smaller part, or ask an administrator to raise the limit.")
        _drop_attachments(document)
        return document.write_pdf(pdf_variant="pdf/ua-1")
    except (PdfError, SoftTimeLimitExceeded):  # the build task's time limit is the task's to report
        raise
    except (Exception, FatalURLFetchingError, RecursionError) as exc:  # FatalURLFetchingError: a BaseException
        logger.exception("PDF rendering failed")
        raise PdfError(f"The PDF could not be made ({type(exc).__name__}). Try again; if it fails again, "
                       "tell the host's administrators.") from exc


def _drop_attachments(document):
    """Nothing is ever embedded: neither ``<link rel=attachment>`` files nor ``<a rel=attachment>`` links."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links[:] = [link for link in page.links if link[0] != "attachment"]
