"""Pages of cross-community events (Basecamps): the host's list, creating, changing, cancelling and
deleting one, its page (invitees answer there; host staff record attendance and notes afterwards), its
calendar file, and a community's own list of the events it took part in.

Who may do what: host admins and project managers run events (403 to anyone else in the organisation).
An event's page and calendar file are for host staff, its invitees and members of its communities; to
anyone else it does not exist (404), as an unlisted community does."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from communities.views._common import _ctx, community_page
from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate
from cop_platform.permissions import STAFF_ROLES, require_role

from .. import rules_events as rules
from ..forms.events import EventForm, EventRecordForm, EventResponseForm, EventSearchForm
from ..permissions import can_manage_events
from ..selectors import events as selectors
from ..services import event_mail
from ..services import events as services


def _posted(request):
    return request.POST if request.method == "POST" else None


def _event(request, event_id):
    """The event through the tenant; 404 when it is missing or not this person's to see."""
    event = selectors.event_detail(organisation=request.organisation, event_id=event_id)
    if event is None:
        raise Http404("No such event.")
    invitation = selectors.invitation_of(event=event, user=request.user)
    if not selectors.may_see_event(tenant=request.tenant, event=event, user=request.user, invitation=invitation):
        raise Http404("No such event.")
    return event, invitation


def _staff_event(request, event_id):
    event = selectors.event_detail(organisation=request.organisation, event_id=event_id)
    if event is None:
        raise Http404("No such event.")
    return event


def _to_event(request, event):
    return redirect("programmes:event", org=request.organisation.slug, event_id=event.pk)


@require_role(*STAFF_ROLES)
def events(request, org):
    """The host's events, upcoming or past, searched and paginated."""
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    search = EventSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    page = paginate(request, selectors.events_list(organisation=request.organisation, when=when, query=query))
    page.object_list = selectors.with_counts(page.object_list)
    other = {"when": "past" if when == "upcoming" else "upcoming", **({"q": query} if query else {})}
    return render(request, "programmes/events/list.html", {
        "page": page, "when": when, "query": query, "search": search, "other_tab": urlencode(other)})


@require_role(*STAFF_ROLES)
def event_new(request, org):
    form = EventForm(_posted(request), organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(organisation=request.organisation, by=request.user,
                                          **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if event.starts_at <= timezone.now():
                messages.success(request, "The event is added. Now record who came and the notes.")
                return redirect("programmes:event_record", org=org, event_id=event.pk)
            messages.success(request, "The event is created. The members of its communities are invited by e-mail.")
            return _to_event(request, event)
    return render(request, "programmes/events/form.html", {"form": form, "event": None})


def event_detail(request, org, event_id):
    """An event; its invitees (and members of its communities) say here whether they are coming."""
    event, invitation = _event(request, event_id)
    now = timezone.now()
    staff = can_manage_events(request.tenant)
    may_answer = rules.may_answer(is_cancelled=event.is_cancelled, has_started=event.starts_at <= now)
    form = EventResponseForm(_posted(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                services.event_respond(organisation=request.organisation, by=request.user, event=event,
                                       answer=form.cleaned_data["answer"], now=now)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Thank you: your answer is saved. You can change it until the event.")
                return _to_event(request, event)
    elif invitation is not None and invitation.answer:
        form = EventResponseForm(initial={"answer": invitation.answer})
    can_answer = may_answer and (invitation is not None or not staff)
    invitees = paginate(request, selectors.invitations(event=event)) if staff else None
    return render(request, "programmes/events/detail.html", {
        "event": event, "invitation": invitation, "form": form, "can_answer": can_answer, "staff": staff,
        "counts": selectors.answer_counts(event=event), "invitees": invitees, "page": invitees, "now": now,
        "may_record": rules.may_record(is_cancelled=event.is_cancelled, has_started=event.starts_at <= now),
        "may_cancel": rules.may_cancel(is_cancelled=event.is_cancelled, has_started=event.starts_at <= now),
    })


def event_ics(request, org, event_id):
    event, _ = _event(request, event_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    response = HttpResponse(event_mail.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@require_role(*STAFF_ROLES)
def event_edit(request, org, event_id):
    event = _staff_event(request, event_id)
    if event.is_cancelled:
        messages.error(request, "This event was cancelled; it can no longer be changed.")
        return _to_event(request, event)
    form = EventForm(_posted(request), organisation=request.organisation, initial=EventForm.initial_from(event))
    if request.method == "POST" and form.is_valid():
        upcoming = event.starts_at > timezone.now()
        try:
            services.event_update(organisation=request.organisation, by=request.user, event=event,
                                  **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The event is changed." + (
                " Invitees get the update by e-mail; members of a community added are invited." if upcoming else ""))
            return _to_event(request, event)
    return render(request, "programmes/events/form.html", {"form": form, "event": event})


@require_role(*STAFF_ROLES)
def event_cancel(request, org, event_id):
    """Ask, then cancel: every invitee gets a cancellation."""
    event = _staff_event(request, event_id)
    error = None
    if request.method == "POST":
        try:
            services.event_cancel(organisation=request.organisation, by=request.user, event=event)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "The event is cancelled. Its invitees get a cancellation by e-mail.")
            return _to_event(request, event)
    return render(request, "programmes/events/cancel.html", {
        "event": event, "error": error, "counts": selectors.answer_counts(event=event)})


@require_role(*STAFF_ROLES)
def event_delete(request, org, event_id):
    """Ask, then delete (an event still to come is cancelled for its invitees first)."""
    event = _staff_event(request, event_id)
    if request.method == "POST":
        services.event_delete(organisation=request.organisation, by=request.user, event=event)
        messages.success(request, f"The event “{' '.join(event.title.split())}” is deleted.")
        return redirect("programmes:events", org=org)
    upcoming = not event.is_cancelled and event.starts_at > timezone.now()
    return render(request, "programmes/events/delete.html", {
        "event": event, "upcoming": upcoming, "counts": selectors.answer_counts(event=event)})


@require_role(*STAFF_ROLES)
def event_record(request, org, event_id):
    """Afterwards: who came (a checkbox per invitee) and the notes."""
    event = _staff_event(request, event_id)
    invitations = list(selectors.invitations(event=event))
    form = EventRecordForm(_posted(request), invitations=invitations, initial={
        "attendees": [i.user_id for i in invitations if i.attended], "notes": event.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.event_record(organisation=request.organisation, by=request.user, event=event,
                                  attendee_ids=form.cleaned_data["attendees"], notes=form.cleaned_data["notes"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The record of the event is saved.")
            return _to_event(request, event)
    return render(request, "programmes/events/record.html", {
        "event": event, "form": form,
        "may_record": rules.may_record(is_cancelled=event.is_cancelled, has_started=event.starts_at <= timezone.now())})


@community_page(members_only=True, methods=("GET",))
def community_events(request, *, community, membership):
    """The events ``community`` took part in, or will: Basecamps with other communities."""
    page = paginate(request, selectors.community_events(community=community))
    page.object_list = selectors.with_counts(page.object_list)
    for event in page:
        event.others = [c for c in event.communities.all() if c.pk != community.pk]
    return render(request, "programmes/events/community.html", _ctx(
        request, page=page, now=timezone.now(), staff=can_manage_events(request.tenant)))
