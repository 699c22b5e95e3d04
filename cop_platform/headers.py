"""Response headers that keep htmx pages honest with browsers and caches.

htmx asks for a fragment with ``HX-Request: true``; the same URL without it is the full page. When the
person goes back or forward and htmx's history cache misses, htmx asks again with
``HX-History-Restore-Request: true`` and puts the answer in place of the whole page, so that request
must be answered with the full page (https://htmx.org/docs/#history). Views decide with django-htmx's
``request.htmx``; this middleware hides the ``HX-Request`` header from them for a history restore, and
tells caches that a response depends on ``HX-Request`` (``Vary``), so a cached fragment is never served
as a page.
"""

from django.utils.cache import patch_vary_headers


class HtmxHistoryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("HTTP_HX_HISTORY_RESTORE_REQUEST") == "true":
            request.META.pop("HTTP_HX_REQUEST", None)
            request.META.pop("HTTP_HX_TARGET", None)
            request.META.pop("HTTP_HX_TRIGGER", None)
            request.META.pop("HTTP_HX_TRIGGER_NAME", None)
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("HX-Request",))
        return response
