"""The list of programmes and a programme's own page: create, edit, delete; a support programme's calls,
funded conveners and communities; a cohort's schedule."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.shortcuts import redirect, render

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import permissions, selectors, services
from ..forms import CommunityChoiceForm, ProgrammeForm, ProgrammeSearchForm, StandardSetupForm
from ._programme import _ctx, programme_page


def programmes(request, org):
    form = ProgrammeSearchForm(request.GET or None)
    query = kind = ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    page = paginate(request, selectors.programme_list(organisation=request.organisation, query=query, kind=kind))
    template = "programmes/programmes.html#results" if request.htmx else "programmes/programmes.html"
    return render(request, template, {"form": form, "page": page, "query": query, "kind": kind,
                                      "query_string": urlencode({"q": query, "kind": kind}),
                                      "can_manage": permissions.can_manage_programmes(request.tenant)})


def programme_create(request, org):
    if not permissions.can_manage_programmes(request.tenant):
        raise PermissionDenied("Only the host's staff create programmes.")
    form = ProgrammeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(organisation=request.organisation, by=request.user,
                                                  **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{programme.name} is created.")
            return redirect(programme.get_absolute_url())
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


@programme_page(manage=True)
def programme_edit(request, *, programme):
    form = ProgrammeForm(request.POST if request.method == "POST" else None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(organisation=request.organisation, by=request.user, programme=programme,
                                      **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The programme is saved.")
            return redirect(programme.get_absolute_url())
    return render(request, "programmes/programme_form.html", _ctx(request, form=form))


@programme_page(manage=True)
def programme_delete(request, *, programme):
    if request.method == "POST":
        services.programme_delete(organisation=request.organisation, by=request.user, programme=programme)
        messages.success(request, f"{programme.name} is deleted.")
        return redirect("programmes:programmes", org=request.organisation.slug)
    return render(request, "programmes/programme_delete.html", _ctx(
        request, goes=services.programme_delete_summary(programme)))


def _sessions_page(request, programme):
    """The page of the programme's sessions that ``paginate`` would give, with the total counted in the
    page's own query (a window count) rather than by a COUNT first; only a page number out of range (or an
    empty schedule) costs the COUNT."""
    sessions = selectors.sessions_of(programme=programme)
    paginator = Paginator(sessions.annotate(session_total=Window(Count("pk"))), settings.PAGINATE_BY)
    try:
        number = int(request.GET.get("page") or 1)
    except (TypeError, ValueError):
        number = 1
    rows = []
    if number >= 1:
        start = (number - 1) * paginator.per_page
        rows = list(paginator.object_list[start:start + paginator.per_page])
    if not rows:
        return paginator.get_page(request.GET.get("page"))
    paginator.count = rows[0].session_total
    page = paginator.page(number)
    page.object_list = rows
    return page


@programme_page(methods=("GET",))
def programme(request, *, programme):
    context = _ctx(request)
    if programme.is_cohort:
        context["page"] = _sessions_page(request, programme)
        context["setup_form"] = StandardSetupForm()
    else:
        from conveners.models import Call

        context["calls"] = list(Call.objects.filter(programme=programme).order_by("-opens_at"))
        context["funded"] = list(selectors.funded_conveners(programme=programme))
        context["communities"] = list(programme.communities.order_by("name"))
        if context["can_manage"]:
            context["community_form"] = CommunityChoiceForm(organisation=request.organisation)
    return render(request, "programmes/programme.html", context)


@programme_page(manage=True, methods=("POST",))
def programme_communities(request, *, programme):
    from communities.models import Community

    if programme.is_cohort:
        messages.error(request, "Communities are listed on a support programme; a cohort's participants name "
                                "their own.")
        return redirect(programme.get_absolute_url())
    action = request.POST.get("action")
    if action == "remove":
        community = Community.objects.filter(organisation=request.organisation,
                                             pk=request.POST.get("community") or 0).first()
        if community is None:
            raise Http404("No such community.")
        services.programme_community_remove(organisation=request.organisation, by=request.user,
                                            programme=programme, community=community)
        messages.success(request, f"{community.name} is no longer in {programme.name}.")
        return redirect(programme.get_absolute_url())
    form = CommunityChoiceForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        try:
            services.programme_community_add(organisation=request.organisation, by=request.user,
                                             programme=programme, community=form.cleaned_data["community"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['community'].name} is in {programme.name}.")
            return redirect(programme.get_absolute_url())
    from conveners.models import Call

    return render(request, "programmes/programme.html", _ctx(
        request, community_form=form, calls=list(Call.objects.filter(programme=programme)),
        funded=list(selectors.funded_conveners(programme=programme)),
        communities=list(programme.communities.order_by("name"))))
