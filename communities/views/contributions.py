"""Editing and deleting what members contribute: journal entries, practice exchanges and plan actions.

Who may is one rule (:func:`communities.rules.may_edit_contribution`): the author (for an action also its
owner), the conveners and co-conveners, host staff. Anyone else gets 403 on GET and POST alike. Deleting
asks for confirmation on its own page, so it works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cop_platform.forms import add_service_errors

from .. import permissions, selectors, services
from ..forms import ActionForm, JournalEntryForm, PracticeExchangeForm
from ..models import Action, JournalEntry, PracticeExchange
from ..services.exchanges import EXCHANGE_TEXTS
from ._common import _ctx, _posted, community_page
from .meeting import _user_of

REFUSED = "Only its author, the community's conveners or the host's staff can change this."


def _allowed(request, membership, *, author_ids, owner_id=None):
    if not permissions.can_edit_contribution(request.tenant, membership, author_ids=author_ids, owner_id=owner_id,
                                             user=request.user):
        raise PermissionDenied(REFUSED)


def _keep_former(form, name, person, members):
    """A person named on the record (an owner, who shared) who has since left the community stays
    choosable, so saving the form does not silently drop them. Returns them, or None."""
    if person is None or any(m.user_id == person.pk for m in members):
        return None
    field = form.fields[name]
    field.choices = [*field.choices, (person.pk, f"{person.display_name} (no longer a member)")]
    return person


def _confirm(request, *, kind, title, cancel_url):
    return render(request, "communities/confirm_delete.html", _ctx(request, kind=kind, title=title,
                                                                   cancel_url=cancel_url))


# --- The learning journal --------------------------------------------------------------------------------


def _entry(community, entry_id):
    entry = JournalEntry.objects.filter(community=community, pk=entry_id).select_related("author").first()
    if entry is None:
        raise Http404("No such entry.")
    return entry


def _journal_url(request, community):
    from django.urls import reverse

    return reverse("communities:journal", kwargs={"org": request.organisation.slug, "slug": community.slug})


@community_page(members_only=True)
def journal_entry_edit(request, *, community, membership, journal_entry_id):
    entry = _entry(community, journal_entry_id)
    _allowed(request, membership, author_ids={entry.author_id})
    form = JournalEntryForm(_posted(request), initial={"entry_date": entry.entry_date.isoformat(), "title": entry.title,
                                                       "learnt": entry.learnt})
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_update(organisation=request.organisation, by=request.user, entry=entry,
                                          **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The journal entry is saved.")
            return redirect(_journal_url(request, community))
    return render(request, "communities/contribution_edit.html", _ctx(
        request, form=form, heading=f"Edit “{entry.title}”", kind="journal entry",
        cancel_url=_journal_url(request, community)))


@community_page(members_only=True)
def journal_entry_delete(request, *, community, membership, journal_entry_id):
    entry = _entry(community, journal_entry_id)
    _allowed(request, membership, author_ids={entry.author_id})
    if request.method == "POST":
        services.journal_entry_delete(organisation=request.organisation, by=request.user, entry=entry)
        messages.success(request, f"“{entry.title}” has been deleted from the learning journal.")
        return redirect(_journal_url(request, community))
    return _confirm(request, kind="journal entry", title=entry.title, cancel_url=_journal_url(request, community))


# --- Practice exchanges ----------------------------------------------------------------------------------


def _exchange(community, meeting_id, exchange_id):
    exchange = PracticeExchange.objects.filter(community=community, meeting_id=meeting_id, pk=exchange_id).first()
    if exchange is None:
        raise Http404("No such practice exchange.")
    return exchange


def _back_to_meeting(request, community, exchange):
    from django.urls import reverse

    return reverse("communities:meeting", kwargs={"org": request.organisation.slug, "slug": community.slug,
                                                  "meeting_id": exchange.meeting_id})


def _exchange_authors(exchange):
    return {exchange.recorded_by_id, exchange.shared_by_id} - {None}


@community_page(members_only=True)
def practice_exchange_edit(request, *, community, membership, meeting_id, exchange_id):
    exchange = _exchange(community, meeting_id, exchange_id)
    _allowed(request, membership, author_ids=_exchange_authors(exchange))
    members = selectors.member_users(community=community)
    initial = {name: getattr(exchange, name) for name in EXCHANGE_TEXTS}
    form = PracticeExchangeForm(_posted(request), members=members, initial={**initial,
                                                                           "shared_by": exchange.shared_by_id})
    former = _keep_former(form, "shared_by", exchange.shared_by, members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            chosen = data.pop("shared_by")
            shared_by = former if former and chosen == former.pk else _user_of(members, chosen)
            services.practice_exchange_update(organisation=request.organisation, by=request.user, exchange=exchange,
                                              shared_by=shared_by, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The practice exchange is saved.")
            return redirect(_back_to_meeting(request, community, exchange))
    return render(request, "communities/contribution_edit.html", _ctx(
        request, form=form, heading=f"Edit the practice exchange “{exchange.what}”", kind="practice exchange",
        cancel_url=_back_to_meeting(request, community, exchange)))


@community_page(members_only=True)
def practice_exchange_delete(request, *, community, membership, meeting_id, exchange_id):
    exchange = _exchange(community, meeting_id, exchange_id)
    _allowed(request, membership, author_ids=_exchange_authors(exchange))
    if request.method == "POST":
        services.practice_exchange_delete(organisation=request.organisation, by=request.user, exchange=exchange)
        messages.success(request, f"The practice exchange “{exchange.what}” has been deleted.")
        return redirect(_back_to_meeting(request, community, exchange))
    return _confirm(request, kind="practice exchange", title=exchange.what,
                    cancel_url=_back_to_meeting(request, community, exchange))


# --- Momentum plan actions -------------------------------------------------------------------------------


def _action(community, action_id):
    action = Action.objects.filter(community=community, pk=action_id).first()
    if action is None:
        raise Http404("No such action.")
    return action


def _plan_url(request, community):
    from django.urls import reverse

    return reverse("communities:plan", kwargs={"org": request.organisation.slug, "slug": community.slug})


@community_page(members_only=True)
def action_edit(request, *, community, membership, action_id):
    action = _action(community, action_id)
    _allowed(request, membership, author_ids={action.added_by_id}, owner_id=action.owner_id)
    members = selectors.member_users(community=community)
    form = ActionForm(_posted(request), members=members, initial={
        "title": action.title, "owner": action.owner_id, "month": f"{action.month:%Y-%m}", "status": action.status})
    former_owner = _keep_former(form, "owner", action.owner, members)
    if request.method == "POST" and form.is_valid():
        try:
            chosen = form.cleaned_data["owner"]
            owner = former_owner if former_owner and chosen == former_owner.pk else _user_of(members, chosen)
            services.action_update(organisation=request.organisation, by=request.user, action=action,
                                   title=form.cleaned_data["title"], month=form.month_date(), owner=owner,
                                   status=form.cleaned_data["status"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The action is saved.")
            return redirect(_plan_url(request, community))
    return render(request, "communities/contribution_edit.html", _ctx(
        request, form=form, heading=f"Edit the action “{action.title}”", kind="action",
        cancel_url=_plan_url(request, community)))


@community_page(members_only=True)
def action_delete(request, *, community, membership, action_id):
    action = _action(community, action_id)
    _allowed(request, membership, author_ids={action.added_by_id}, owner_id=action.owner_id)
    if request.method == "POST":
        services.action_delete(organisation=request.organisation, by=request.user, action=action)
        messages.success(request, f"“{action.title}” has been taken out of the momentum plan.")
        return redirect(_plan_url(request, community))
    return _confirm(request, kind="action", title=action.title, cancel_url=_plan_url(request, community))
