"""Meeting pages: the list, scheduling, a meeting, its calendar file, notes and practice exchange."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import selectors, services
from ..forms import MeetingForm, MeetingRecordForm, PracticeExchangeForm
from ._common import _ctx, _posted, community_page


@community_page(methods=("GET",))
def meetings(request, *, community, membership):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    page = paginate(request, selectors.meetings_of(community=community, when=when))
    return render(request, "communities/meetings.html", _ctx(request, page=page, when=when,
                                                              query_string=f"when={when}"))


@community_page(core=True)
def meeting_new(request, *, community, membership):
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
            messages.success(request, "The meeting is scheduled. Members will get an e-mail with the details.")
            return redirect("communities:meeting", org=request.organisation.slug, slug=community.slug,
                            meeting_id=meeting.pk)
    return render(request, "communities/meeting_new.html", _ctx(request, form=form))


def _meeting(community, meeting_id):
    meeting = selectors.meeting_detail(community=community, meeting_id=meeting_id)
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


@community_page(methods=("GET",))
def meeting_detail(request, *, community, membership, meeting_id):
    meeting = _meeting(community, meeting_id)
    return render(request, "communities/meeting.html", _ctx(request, meeting=meeting, now=timezone.now()))


@community_page(methods=("GET",))
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
