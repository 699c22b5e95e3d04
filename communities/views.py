from django.http import Http404
from django.shortcuts import render

from cop_platform import permissions
from cop_platform.pagination import paginate

from . import selectors
from .forms import DirectorySearchForm
from .models import Membership


def directory(request, org):
    form = DirectorySearchForm(request.GET or None)
    query = status = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        status = form.cleaned_data["status"]
    communities = selectors.community_directory(request.tenant, query=query, status=status)
    page = paginate(request, communities)
    template = "communities/directory.html#results" if request.htmx else "communities/directory.html"
    return render(request, template, {"form": form, "page": page, "query": query, "status": status})


def community_home(request, org, slug):
    community = selectors.community_for_home(organisation=request.organisation, slug=slug)
    if community is None:
        raise Http404("No such community.")
    membership = None
    if request.tenant.member is not None:
        membership = Membership.objects.filter(community=community, user=request.user).first()
    if not permissions.can_view_community(request.tenant, community, membership):
        raise Http404("No such community.")
    return render(request, "communities/home.html", {"community": community, "membership": membership})
