"""Services for cross-community events (Basecamps): creating one (its communities' members are invited,
once each, by e-mail), changing it (invitees get an update; a community added later has its members
invited; one taken off has its members' invitations withdrawn), cancelling and deleting it (invitees are
told), members answering yes, no or maybe, and the record afterwards (who came, notes).

Members who join one of the event's communities after the invitations went out are invited the next time
the event is saved (any change, or adding a community), and may answer on the event's page at any time
before it starts: answering makes them an invitee. Rules: :mod:`programmes.rules_events`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cop_platform.audit import audit_record

from .. import rules_events as rules
from ..models import Event, EventAnswer, EventInvitation
from .event_mail import event_notify, event_notify_now
from .lifecycle import _check_tenant

# The fields an invitee sees in the invitation: a change to any of them sends an update.
_NOTIFIED_FIELDS = ("title", "starts_at", "ends_at", "place", "online_link", "description")


def _refuse(problems):
    if problems:
        raise ValidationError(problems)


def _clean_communities(organisation, communities):
    communities = list(dict.fromkeys(communities or ()))
    _check_tenant(organisation, *communities)
    return communities


def _member_ids(communities):
    from communities.models import Membership

    by_community = {}
    for community_id, user_id in Membership.objects.filter(community__in=communities).values_list(
            "community_id", "user_id"):
        by_community.setdefault(community_id, set()).add(user_id)
    return rules.invitees(by_community)


def _invite_members(*, organisation, by, event, communities, upcoming):
    """Invite every member of ``communities`` not yet invited (once each); e-mail them if the event is
    still to come. Returns how many were invited."""
    from cop_platform.accounts.models import User

    have = set(EventInvitation.objects.filter(event=event).values_list("user_id", flat=True))
    new_ids = [uid for uid in _member_ids(communities) if uid not in have]
    EventInvitation.objects.bulk_create([EventInvitation(organisation=organisation, event=event, user_id=uid)
                                         for uid in new_ids], ignore_conflicts=True)
    if upcoming and new_ids:
        event_notify(organisation=organisation, event=event, kind="invited", by=by,
                     users=User.objects.filter(pk__in=new_ids).order_by("pk"))
    return len(new_ids)


def _details(title, description, place, online_link):
    return {"title": (title or "").strip(), "description": (description or "").strip(),
            "place": (place or "").strip(), "online_link": (online_link or "").strip()}


@transaction.atomic
def event_create(*, organisation, by, title, starts_at, ends_at, communities, description="", place="",
                 online_link="", programme=None, now=None):
    """Create an event bringing ``communities`` together and invite their members (one e-mail each, with
    the calendar file, however many of the communities they belong to). A start already past records an
    event that happened: its members are listed for attendance, and no one is e-mailed."""
    now = now or timezone.now()
    communities = _clean_communities(organisation, communities)
    _check_tenant(organisation, programme)
    upcoming = starts_at > now
    _refuse(rules.event_problems(title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                                 online_link=online_link, community_count=len(communities), upcoming=upcoming))
    event = Event(organisation=organisation, starts_at=starts_at, ends_at=ends_at, programme=programme,
                  created_by=by, **_details(title, description, place, online_link))
    event.full_clean(exclude=["organisation", "programme", "created_by", "communities"])
    event.save()
    event.communities.set(communities)
    invited = _invite_members(organisation=organisation, by=by, event=event, communities=communities,
                              upcoming=upcoming)
    audit_record(organisation=organisation, actor=by, target=event,
                 action="event.created" if upcoming else "event.added_afterwards",
                 summary=f"{len(communities)} communities, {invited} invited")
    return event


def _locked(event):
    return Event.objects.select_for_update().select_related("organisation").get(pk=event.pk)


@transaction.atomic
def event_update(*, organisation, by, event, title, starts_at, ends_at, communities, description="", place="",
                 online_link="", programme=None, now=None):
    """Change an event. If it is still to come, invitees get an update (same calendar UID, SEQUENCE one
    higher); members of a community added are invited; the invitations of people no longer in any of its
    communities are withdrawn (they are told, unless they are recorded as having come). Members who joined
    one of its communities since are invited too. An event still to come cannot be moved into the past; a
    cancelled one cannot be changed."""
    _check_tenant(organisation, event, programme)
    now = now or timezone.now()
    communities = _clean_communities(organisation, communities)
    event = _locked(event)
    if event.is_cancelled:
        raise ValidationError("This event was cancelled; it can no longer be changed.")
    upcoming = event.starts_at > now
    problems = rules.event_problems(title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                                    online_link=online_link, community_count=len(communities), upcoming=upcoming)
    if upcoming and starts_at <= now and "end_time" not in problems:
        problems["date"] = "Choose a date and time in the future (or cancel the event)."
    _refuse(problems)
    new = {"starts_at": starts_at, "ends_at": ends_at, **_details(title, description, place, online_link)}
    changes = {k: [str(getattr(event, k)), str(v)] for k, v in new.items() if getattr(event, k) != v}
    if (event.programme_id or None) != (programme.pk if programme else None):
        changes["programme"] = [str(event.programme_id or ""), str(programme.pk if programme else "")]
    before = set(event.communities.values_list("pk", flat=True))
    after = {c.pk for c in communities}
    for key, value in new.items():
        setattr(event, key, value)
    event.programme = programme
    notify = upcoming and bool(set(changes) & set(_NOTIFIED_FIELDS))
    if notify:
        event.sequence += 1
    event.full_clean(exclude=["organisation", "programme", "created_by", "communities"])
    event.save()
    if before != after:
        event.communities.set(communities)
        changes["communities"] = [sorted(before), sorted(after)]
    withdrawn = _withdraw_outsiders(organisation=organisation, by=by, event=event, communities=communities,
                                    upcoming=upcoming)
    if notify:  # those still invited; newcomers get the invitation below, with the new details
        event_notify(organisation=organisation, event=event, kind="updated", by=by,
                     users=[i.user for i in EventInvitation.objects.filter(event=event).select_related("user")
                            .order_by("user_id")])
    invited = _invite_members(organisation=organisation, by=by, event=event, communities=communities,
                              upcoming=upcoming)
    if changes or invited or withdrawn:
        audit_record(organisation=organisation, actor=by, target=event,
                     action="event.rescheduled" if {"starts_at", "ends_at"} & set(changes) else "event.changed",
                     summary=f"{invited} invited, {withdrawn} withdrawn",
                     changes={k: v for k, v in changes.items() if k != "description"}
                     | ({"description": ["…", "changed"]} if "description" in changes else {}))
    return event


def _withdraw_outsiders(*, organisation, by, event, communities, upcoming):
    """Withdraw the invitations of people in none of ``communities`` any more (never of someone recorded as
    having come); tell them if the event is still to come."""
    keep = set(_member_ids(communities))
    gone = list(EventInvitation.objects.filter(event=event, attended=False).exclude(user_id__in=keep)
                .select_related("user").order_by("user_id"))
    if not gone:
        return 0
    users = [i.user for i in gone]
    if upcoming:
        # Sent at the event's current SEQUENCE: a later CANCEL than the REQUEST they hold.
        event_notify(organisation=organisation, event=event, kind="withdrawn", by=by, users=users)
    EventInvitation.objects.filter(pk__in=[i.pk for i in gone]).delete()
    return len(gone)


@transaction.atomic
def event_cancel(*, organisation, by, event, now=None):
    """Cancel an event still to come: every invitee (and anyone who said they were coming, even with meeting
    e-mails turned off) gets a cancellation their calendar understands (METHOD:CANCEL)."""
    _check_tenant(organisation, event)
    now = now or timezone.now()
    event = _locked(event)
    if not rules.may_cancel(is_cancelled=event.is_cancelled, has_started=event.starts_at <= now):
        raise ValidationError("This event is already cancelled." if event.is_cancelled else
                              "This event has already started: record it instead of cancelling it.")
    event.cancelled_at = now
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    event_notify(organisation=organisation, event=event, kind="cancelled", by=by,
                 users=[i.user for i in EventInvitation.objects.filter(event=event).select_related("user")
                        .order_by("user_id")])
    audit_record(organisation=organisation, actor=by, action="event.cancelled", target=event)
    return event


@transaction.atomic
def event_delete(*, organisation, by, event, now=None):
    """Delete an event with its invitations and record. If it was still to come and not cancelled, the
    invitees are told first, as for a cancellation (the e-mail is composed now: the event will be gone)."""
    _check_tenant(organisation, event)
    now = now or timezone.now()
    event = _locked(event)
    if not event.is_cancelled and event.starts_at > now:
        event.cancelled_at = now
        event.sequence += 1
        event_notify_now(organisation=organisation, event=event, by=by,
                         users=[i.user for i in EventInvitation.objects.filter(event=event).select_related("user")
                                .order_by("user_id")])
    audit_record(organisation=organisation, actor=by, action="event.deleted", target=event,
                 summary=" ".join(event.title.split())[:200])
    event.delete()


def is_member_of_event_communities(event, user):
    from communities.models import Membership

    return Membership.objects.filter(community__events=event, user=user).exists()


@transaction.atomic
def event_respond(*, organisation, by, event, answer, now=None):
    """An invitee (or a member of one of the event's communities who joined since the invitations went out)
    says whether they are coming; they may change their answer until the event starts."""
    _check_tenant(organisation, event)
    now = now or timezone.now()
    if answer not in EventAnswer.values:
        raise ValidationError({"answer": "Choose yes, no or maybe."})
    invitation = EventInvitation.objects.filter(event=event, user=by).first()
    if invitation is None and not is_member_of_event_communities(event, by):
        raise ValidationError("Only people invited to the event can say whether they are coming.")
    if not rules.may_answer(is_cancelled=event.is_cancelled, has_started=event.starts_at <= now):
        raise ValidationError("This event was cancelled." if event.is_cancelled else
                              "This event has already started.")
    if invitation is None:
        invitation = EventInvitation(organisation=organisation, event=event, user=by)
    invitation.answer, invitation.answered_at = answer, now
    invitation.save()
    return invitation


@transaction.atomic
def event_record(*, organisation, by, event, attendee_ids, notes, now=None):
    """The record afterwards: which invitees came, and the notes."""
    _check_tenant(organisation, event)
    now = now or timezone.now()
    event = _locked(event)
    if not rules.may_record(is_cancelled=event.is_cancelled, has_started=event.starts_at <= now):
        raise ValidationError("This event was cancelled; there is nothing to record." if event.is_cancelled else
                              "You can record the event once it has started.")
    notes = (notes or "").strip()
    if len(notes) > rules.MAX_NOTES:
        raise ValidationError({"notes": f"Keep the notes to {rules.MAX_NOTES} characters."})
    wanted = set(attendee_ids or ())
    invited = set(EventInvitation.objects.filter(event=event).values_list("user_id", flat=True))
    if wanted - invited:
        raise ValidationError({"attendees": "Attendance can only include people invited to the event."})
    EventInvitation.objects.filter(event=event).update(attended=False)
    came = EventInvitation.objects.filter(event=event, user_id__in=wanted).update(attended=True)
    event.notes = notes
    event.recorded_at = event.recorded_at or now
    event.save(update_fields=["notes", "recorded_at"])
    audit_record(organisation=organisation, actor=by, action="event.recorded", target=event,
                 summary=f"{came} came")
    return event
