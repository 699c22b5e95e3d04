"""The pages of a generated file: ask for it, watch it being built (htmx polls the same URL), download it.

One permission path (:func:`_file_page`): the build must belong to this organisation and its builder
must allow this person the file's record — asked again on every request, so a person who loses a role
loses the file. Anyone else gets 404, as for a record they may not know exists.
"""

from functools import wraps

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from cop_platform.models import Build

from . import builder_for
from .services import BuildNotAllowed, build_allowed, build_rebuild, build_request

STOP_POLLING = 286  # htmx: swap this response, then stop polling


def _file_page(*, methods=("GET",), new=False):
    """The one permission path: 404 unless the builder allows this person the file's record, then 405 for a
    wrong method (only after permission, so a GET never tells a refused person what a POST would do)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, org, **kwargs):
            if new:
                if not build_allowed(tenant=request.tenant, user=request.user, kind=kwargs["build_kind"],
                                     target_id=kwargs["build_target"]):
                    raise Http404("No such file.")
            else:
                kwargs["build"] = _build_or_404(request, kwargs.pop("build_id"))
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, org, **kwargs)

        return wrapped

    return decorator


def _build_or_404(request, build_id):
    build = Build.objects.filter(organisation=request.organisation, pk=build_id).first()
    if build is None or not build_allowed(tenant=request.tenant, user=request.user, kind=build.kind,
                                          target_id=build.target_id):
        raise Http404("No such file.")
    return build


def _safe_next(request, value):
    if value and value.startswith("/") and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return value
    return None


def box_context(build, *, kind, target_id, next_url=""):
    builder = builder_for(kind)
    return {"build": build, "builder": builder, "kind": kind, "target_id": target_id, "next_url": next_url}


def _answer(request, build, next_url):
    """After asking: htmx swaps the box in place; without JavaScript, back to the page (or the file's page)."""
    if request.htmx:
        return render(request, "builds/build.html#box",
                      box_context(build, kind=build.kind, target_id=build.target_id, next_url=next_url or ""))
    messages.success(request, "The file is being made. It will be ready to download in a moment.")
    if next_url:
        return redirect(next_url)
    return redirect("build_status", org=request.organisation.slug, build_id=build.pk)


@_file_page(methods=("POST",), new=True)
def build_new(request, org, build_kind, build_target):
    """Ask for a new file of ``build_kind`` about record ``build_target``."""
    try:
        build = build_request(organisation=request.organisation, by=request.user, tenant=request.tenant,
                              kind=build_kind, target_id=build_target)
    except BuildNotAllowed as exc:
        raise Http404("No such file.") from exc
    return _answer(request, build, _safe_next(request, request.POST.get("next", "")[:500]))


@_file_page(methods=("POST",))
def build_rebuild_view(request, org, build):
    try:
        new = build_rebuild(organisation=request.organisation, by=request.user, tenant=request.tenant, build=build)
    except BuildNotAllowed as exc:
        raise Http404("No such file.") from exc
    return _answer(request, new, _safe_next(request, request.POST.get("next", "")[:500]))


@never_cache
@_file_page()
def build_status(request, org, build):
    """The file's page; with htmx, only its status box (polled every 2 s until it is ready or failed)."""
    next_url = _safe_next(request, request.GET.get("next", "")[:500]) or ""
    context = box_context(build, kind=build.kind, target_id=build.target_id, next_url=next_url)
    if request.htmx:
        return render(request, "builds/build.html#box", context, status=STOP_POLLING if build.finished else 200)
    return render(request, "builds/build.html", context)


@_file_page()
def build_download(request, org, build):
    if build.status != "ready" or not build.file:
        raise Http404("The file is not ready.")
    try:
        handle = build.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=build.filename, content_type=build.content_type)
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
