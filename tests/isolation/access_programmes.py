"""Access table for the programmes app's tenant URLs (see tests/isolation/access.py)."""

from cop_platform.tenancy.models import Role
from tests.isolation.access import (
    COHORT_APPLICATION_OWNER,
    COHORT_APPLICATION_VIEWER,
    COMMUNITY_MEMBERS,
    EVENT_VIEWER,
    MEMBER,
    PROGRAMME_PORTAL,
)

ACCESS = {
    # The lifecycle page reads like the other members-only pages; its forms are guarded within (the
    # check-in for those who run the community; the phase move and the Transform outcome (record and
    # withdraw, same URL, "action" outcome/withdraw) for conveners and host staff: tests/programmes/test_transform.py).
    "programmes:lifecycle": COMMUNITY_MEMBERS,
}

# --- Cross-community events (Basecamps) ----------------------------------------------------------------
# The host's staff run events (others in the organisation: 403); an event's page and calendar file are for
# staff, its invitees and members of its communities (anyone else: 404, as for an unlisted community); a
# community's own Events page is one of its members-only pages.

_EVENT_STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)

ACCESS.update({
    "programmes:events": _EVENT_STAFF,
    "programmes:event_new": _EVENT_STAFF,
    "programmes:event": EVENT_VIEWER,
    "programmes:event_ics": EVENT_VIEWER,
    "programmes:event_edit": _EVENT_STAFF,
    "programmes:event_cancel": _EVENT_STAFF,
    "programmes:event_delete": _EVENT_STAFF,
    "programmes:event_record": _EVENT_STAFF,
    "programmes:community_events": COMMUNITY_MEMBERS,
})


def _event_arguments(tenant, *, community):
    """An upcoming event bringing the tenant's listed and unlisted communities together, every member
    invited (the convener is in both: invited once)."""
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from communities.models import Membership
    from programmes.models import Event, EventInvitation

    with scopes_disabled():
        org = tenant.organisation
        event = Event.objects.filter(organisation=org, title="Crawler Basecamp").first()
        if event is None:
            event = Event.objects.create(organisation=org, title="Crawler Basecamp", place="Leeds",
                                         starts_at=timezone.now() + timedelta(days=10),
                                         ends_at=timezone.now() + timedelta(days=10, hours=6))
            event.communities.set([tenant.community, tenant.unlisted])
            users = set(Membership.objects.filter(community__in=[tenant.community, tenant.unlisted])
                        .values_list("user_id", flat=True))
            EventInvitation.objects.bulk_create([EventInvitation(organisation=org, event=event, user_id=uid)
                                                 for uid in users])
    return {"event_id": event.pk}


# --- participants (applications to a cohort programme) ------------------------------------------------------
# Anyone in the organisation may apply; the applications list, decisions and the participants' list are host
# staff's; an application is its applicant's and staff's to read (anyone else 404), its actions the
# applicant's alone (staff 403). The crawler's application is a draft of the real applicant (cast.py).
_COHORT_STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)
ACCESS.update({
    "programmes:cohort_apply": "member",
    "programmes:cohort_applications": _COHORT_STAFF,
    "programmes:cohort_applications_window": _COHORT_STAFF,
    "programmes:cohort_participants": _COHORT_STAFF,
    "programmes:cohort_application": COHORT_APPLICATION_VIEWER,
    "programmes:cohort_application_edit": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_confirmations": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_submit": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_withdraw": COHORT_APPLICATION_OWNER,
    "programmes:cohort_participant_community": COHORT_APPLICATION_OWNER,
    "programmes:cohort_application_decide": _COHORT_STAFF,
})


def _participants_arguments(tenant):
    """The crawler's cohort programme (open for applications) and the real applicant's draft application."""
    from tests.isolation.cast import cast_of
    from tests.programmes.builders import crawler_cohort_records

    return crawler_cohort_records(tenant, applicant=cast_of(tenant).applicant)


# --- end participants ---------------------------------------------------------------------------------------


# --- Readiness questionnaires: host staff only. The public answer page
# (/questionnaires/<token>/) is outside the tenant; tests/programmes/test_questionnaire.py covers it.
QUESTIONNAIRE_STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)
ACCESS.update({
    "programmes:questionnaires": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_create": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_edit": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_status": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_copy": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_delete": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_add": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_edit": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_remove": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_question_move": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_results": QUESTIONNAIRE_STAFF,
    "programmes:questionnaire_results_csv": QUESTIONNAIRE_STAFF,
})


def _questionnaire_arguments(tenant, *, community):
    """An open questionnaire of ``tenant`` with the booklet's questions and one response (made once)."""
    from django_scopes import scopes_disabled

    from programmes import services
    from programmes.models import Question, Questionnaire

    with scopes_disabled():
        questionnaire = Questionnaire.objects.filter(organisation=tenant.organisation, title="Crawler questionnaire"
                                                     ).first()
        if questionnaire is None:
            questionnaire = services.questionnaire_create(organisation=tenant.organisation, by=tenant.admin,
                                                          title="Crawler questionnaire")
        question = Question.objects.filter(questionnaire=questionnaire).order_by("order").first()
    return {"questionnaire_id": questionnaire.pk, "question_id": question.pk}
# --- end of readiness questionnaires


# --- Programmes and cohorts -------------------------------------------------------------
# The list and a programme's page are for everyone in the organisation; managing is for host staff; the
# portal (sessions, materials, downloads) for the cohort's participants and host staff.
_PROGRAMME_STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)
ACCESS.update({
    "programmes:programmes": MEMBER,
    "programmes:programme": MEMBER,
    "programmes:programme_create": _PROGRAMME_STAFF,
    "programmes:programme_edit": _PROGRAMME_STAFF,
    "programmes:programme_delete": _PROGRAMME_STAFF,
    "programmes:programme_communities": _PROGRAMME_STAFF,
    "programmes:session_create": _PROGRAMME_STAFF,
    "programmes:standard_setup": _PROGRAMME_STAFF,
    "programmes:session_edit": _PROGRAMME_STAFF,
    "programmes:session_cancel": _PROGRAMME_STAFF,
    "programmes:session_delete": _PROGRAMME_STAFF,
    "programmes:attendance": _PROGRAMME_STAFF,
    "programmes:material_add": _PROGRAMME_STAFF,
    "programmes:material_delete": _PROGRAMME_STAFF,
    "programmes:participants": _PROGRAMME_STAFF,
    "programmes:groups": _PROGRAMME_STAFF,
    "programmes:portal": PROGRAMME_PORTAL,
    "programmes:session": PROGRAMME_PORTAL,
    "programmes:material_download": PROGRAMME_PORTAL,
})


def _cohort_arguments(tenant, *, community):
    """The crawler's cohort in ``tenant``: its slug is the community's (the URL argument ``slug`` is shared
    with the community pages), with one session, one file material and the listed community's plain member
    as its participant."""
    from django.core.files.base import ContentFile
    from django_scopes import scopes_disabled

    from programmes.models import MaterialKind, Participant, Programme, Session, SessionMaterial

    with scopes_disabled():
        programme, _ = Programme.objects.get_or_create(
            organisation=tenant.organisation, slug=community.slug,
            defaults={"name": "Crawler cohort", "kind": "cohort"})
        Programme.objects.filter(pk=programme.pk).update(kind="cohort")
        Participant.objects.get_or_create(organisation=tenant.organisation, programme=programme, user=tenant.member)
        session = Session.objects.filter(programme=programme).first() or Session.objects.create(
            organisation=tenant.organisation, programme=programme, kind="welcome")
        material = SessionMaterial.objects.filter(session=session, kind=MaterialKind.FILE).first()
        if material is None:
            material = SessionMaterial(organisation=tenant.organisation, session=session, kind=MaterialKind.FILE,
                                       title="Crawler slides", original_name="slides.pdf",
                                       content_type="application/pdf", size=9)
            material.file.save("slides.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"session_id": session.pk, "material_id": material.pk}


def url_arguments(tenant, *, community):
    return {**_event_arguments(tenant, community=community), **_participants_arguments(tenant),
            **_questionnaire_arguments(tenant, community=community), **_cohort_arguments(tenant, community=community)}


def grow(tenant, *, community, n):
    """``n`` more programmes (with the community), events of the community with the cast invited, cohort
    applications to the crawler's cohort programme, participants, sessions with materials and attendance in
    the crawler's cohort, questionnaires and responses to the crawler's questionnaire, check-ins and phase
    moves of the community."""
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from programmes.models import (
        Answer,
        Attendance,
        CheckIn,
        CohortApplication,
        CohortApplicationStatus,
        Event,
        EventInvitation,
        MaterialKind,
        Participant,
        PhaseMove,
        Programme,
        Question,
        Questionnaire,
        QuestionnaireStatus,
        Response,
        Session,
        SessionMaterial,
    )
    from tests.factories import people_in
    from tests.isolation.cast import cast_of
    from tests.programmes.builders import application_data

    org = tenant.organisation
    now = timezone.now()
    arguments = {**_event_arguments(tenant, community=community), **_participants_arguments(tenant),
                 **_questionnaire_arguments(tenant, community=community),
                 **_cohort_arguments(tenant, community=community)}
    invited = [tenant.convener, tenant.member, cast_of(tenant).core_group]
    people = people_in(org, n, label="participant", community=community)
    with scopes_disabled():
        start = Programme.objects.filter(organisation=org).count()
        programmes = Programme.objects.bulk_create(
            Programme(organisation=org, name=f"Grown programme {start + i}", slug=f"grown-programme-{start + i}",
                      kind="cohort" if i % 2 else "support", created_by=tenant.admin) for i in range(n))
        for programme in programmes:
            programme.communities.add(community)
        events = Event.objects.bulk_create(
            Event(organisation=org, title=f"Grown event {i}", place="Leeds", created_by=tenant.admin,
                  starts_at=now + timedelta(days=i + 3), ends_at=now + timedelta(days=i + 3, hours=4))
            for i in range(n))
        for event in events:
            event.communities.add(community)
        EventInvitation.objects.bulk_create(EventInvitation(organisation=org, event=event, user=user)
                                            for event in events for user in [*invited, *people])
        crawler_event = Event.objects.get(pk=arguments["event_id"])
        EventInvitation.objects.bulk_create(EventInvitation(organisation=org, event=crawler_event, user=user)
                                            for user in people)
        cohort = Programme.objects.get(organisation=org, slug=arguments["programme"])
        CohortApplication.objects.bulk_create(
            CohortApplication(organisation=org, programme=cohort, applicant=person,
                              status=CohortApplicationStatus.SUBMITTED, submitted_at=now,
                              line_manager_confirmed_at=now, sponsor_confirmed_at=now, **application_data())
            for person in people)
        crawler_session = Session.objects.get(pk=arguments["session_id"])
        portal = crawler_session.programme
        Participant.objects.bulk_create(Participant(organisation=org, programme=portal, user=person,
                                                                   community=community) for person in people)
        sessions = Session.objects.bulk_create(
            Session(organisation=org, programme=portal, kind="module", title=f"Module {i}",
                    date=timezone.localdate() + timedelta(days=i), position=i) for i in range(n))
        SessionMaterial.objects.bulk_create(
            SessionMaterial(organisation=org, session=session, kind=MaterialKind.LINK, title="Reading",
                            url="https://example.org/reading") for session in [*sessions, crawler_session])
        everyone = list(Participant.objects.filter(programme=portal))
        Attendance.objects.bulk_create([Attendance(organisation=org, session=session, participant=participant)
                                        for session in sessions for participant in everyone[:3]]
                                       + [Attendance(organisation=org, session=crawler_session, participant=p)
                                          for p in everyone if p.user in people])
        start = Questionnaire.objects.filter(organisation=org).count()
        Questionnaire.objects.bulk_create(
            Questionnaire(organisation=org, title=f"Grown questionnaire {start + i}", status=QuestionnaireStatus.OPEN,
                          public_token=f"grown-{org.pk}-{start + i}", created_by=tenant.admin) for i in range(n))
        questionnaire = Questionnaire.objects.get(pk=arguments["questionnaire_id"])
        questions = list(Question.objects.filter(questionnaire=questionnaire).prefetch_related("choices"))
        responses = Response.objects.bulk_create(Response(organisation=org, questionnaire=questionnaire,
                                                          submitted_at=now) for _ in range(n))
        Answer.objects.bulk_create(
            Answer(organisation=org, response=response, question=question, choice=choice,
                   text="" if choice else "An answer")
            for response in responses for question in questions
            for choice in [next(iter(question.choices.all()), None)])
        CheckIn.objects.bulk_create(
            CheckIn(organisation=org, community=community, date=timezone.localdate(), trying_to_do="Safer care",
                    how="Together", who="Everyone", how_we_know="Audits", added_by=tenant.convener) for _ in range(n))
        PhaseMove.objects.bulk_create(
            PhaseMove(organisation=org, community=community, from_phase="discover", to_phase="unite",
                      reason="Ready", moved_by=tenant.convener) for _ in range(n))
