"""A convener's open invitation links: the list, making one (shown once), changing its limits, switching
it off, replacing it and deleting it. The public page people open is :mod:`.join_links`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import services
from ..forms_invite_links import InviteLinkForm
from ..models import InviteLink
from ..services.invite_links import DEFAULT_MAX_USES, default_expiry
from ._common import _ctx, _errors, _posted, community_page


def _link(community, link_id):
    link = InviteLink.objects.filter(community=community, pk=link_id).first()
    if link is None:
        raise Http404("No such link.")
    return link


def _to_list(request, community):
    return redirect("communities:invite_links", org=request.organisation.slug, slug=community.slug)


def _shown_once(request, link, token):
    """The page showing the link: the only time it is shown (only its hash is kept)."""
    return render(request, "communities/invite_link_created.html",
                  _ctx(request, link=link, link_url=services.invite_link_url(token)))


@community_page(convener=True, methods=("GET",))
def invite_links(request, *, community, membership):
    query = request.GET.get("q", "").strip()[:120]
    links = InviteLink.objects.filter(community=community).select_related("created_by")
    if query:
        links = links.filter(label__icontains=query)
    return render(request, "communities/invite_links.html",
                  _ctx(request, page=paginate(request, links), query=query, now=timezone.now()))


@community_page(convener=True)
def invite_link_new(request, *, community, membership):
    form = InviteLinkForm(_posted(request), initial={"max_uses": DEFAULT_MAX_USES,
                                                     "expires_on": default_expiry().date()})
    if request.method == "POST" and form.is_valid():
        try:
            link, token = services.invite_link_create(organisation=request.organisation, by=request.user,
                                                      community=community, **form.limits())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _shown_once(request, link, token)
    return render(request, "communities/invite_link_form.html", _ctx(request, form=form, link=None))


@community_page(convener=True)
def invite_link_edit(request, *, community, membership, link_id):
    link = _link(community, link_id)
    form = InviteLinkForm(_posted(request), initial={**InviteLinkForm.initial_for(link), "active": link.active})
    form.fields["active"] = forms.BooleanField(label="Switched on: people can join through it", required=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_link_update(organisation=request.organisation, by=request.user, link=link,
                                        active=form.cleaned_data["active"], **form.limits())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The link “{link.label}” has been changed." if link.label == form.cleaned_data[
                "label"] else "The link has been changed.")
            return _to_list(request, community)
    return render(request, "communities/invite_link_form.html", _ctx(request, form=form, link=link))


@community_page(convener=True, methods=("POST",))
def invite_link_switch_off(request, *, community, membership, link_id):
    link = _link(community, link_id)
    try:
        services.invite_link_switch_off(organisation=request.organisation, by=request.user, link=link)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"The link “{link.label}” is switched off: nobody else can join through it.")
    return _to_list(request, community)


@community_page(convener=True, methods=("POST",))
def invite_link_replace(request, *, community, membership, link_id):
    link, token = services.invite_link_replace_token(organisation=request.organisation, by=request.user,
                                                     link=_link(community, link_id))
    return _shown_once(request, link, token)


@community_page(convener=True)
def invite_link_delete(request, *, community, membership, link_id):
    link = _link(community, link_id)
    if request.method == "POST":
        services.invite_link_delete(organisation=request.organisation, by=request.user, link=link)
        messages.success(request, f"The link “{link.label}” has been deleted; it no longer works.")
        return _to_list(request, community)
    return render(request, "communities/confirm_delete.html", _ctx(
        request, kind="open link", title=link.label,
        cancel_url=reverse("communities:invite_links", kwargs={"org": request.organisation.slug,
                                                                "slug": community.slug})))
