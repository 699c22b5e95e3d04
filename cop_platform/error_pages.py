"""The product's own "page not found" and "problem with the service" pages, even with ``DEBUG`` on.

With ``DEBUG`` on, Django answers an unknown address or an uncaught error with its technical pages
(``django.views.debug``), which show settings and source to whoever is looking and are not what a
person trying the demo should see. ``make run`` turns ``CONVENE_ERROR_PAGES`` on: this middleware then
swaps Django's technical 404 (an ``HttpResponseNotFound``, whether the URL matched nothing or something
raised ``Http404``) for the project's ``handler404`` page, and answers an uncaught error in a view with
``handler500``'s page, logging the traceback to the console as Django would. With ``DEBUG`` off Django
uses our handlers anyway and this does nothing.
"""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponseNotFound
from django.urls import get_resolver

logger = logging.getLogger(__name__)


class ProductErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _active() and isinstance(response, HttpResponseNotFound):
            return get_resolver().resolve_error_handler(404)(request, exception=None)
        return response

    def process_exception(self, request, exception):
        """An uncaught error in a view; Django's own answers for 404, 403 and 400 go their usual way."""
        if not _active() or isinstance(exception, (Http404, PermissionDenied, BadRequest, SuspiciousOperation)):
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return get_resolver().resolve_error_handler(500)(request)


def _active():
    return settings.DEBUG and getattr(settings, "CONVENE_ERROR_PAGES", False)
