"""Services of programmes (create, edit, delete, communities) and of cohort programmes (sessions, the
standard programme, portal materials, attendance, co-consulting groups).

Every service takes ``organisation=`` (keyword-only), refuses records of another organisation (django-scopes
does not guard ``create()`` or forward foreign keys), runs in one transaction and writes the audit trail.
Participants hear of a session's changes by e-mail through the outbox, composed when it is sent.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cop_platform.audit import audit_record
from cop_platform.email import ComposedEmail, EmailCancelled, email_queue
from cop_platform.slugs import unique_slug

from .. import rules_cohorts
from ..models import (
    Attendance,
    CoConsultingGroup,
    MaterialKind,
    Participant,
    ParticipantStatus,
    Programme,
    ProgrammeKind,
    Session,
    SessionKind,
    SessionMaterial,
)
from .lifecycle import _check_tenant

PROGRAMME_FIELDS = ("name", "kind", "summary", "starts_on", "ends_on", "places")
SESSION_FIELDS = ("kind", "title", "module_number", "module_title", "part", "date", "starts_at", "ends_at",
                  "place", "online_link", "facilitators", "description")
RESERVED_SLUGS = ("new",)
SESSION_COMPOSER = "programmes.session"


def _clean_text(data, *names):
    for name in names:
        if isinstance(data.get(name), str):
            data[name] = data[name].strip()
    return data


# --- Programmes -------------------------------------------------------------------------------------------

@transaction.atomic
def programme_create(*, organisation, by, **fields):
    data = _clean_text({k: v for k, v in fields.items() if k in PROGRAMME_FIELDS}, "name", "summary")
    programme = Programme(organisation=organisation, created_by=by, **data)
    programme.slug = unique_slug(programme.name, Programme.objects.filter(organisation=organisation),
                                 fallback="programme", reserved=RESERVED_SLUGS)
    _programme_check(programme)
    programme.save()
    audit_record(organisation=organisation, actor=by, action="programme.created", target=programme,
                 summary=programme.name)
    return programme


@transaction.atomic
def programme_update(*, organisation, by, programme, **fields):
    _check_tenant(organisation, programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk, organisation=organisation)
    data = _clean_text({k: v for k, v in fields.items() if k in PROGRAMME_FIELDS}, "name", "summary")
    if "kind" in data and data["kind"] != programme.kind:
        if programme.kind == ProgrammeKind.COHORT and (programme.sessions.exists() or programme.participants.exists()):
            raise ValidationError({"kind": "This cohort has sessions or participants: it stays a cohort programme."})
        if programme.kind == ProgrammeKind.SUPPORT and programme.calls.exists():
            raise ValidationError({"kind": "Calls for conveners belong to this programme: it stays a support "
                                           "programme."})
    for key, value in data.items():
        setattr(programme, key, value)
    _programme_check(programme)
    programme.save()
    audit_record(organisation=organisation, actor=by, action="programme.updated", target=programme)
    return programme


def _programme_check(programme):
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        raise ValidationError({"ends_on": "The programme must end on or after the day it starts."})
    programme.full_clean(exclude=["organisation", "created_by", "communities"], validate_constraints=False)


def programme_delete_summary(programme):
    """What deleting ``programme`` takes with it, as a person reads it (the confirmation page)."""
    counts = [
        (Session.objects.filter(programme=programme).count(), "session", "sessions"),
        (SessionMaterial.objects.filter(session__programme=programme).count(), "material", "materials"),
        (Participant.objects.filter(programme=programme).count(), "participant", "participants"),
        (CoConsultingGroup.objects.filter(programme=programme).count(), "co-consulting group",
         "co-consulting groups"),
        (Attendance.objects.filter(session__programme=programme).count(), "attendance record",
         "attendance records"),
    ]
    return [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]


@transaction.atomic
def programme_delete(*, organisation, by, programme):
    """Delete the programme with its sessions, materials (files removed after commit), participants and
    groups. Its calls for conveners stay (they lose the link); communities are not touched."""
    _check_tenant(organisation, programme)
    stored = [(m.file.storage, m.file.name) for m in SessionMaterial.objects.filter(
        session__programme=programme, kind=MaterialKind.FILE)]
    name = programme.name
    audit_record(organisation=organisation, actor=by, action="programme.deleted", target=programme, summary=name)
    programme.delete()
    for storage, stored_name in stored:
        transaction.on_commit(lambda s=storage, n=stored_name: s.delete(n))


@transaction.atomic
def programme_community_add(*, organisation, by, programme, community):
    _check_tenant(organisation, programme, community)
    if programme.communities.filter(pk=community.pk).exists():
        raise ValidationError({"community": f"{community.name} is already supported by {programme.name}."})
    programme.communities.add(community)
    audit_record(organisation=organisation, actor=by, action="programme.community_added", target=programme,
                 summary=community.name)


@transaction.atomic
def programme_community_remove(*, organisation, by, programme, community):
    _check_tenant(organisation, programme, community)
    programme.communities.remove(community)
    audit_record(organisation=organisation, actor=by, action="programme.community_removed", target=programme,
                 summary=community.name)


# --- Sessions ---------------------------------------------------------------------------------------------

def _cohort(programme):
    if not programme.is_cohort:
        raise ValidationError("Only a cohort programme has sessions.")


def _session_check(session):
    problems = {**rules_cohorts.session_time_problems(date=session.date, starts_at=session.starts_at,
                                                      ends_at=session.ends_at),
                **rules_cohorts.module_problems(kind=session.kind, module_number=session.module_number,
                                                part=session.part)}
    if session.online_link and not session.online_link.lower().startswith(("https://", "http://")):
        problems["online_link"] = "Enter a web address starting with https://"
    if problems:
        raise ValidationError(problems)
    session.full_clean(exclude=["organisation", "programme"], validate_constraints=False)


def _session_data(fields):
    data = _clean_text({k: v for k, v in fields.items() if k in SESSION_FIELDS}, "title", "module_title", "place",
                       "online_link", "facilitators", "description")
    if data.get("kind") and data["kind"] != SessionKind.MODULE:
        data.setdefault("module_title", "")
    return data


@transaction.atomic
def session_create(*, organisation, by, programme, notify=True, **fields):
    _check_tenant(organisation, programme)
    _cohort(programme)
    session = Session(organisation=organisation, programme=programme, **_session_data(fields))
    session.position = Session.objects.filter(programme=programme).count()
    _session_check(session)
    session.save()
    audit_record(organisation=organisation, actor=by, action="programme.session_added", target=programme,
                 summary=session.name)
    if notify and session.date:
        _notify(organisation=organisation, by=by, session=session, kind="scheduled")
    return session


@transaction.atomic
def session_update(*, organisation, by, session, **fields):
    _check_tenant(organisation, session)
    session = Session.objects.select_for_update().select_related("programme").get(pk=session.pk,
                                                                                   organisation=organisation)
    before = {k: getattr(session, k) for k in SESSION_FIELDS}
    for key, value in _session_data(fields).items():
        setattr(session, key, value)
    _session_check(session)
    changed = [k for k in SESSION_FIELDS if getattr(session, k) != before[k]]
    if not changed:
        return session
    session.sequence += 1
    session.save()
    audit_record(organisation=organisation, actor=by, action="programme.session_changed", target=session.programme,
                 summary=session.name, changes={"fields": changed})
    if session.date and not session.is_cancelled:
        _notify(organisation=organisation, by=by, session=session, kind="updated")
    return session


@transaction.atomic
def session_cancel(*, organisation, by, session):
    _check_tenant(organisation, session)
    session = Session.objects.select_for_update().select_related("programme").get(pk=session.pk,
                                                                                   organisation=organisation)
    if session.is_cancelled:
        raise ValidationError("The session is already cancelled.")
    session.is_cancelled = True
    session.sequence += 1
    session.save(update_fields=["is_cancelled", "sequence", "updated_at"])
    audit_record(organisation=organisation, actor=by, action="programme.session_cancelled",
                 target=session.programme, summary=session.name)
    _notify(organisation=organisation, by=by, session=session, kind="cancelled")
    return session


@transaction.atomic
def session_delete(*, organisation, by, session):
    """Delete a session with its materials and attendance. Participants are told when it had a date and
    was not already cancelled (the e-mail's content is stored now: the session is gone when it is sent)."""
    _check_tenant(organisation, session)
    programme = session.programme
    stored = [(m.file.storage, m.file.name) for m in session.materials.filter(kind=MaterialKind.FILE)]
    if session.date and not session.is_cancelled:
        text = render_to_string("email/programmes/session_deleted.txt", {
            "session": session, "programme": programme, "link": _absolute(reverse(
                "programmes:portal", kwargs={"org": organisation.slug, "slug": programme.slug}))})
        for participant in _told(programme):
            email_queue(organisation=organisation, key=f"programme-session:{session.pk}:deleted:{participant.user_id}",
                        to=participant.user.email, kind="programmes.session", triggered_by=by,
                        subject=f"Cancelled: {programme.name}: {session.name}, {session.date:%-d %B}",
                        body_text=text)
    audit_record(organisation=organisation, actor=by, action="programme.session_deleted", target=programme,
                 summary=session.name)
    session.delete()
    for storage, name in stored:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))


@transaction.atomic
def standard_programme_setup(*, organisation, by, programme, start=None):
    """Create the Leadership Development Programme's 21 sessions (:func:`programmes.rules_cohorts.standard_programme`)
    in a cohort that has none yet. Nobody is e-mailed: the manager checks the dates first, and each later
    change tells the participants."""
    _check_tenant(organisation, programme)
    _cohort(programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk, organisation=organisation)
    if Session.objects.filter(programme=programme).exists():
        raise ValidationError("This programme already has sessions: add or change them one by one.")
    sessions = []
    for position, planned in enumerate(rules_cohorts.standard_programme(start)):
        session = Session(organisation=organisation, programme=programme, kind=planned.kind,
                          module_number=planned.module_number, module_title=planned.module_title,
                          part=planned.part, date=planned.date, starts_at=planned.starts_at,
                          ends_at=planned.ends_at, position=position,
                          place="Online" if planned.kind != SessionKind.CELEBRATION else "")
        _session_check(session)
        sessions.append(session)
    Session.objects.bulk_create(sessions)
    audit_record(organisation=organisation, actor=by, action="programme.standard_setup", target=programme,
                 summary=f"{len(sessions)} sessions" + (f" from {start:%-d %B %Y}" if start else ", dates to fill"))
    return sessions


def _told(programme):
    return (Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED)
            .select_related("user").order_by("pk"))


def _absolute(path):
    return settings.SITE_URL + path


def _notify(*, organisation, by, session, kind):
    for participant in _told(session.programme):
        email_queue(organisation=organisation,
                    key=f"programme-session:{session.pk}:{kind}:{session.sequence}:{participant.user_id}",
                    to=participant.user.email, kind="programmes.session", composer=SESSION_COMPOSER,
                    ref_id=session.pk, triggered_by=by, subject=f"{session.programme.name}: {session.name}")


def compose_session_change(email):
    """The composer of session e-mails (registered in ``ProgrammesConfig.ready``): reads the session when the
    mail is sent, so the participant reads its details as they are then. Nothing is sent for a session
    deleted since (its own e-mail went), nor to someone no longer taking part."""
    kind = email.key.split(":")[2] if email.key.count(":") >= 4 else "updated"
    session = Session.objects.filter(pk=email.ref_id or 0).select_related("programme", "organisation").first()
    if session is None:
        raise EmailCancelled("The session has been deleted.")
    if not Participant.objects.filter(programme=session.programme, user__email=email.to,
                                      status=ParticipantStatus.SELECTED).exists():
        raise EmailCancelled("The person no longer takes part in the programme.")
    if kind != "cancelled" and session.is_cancelled:
        raise EmailCancelled("The session has been cancelled since.")
    link = _absolute(session.get_absolute_url())
    prefix = {"cancelled": "Cancelled: ", "updated": "Changed: "}.get(kind, "")
    when = f", {session.date:%-d %B}" if session.date else ""
    context = {"session": session, "programme": session.programme, "kind": kind, "link": link}
    ics = session_ics(session, method="CANCEL" if kind == "cancelled" else "REQUEST")
    attachments = ((f"{session.programme.slug}-session-{session.pk}.ics", ics,
                    f"text/calendar; method={'CANCEL' if kind == 'cancelled' else 'REQUEST'}"),) if ics else ()
    return ComposedEmail(subject=f"{prefix}{session.programme.name}: {session.name}{when}",
                         body_text=render_to_string("email/programmes/session.txt", context), attachments=attachments)


def session_uid_for(session_id, organisation_id):
    return f"programme-session-{session_id}-{organisation_id}@convene"


def session_ics(session, *, method):
    """The session as an iCalendar file, through the one builder meetings and events use
    (:func:`cop_platform.calendar.calendar_ics`) with the session's own UID; ``None`` for a
    session without a date and both times. SEQUENCE is the session's, raised at each change told."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from cop_platform.calendar import calendar_ics

    if not (session.date and session.starts_at and session.ends_at):
        return None
    zone = ZoneInfo(settings.TIME_ZONE)
    return calendar_ics(
        uid=session_uid_for(session.pk, session.organisation_id), sequence=session.sequence,
        starts_at=datetime.combine(session.date, session.starts_at, tzinfo=zone),
        ends_at=datetime.combine(session.date, session.ends_at, tzinfo=zone),
        summary=f"{session.programme.name}: {session.name}", organiser_name=session.programme.name,
        place=session.place, call_link=session.online_link, description=session.description,
        cancelled=session.is_cancelled, method=method)
