"""The directory and a community's own pages: its home, editing sections, start-up steps, map."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import permissions, selectors, services
from ..forms import DirectorySearchForm, MapEntryForm
from ..models import Community, JoinRequest, MapEntry
from ._common import _ctx, _errors, _posted, community_page


def directory(request, org):
    form = DirectorySearchForm(request.GET or None)
    query = status = phase = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        status = form.cleaned_data["status"]
        phase = form.cleaned_data["phase"]
    communities = selectors.community_directory(request.tenant, query=query, status=status, phase=phase)
    page = paginate(request, communities)
    template = "communities/directory.html#results" if request.htmx else "communities/directory.html"
    return render(request, template, {"form": form, "page": page, "query": query, "status": status,
                                      "phase": phase})


def _home_annotations(request):
    from django.utils import timezone

    return selectors.community_home_annotations(now=timezone.now())


@community_page(methods=("GET",), annotate=_home_annotations)
def community_home(request, *, community, membership):
    conveners, new_members = selectors.home_memberships(community=community,
                                                        with_new_members=request.can_convene)
    community.convener_memberships = conveners
    context = _ctx(request, crossing=selectors.boundary_crossing(community=community),
                   can_ask_to_join=permissions.can_ask_to_join(request.tenant, community, membership),
                   meetings=selectors.meeting_summary(community=community) if request.can_read else None,
                   next_steps=selectors.next_steps(community=community) if request.can_read else [])
    if request.can_convene:
        context["dashboard"] = selectors.convener_dashboard(community=community, new_members=new_members)
        context["checklist"] = selectors.startup_checklist(community=community)
    if context["can_ask_to_join"]:
        context["pending_request"] = JoinRequest.objects.filter(
            community=community, user=request.user, status="pending").first()
    return render(request, "communities/home.html", context)


@community_page(convener=True)
def community_map(request, *, community, membership):
    form = MapEntryForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.map_entry_add(organisation=request.organisation, by=request.user, community=community,
                               **form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['name']} has been added to the map.")
        return redirect("communities:map", org=request.organisation.slug, slug=community.slug)
    page = paginate(request, selectors.map_of(community=community))
    return render(request, "communities/map.html", _ctx(request, form=form, page=page))


@community_page(convener=True, methods=("POST",))
def map_entry_delete(request, *, community, membership, entry_id):
    entry = MapEntry.objects.filter(community=community, pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry.")
    services.map_entry_delete(organisation=request.organisation, by=request.user, entry=entry)
    messages.success(request, f"{entry.name} has been taken off the map.")
    return redirect("communities:map", org=request.organisation.slug, slug=community.slug)


SECTION_LABELS = {"domain": "the domain", "practice": "the practice", "community": "who else needs to be here",
                  "reflection": "the reflection", "settings": "status and visibility"}


def _section_form(section, data=None, instance=None):
    from django import forms as dj_forms

    fields = services.SECTIONS[section]
    widgets = {f: dj_forms.Textarea(attrs={"rows": 6}) for f in fields if f not in ("status", "visibility",
                                                                                      "open_to_join", "content_open")}
    form_class = dj_forms.modelform_factory(Community, fields=fields, widgets=widgets)
    return form_class(data, instance=instance)


@community_page(convener=True)
def community_edit(request, *, community, membership, section):
    if section not in services.SECTIONS:
        raise Http404("No such section.")
    home_template = f"communities/home.html#section_{section}"
    if request.htmx and request.GET.get("cancel"):
        return render(request, home_template, _ctx(request))
    form = _section_form(section, _posted(request), instance=Community.objects.get(pk=community.pk))
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.community_update(organisation=request.organisation, by=request.user,
                                                community=community, section=section, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.htmx:
                request.community = updated
                return render(request, home_template, _ctx(request, community=updated))
            messages.success(request, f"Saved {SECTION_LABELS[section]}.")
            return redirect(community.get_absolute_url())
    template = "communities/edit_section.html#form" if request.htmx else "communities/edit_section.html"
    return render(request, template, _ctx(request, form=form, section=section,
                                          section_label=SECTION_LABELS[section]))


@community_page(methods=("GET",))
def domain_history(request, *, community, membership):
    page = paginate(request, selectors.domain_history(community=community))
    return render(request, "communities/domain_history.html", _ctx(request, page=page))


@community_page(convener=True, methods=("POST",))
def startup_step(request, *, community, membership):
    try:
        services.startup_step_tick(organisation=request.organisation, by=request.user, community=community,
                                   step=request.POST.get("step", ""), done=request.POST.get("done") == "1")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(community.get_absolute_url())
