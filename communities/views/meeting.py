"""Meeting pages: the list, scheduling (or adding one that happened), a meeting and the answers to "are
you coming?", changing and cancelling it, its calendar file, notes and practice exchange."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import selectors, services
from ..forms import MeetingForm, MeetingRecordForm, MeetingResponseForm, PracticeExchangeForm
from ..models import MeetingAnswer
from ._common import _ctx, _posted, community_page


@community_page(members_only=True, methods=("GET",))
def meetings(request, *, community, membership):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    page = paginate(request, selectors.meetings_of(community=community, when=when))
    return render(request, "communities/meetings.html", _ctx(request, page=page, when=when,
                                                              query_string=f"when={when}"))


def _to_meeting(request, community, meeting, name="communities:meeting"):
    return redirect(name, org=request.organisation.slug, slug=community.slug, meeting_id=meeting.pk)


@community_page(core=True)
def meeting_new(request, *, community, membership):
    """Schedule a meeting, or record one that already happened: a date and time in the past skips the
    e-mails and goes straight to the meeting's record."""
    form = MeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.datetimes()
        data = {k: form.cleaned_data[k] for k in ("title", "place", "call_link", "agenda")}
        try:
            meeting = services.meeting_schedule(organisation=request.organisation, by=request.user,
                                                community=community, starts_at=starts_at, ends_at=ends_at, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if meeting.starts_at <= timezone.now():
                messages.success(request, "The meeting is added. Now record who came and what was said.")
                return _to_meeting(request, community, meeting, "communities:meeting_record")
            messages.success(request, "The meeting is scheduled. Members will get an e-mail with the details.")
            return _to_meeting(request, community, meeting)
    return render(request, "communities/meeting_new.html", _ctx(request, form=form))


def _meeting(community, meeting_id):
    meeting = selectors.meeting_detail(community=community, meeting_id=meeting_id)
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


@community_page(members_only=True)
def meeting_detail(request, *, community, membership, meeting_id):
    """A meeting; members say here whether they are coming (a POST of the answer, changeable)."""
    meeting = _meeting(community, meeting_id)
    now = timezone.now()
    form = MeetingResponseForm(_posted(request))
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied("Only members of the community can say whether they are coming.")
        if form.is_valid():
            try:
                services.meeting_respond(organisation=request.organisation, by=request.user, meeting=meeting,
                                         answer=form.cleaned_data["answer"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Thank you: your answer is saved. You can change it until the meeting.")
                return _to_meeting(request, community, meeting)
    _mark_editable_exchanges(request, membership, meeting)
    responses = list(meeting.responses.all())
    mine = next((r for r in responses if r.user_id == request.user.pk), None)
    if request.method != "POST" and mine is not None:
        form = MeetingResponseForm(initial={"answer": mine.answer})
    counts = {answer: [r for r in responses if r.answer == answer] for answer in MeetingAnswer.values}
    return render(request, "communities/meeting.html", _ctx(
        request, meeting=meeting, now=now, form=form, my_response=mine, responses_by_answer=counts,
        can_respond=membership is not None and not meeting.is_cancelled and meeting.starts_at > now))


@community_page(core=True)
def meeting_edit(request, *, community, membership, meeting_id):
    """Change or reschedule a meeting; those invited to one still to come get an update."""
    meeting = _meeting(community, meeting_id)
    if meeting.is_cancelled:
        messages.error(request, "This meeting was cancelled; it can no longer be changed.")
        return _to_meeting(request, community, meeting)
    form = MeetingForm(_posted(request), initial=MeetingForm.initial_from(meeting))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.datetimes()
        data = {k: form.cleaned_data[k] for k in ("title", "place", "call_link", "agenda")}
        upcoming = meeting.starts_at > timezone.now()
        try:
            services.meeting_update(organisation=request.organisation, by=request.user, meeting=meeting,
                                    starts_at=starts_at, ends_at=ends_at, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The meeting is changed." + (
                " Members who were told about it get the update." if upcoming else ""))
            return _to_meeting(request, community, meeting)
    return render(request, "communities/meeting_edit.html", _ctx(request, meeting=meeting, form=form,
                                                                  now=timezone.now()))


@community_page(core=True)
def meeting_cancel(request, *, community, membership, meeting_id):
    """Ask, then cancel: members told about it (and anyone coming) get a cancellation."""
    meeting = _meeting(community, meeting_id)
    error = None
    if request.method == "POST":
        try:
            services.meeting_cancel(organisation=request.organisation, by=request.user, meeting=meeting)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "The meeting is cancelled. Members who were told about it get a cancellation.")
            return _to_meeting(request, community, meeting)
    return render(request, "communities/meeting_cancel.html", _ctx(
        request, meeting=meeting, error=error, coming=meeting.responses.filter(answer="yes").count()))


def _mark_editable_exchanges(request, membership, meeting):
    """Offer to edit or delete a practice exchange only to who may (communities.rules.may_edit_contribution)."""
    from .. import permissions

    for exchange in meeting.practice_exchanges.all():
        exchange.may_edit = permissions.can_edit_contribution(
            request.tenant, membership, author_ids={exchange.recorded_by_id, exchange.shared_by_id} - {None},
            user=request.user)


@community_page(members_only=True, methods=("GET",))
def meeting_ics(request, *, community, membership, meeting_id):
    from django.http import HttpResponse

    meeting = _meeting(community, meeting_id)
    response = HttpResponse(services.meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{community.slug}-meeting-{meeting.pk}.ics"'
    return response


@community_page(core=True)
def meeting_record(request, *, community, membership, meeting_id):
    meeting = _meeting(community, meeting_id)
    members = selectors.member_users(community=community)
    form = MeetingRecordForm(_posted(request), members=members, initial={
        "attendees": [a.user_id for a in meeting.attendances.all()], "notes": meeting.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(organisation=request.organisation, by=request.user, meeting=meeting,
                                    attendee_ids=form.cleaned_data["attendees"], notes=form.cleaned_data["notes"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The record of the meeting is saved.")
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "communities/meeting_record.html", _ctx(request, meeting=meeting, form=form))


def _user_of(members, user_id):
    if user_id is None:
        return None
    for m in members:
        if m.user_id == user_id:
            return m.user
    raise ValidationError("That person is not a member of this community.")


@community_page(core=True)
def meeting_exchange(request, *, community, membership, meeting_id):
    meeting = _meeting(community, meeting_id)
    members = selectors.member_users(community=community)
    form = PracticeExchangeForm(_posted(request), members=members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            shared_by = _user_of(members, data.pop("shared_by"))
            services.practice_exchange_add(organisation=request.organisation, by=request.user, meeting=meeting,
                                           shared_by=shared_by, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The practice exchange is recorded.")
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "communities/meeting_exchange.html", _ctx(request, meeting=meeting, form=form))
