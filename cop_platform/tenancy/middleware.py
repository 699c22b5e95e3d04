"""Resolve the tenant from the URL prefix ``/<org-slug>/`` and run the whole response in its scope."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

from cop_platform import pagecache
from cop_platform.accounts.mfa import admin_second_factor_missing, second_factor_missing

from .context import resolve_tenant


class TenantMiddleware:
    """For a URL under ``/<org>/``: 404 for an unknown organisation or one the person does not
    belong to (nothing leaks), sign-in for anonymous visitors; otherwise ``request.tenant`` and
    ``request.organisation`` are set and the view *and its template rendering* run inside the
    tenant scope, so a lazy queryset evaluated in a template stays scoped. A page already rendered for the
    same person and nothing changed since is served as kept (:mod:`cop_platform.pagecache`), after every
    check above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant = None
        request.organisation = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if match.app_name == "admin" or match.namespace == "admin":
            # The Django admin is platform staff's tool across tenants; it breaks under scopes.
            refused = admin_second_factor_missing(request)
            if refused is not None:
                return refused
            with scopes_disabled():
                return self._render(self.get_response(request))
        slug = match.kwargs.get("org")
        if slug is None:
            return self.get_response(request)

        organisation, tenant = resolve_tenant(slug, request.user)
        if organisation is None:
            raise Http404("No such organisation.")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if tenant is None:
            raise Http404("No such organisation.")
        with scope(organisation=organisation):
            request.tenant = tenant
            request.organisation = organisation
            refused = second_factor_missing(request, tenant)
            if refused is not None:
                return refused
            return pagecache.serve(request, tenant, lambda: self._render(self.get_response(request)))

    @staticmethod
    def _render(response):
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        return response
