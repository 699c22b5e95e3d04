"""Programmes and cohorts: the list, a programme's page, sessions, the portal and its downloads,
attendance, co-consulting groups, the home panel — who may do what, bad input refused with a clear
message and nothing changed, and flat query counts."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cop_platform.models import OutgoingEmail
from programmes import services
from programmes.models import (
    Attendance,
    CoConsultingGroup,
    GroupMember,
    Participant,
    Programme,
    Session,
    SessionMaterial,
)
from tests.factories import person_in
from tests.helpers import assert_queries_flat

HOSTILE = '<script>alert("x")</script>'
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def url(name, tenant, programme=None, **kwargs):
    if programme is not None:
        kwargs["slug"] = programme.slug
    return reverse(f"programmes:{name}", kwargs={"org": tenant.organisation.slug, **kwargs})


def cohort(tenant, name="CoP Leadership Development Programme 2023–24", places=28):
    with scopes_disabled():
        return services.programme_create(organisation=tenant.organisation, by=tenant.admin, name=name,
                                         kind="cohort", places=places, starts_on=date(2023, 9, 1))


def support(tenant, name="Patient Safety Communities of Practice 2015–16"):
    with scopes_disabled():
        return services.programme_create(organisation=tenant.organisation, by=tenant.admin, name=name,
                                         kind="support")


def join(tenant, programme, user=None, employer="Example NHS Trust", role="Pharmacist"):
    user = user or person_in(tenant.organisation)
    with scopes_disabled():
        return services.participant_add(organisation=tenant.organisation, by=tenant.project_manager,
                                        programme=programme, user=user, employer=employer, role_title=role)


def session(tenant, programme, **fields):
    values = {"kind": "welcome", "date": date.today() + timedelta(days=7), "starts_at": time(9, 30),
              "ends_at": time(12, 30), "online_link": "https://meet.example.org/ldp"}
    values.update(fields)
    with scopes_disabled():
        return services.session_create(organisation=tenant.organisation, by=tenant.project_manager,
                                       programme=programme, **values)


def material(tenant, s, name="slides.pdf", content=PDF):
    with scopes_disabled():
        return services.material_add(organisation=tenant.organisation, by=tenant.project_manager, session=s,
                                     title="Slides", uploaded=SimpleUploadedFile(name, content))


def session_form(**overrides):
    data = {"kind": "module", "module_number": "1", "module_title": "Planning and Launching CoPs", "part": "1",
            "date": "2026-12-08", "starts_at": "09:30", "ends_at": "12:30", "place": "",
            "online_link": "https://meet.example.org/m1", "facilitators": "Ada Example", "description": "Bring a plan."}
    data.update(overrides)
    return data


# --- The list and a programme -----------------------------------------------------------------------------

def test_staff_create_a_programme_with_a_unique_slug_and_everyone_in_the_organisation_lists_it(world, client_for):
    client = client_for(world.a.project_manager)
    data = {"name": "Leadership cohort", "kind": "cohort", "summary": "For aspiring conveners.", "places": "28",
            "starts_on": "2026-09-01", "ends_on": "2027-06-30"}
    assert client.post(url("programme_create", world.a), data).status_code == 302
    assert client.post(url("programme_create", world.a), data).status_code == 302
    with scopes_disabled():
        assert sorted(Programme.objects.values_list("slug", flat=True)) == ["leadership-cohort",
                                                                          "leadership-cohort-2"]
    text = client_for(world.a.outsider).get(url("programmes", world.a)).content.decode()
    assert "Leadership cohort" in text and "2 programmes" in text


def test_the_list_searches_filters_by_kind_and_answers_htmx_with_the_results_only(world, client_for):
    cohort(world.a)
    support(world.a)
    client = client_for(world.a.member)
    text = client.get(url("programmes", world.a), {"kind": "support"}).content.decode()
    assert "Patient Safety" in text and "Development Programme 2023" not in text
    text = client.get(url("programmes", world.a), {"q": "leadership"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Development Programme 2023" in text and "Patient Safety" not in text and "<html" not in text


def test_a_member_cannot_create_edit_or_delete_a_programme(world, client_for):
    programme = cohort(world.a)
    client = client_for(world.a.member)
    mine = {"name": "Mine", "kind": "cohort", "places": 5}
    assert client.post(url("programme_create", world.a), mine).status_code == 403
    assert client.post(url("programme_edit", world.a, programme), {"name": "X"}).status_code == 403
    assert client.post(url("programme_delete", world.a, programme)).status_code == 403
    with scopes_disabled():
        assert Programme.objects.get(pk=programme.pk).name == programme.name


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name": "", "kind": "cohort", "places": "28"}, "name", "Enter the programme&#x27;s name."),
    ({"name": "x" * 201, "kind": "cohort", "places": "28"}, "name", "Keep the name to 200 characters."),
    ({"name": "A", "kind": "nonsense", "places": "28"}, "kind", "Select a valid choice"),
    ({"name": "A", "kind": "cohort", "places": "many"}, "places", "whole number"),
    ({"name": "A", "kind": "cohort", "places": "28", "starts_on": "2026-09-01", "ends_on": "2026-08-01"},
     "ends_on", "end on or after the day it starts"),
    ({"name": "A", "kind": "cohort", "places": "28", "starts_on": "31/02/2026"}, "starts_on", "Enter a real date."),
])
def test_bad_programme_input_is_refused_beside_its_field_and_nothing_is_saved(world, client_for, data, field,
                                                                              message):
    response = client_for(world.a.admin).post(url("programme_create", world.a), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    with scopes_disabled():
        assert not Programme.objects.exists()


def test_hostile_html_in_a_programme_and_session_is_shown_as_text(world, client_for):
    programme = cohort(world.a, name=f"Cohort {HOSTILE}")
    with scopes_disabled():
        services.programme_update(organisation=world.a.organisation, by=world.a.admin, programme=programme,
                                  summary=HOSTILE)
    join(world.a, programme, user=world.a.member)
    s = session(world.a, programme, facilitators=HOSTILE, description=HOSTILE, place=HOSTILE)
    client = client_for(world.a.member)
    for page in (url("programmes", world.a), url("programme", world.a, programme), url("portal", world.a, programme),
                 url("session", world.a, programme, session_id=s.pk)):
        text = client.get(page).content.decode()
        assert HOSTILE not in text and "&lt;script&gt;" in text, page


def test_deleting_a_programme_asks_first_and_says_what_goes(world, client_for):
    programme = cohort(world.a)
    join(world.a, programme)
    s = session(world.a, programme)
    stored = material(world.a, s)
    client = client_for(world.a.admin)
    text = client.get(url("programme_delete", world.a, programme)).content.decode()
    assert "1 session" in text and "1 material" in text and "1 participant" in text
    assert client.post(url("programme_delete", world.a, programme)).status_code == 302
    with scopes_disabled():
        assert not Programme.objects.filter(pk=programme.pk).exists()
        assert not SessionMaterial.objects.filter(pk=stored.pk).exists()


def test_services_refuse_records_of_another_organisation(world):
    programme = cohort(world.a)
    s = session(world.a, programme)
    with scopes_disabled():
        with pytest.raises(ValidationError):
            services.session_create(organisation=world.b.organisation, by=world.b.admin, programme=programme,
                                    kind="welcome")
        with pytest.raises(ValidationError):
            services.session_update(organisation=world.b.organisation, by=world.b.admin, session=s, title="X")
        with pytest.raises(ValidationError):
            services.programme_delete(organisation=world.b.organisation, by=world.b.admin, programme=programme)
        with pytest.raises(ValidationError):
            services.programme_community_add(organisation=world.a.organisation, by=world.a.admin,
                                             programme=support(world.a), community=world.b.community)
        with pytest.raises(ValidationError):
            services.material_add(organisation=world.b.organisation, by=world.b.admin, session=s, title="X",
                                  url="https://example.org")
        with pytest.raises(ValidationError):
            services.groups_save(organisation=world.b.organisation, by=world.b.admin, programme=programme,
                                 placement={})
        assert Session.objects.filter(programme=programme).count() == 1


# --- A support programme: calls, funded conveners, communities --------------------------------------------

def test_a_support_programme_lists_its_calls_funded_conveners_and_communities(world, client_for):
    from conveners.models import Call, Decision
    from tests.conveners.builders import make_application, make_call

    programme = support(world.a)
    call = make_call(world.a.organisation)
    application = make_application(call, world.a.member, domain="Sepsis spotting")
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(programme=programme)
        type(application).objects.filter(pk=application.pk).update(decision=Decision.FUNDED)
    assert "Ada Example" not in client_for(world.a.member).get(url("programme", world.a, programme)).content.decode()
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(released_at=timezone.now())
    admin = client_for(world.a.admin)
    response = admin.post(url("programme_communities", world.a, programme),
                          {"action": "add", "community": world.a.community.pk})
    assert response.status_code == 302
    text = client_for(world.a.member).get(url("programme", world.a, programme)).content.decode()
    assert call.title in text and "Ada Example" in text and world.a.community.name in text
    text = client_for(world.a.member).get(call.get_absolute_url()).content.decode()
    assert programme.name in text
    client_for(world.a.admin).post(url("programme_communities", world.a, programme),
                                   {"action": "remove", "community": world.a.community.pk})
    with scopes_disabled():
        assert not programme.communities.exists()


def test_a_community_of_another_organisation_cannot_be_added(world, client_for):
    programme = support(world.a)
    response = client_for(world.a.admin).post(url("programme_communities", world.a, programme),
                                              {"action": "add", "community": world.b.community.pk})
    assert "Choose one of the organisation" in response.content.decode()
    with scopes_disabled():
        assert not programme.communities.exists()


def test_the_call_form_offers_only_the_organisations_support_programmes(world, client_for):
    mine = support(world.a)
    cohort(world.a)
    theirs = support(world.b, name="Beta support")
    text = client_for(world.a.admin).get(reverse("conveners:call_create",
                                                 kwargs={"org": world.a.organisation.slug})).content.decode()
    assert mine.name in text and "Leadership Development" not in text and theirs.name not in text


# --- Sessions ---------------------------------------------------------------------------------------------

def test_staff_add_a_session_and_participants_are_told_by_an_outbox_email_composed_at_send_time(world, client_for):
    programme = cohort(world.a)
    join(world.a, programme, user=world.a.member)
    response = client_for(world.a.project_manager).post(url("session_create", world.a, programme), session_form())
    assert response.status_code == 302
    with scopes_disabled():
        s = Session.objects.get(programme=programme)
        email = OutgoingEmail.objects.get(to=world.a.member.email)
    assert email.composer == services.SESSION_COMPOSER and email.body_text == ""
    with scope(organisation=world.a.organisation):
        composed = services.compose_session_change(email)
    assert "Module 1: Planning and Launching CoPs (part 1)" in composed.subject
    assert "https://meet.example.org/m1" in composed.body_text and s.get_absolute_url() in composed.body_text
    (filename, ics, mimetype), = composed.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar; method=REQUEST"
    assert f"UID:programme-session-{s.pk}-".encode() in ics and b"DTSTART;TZID=Europe/London:20261208T093000" in ics
    with scopes_disabled():
        services.session_cancel(organisation=world.a.organisation, by=world.a.admin, session=s)
        cancelled = OutgoingEmail.objects.get(to=world.a.member.email, key__contains=":cancelled:")
    with scope(organisation=world.a.organisation):
        ics = services.compose_session_change(cancelled).attachments[0][1]
    assert b"METHOD:CANCEL" in ics and b"STATUS:CANCELLED" in ics and b"SEQUENCE:1" in ics


def test_a_session_ending_before_it_starts_is_refused_clearly_and_nothing_is_saved(world, client_for):
    programme = cohort(world.a)
    response = client_for(world.a.project_manager).post(url("session_create", world.a, programme),
                                                        session_form(starts_at="12:30", ends_at="09:30"))
    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    assert "ends_at" in response.context["form"].errors
    with scopes_disabled():
        assert not Session.objects.exists()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"kind": ""}, "Choose the kind of session."),
    ({"part": "", "kind": "module"}, "part 1 or part 2"),
    ({"kind": "clinic"}, "Only a module session has a module number."),
    ({"online_link": "javascript:alert(1)"}, "Enter a web address starting with https://"),
    ({"date": "2026-02-31"}, "Enter a real date."),
    ({"starts_at": "25:99"}, "Enter a time such as 09:30."),
    ({"description": "x" * 10001}, "10000 characters"),
    ({"facilitators": "x" * 501}, "500 characters"),
])
def test_bad_session_input_is_refused(world, client_for, overrides, message):
    programme = cohort(world.a)
    response = client_for(world.a.project_manager).post(url("session_create", world.a, programme),
                                                        session_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode().replace("10,000", "10000")
    with scopes_disabled():
        assert not Session.objects.exists()


def test_changing_cancelling_and_deleting_a_session_tells_the_participants_each_time(world, client_for):
    programme = cohort(world.a)
    join(world.a, programme, user=world.a.member)
    s = session(world.a, programme)
    client = client_for(world.a.project_manager)
    assert client.post(url("session_edit", world.a, programme, session_id=s.pk),
                       session_form(kind="welcome", module_number="", part="", module_title="",
                                    starts_at="10:00", ends_at="12:00")).status_code == 302
    assert client.post(url("session_cancel", world.a, programme, session_id=s.pk)).status_code == 302
    with scopes_disabled():
        keys = sorted(OutgoingEmail.objects.filter(to=world.a.member.email).values_list("key", flat=True))
        assert [k.split(":")[2] for k in keys] == ["cancelled", "scheduled", "updated"]
        assert Session.objects.get(pk=s.pk).is_cancelled
    s2 = session(world.a, programme, kind="celebration")
    assert client.post(url("session_delete", world.a, programme, session_id=s2.pk)).status_code == 302
    with scopes_disabled():
        deleted = OutgoingEmail.objects.get(key__contains=f":{s2.pk}:deleted:")
        assert not Session.objects.filter(pk=s2.pk).exists()
    assert "will not take place" in deleted.body_text and deleted.subject.startswith("Cancelled:")


def test_a_saved_edit_with_no_change_sends_nothing(world):
    programme = cohort(world.a)
    join(world.a, programme)
    s = session(world.a, programme)
    with scopes_disabled():
        before = OutgoingEmail.objects.count()
        services.session_update(organisation=world.a.organisation, by=world.a.admin, session=s,
                                **{k: getattr(s, k) for k in services.cohorts.SESSION_FIELDS})
        assert OutgoingEmail.objects.count() == before


def test_the_standard_programme_is_set_up_once_with_dates_left_to_fill(world, client_for):
    programme = cohort(world.a)
    client = client_for(world.a.project_manager)
    assert client.post(url("standard_setup", world.a, programme), {"start": ""}).status_code == 302
    with scopes_disabled():
        assert Session.objects.filter(programme=programme).count() == 21
        assert not Session.objects.filter(programme=programme, date__isnull=False).exists()
    text = client.get(url("programme", world.a, programme)).content.decode()
    assert "Module 5: Growing and Sustaining Communities of Practice (part 2)" in text and "Date to be set" in text
    with scopes_disabled(), pytest.raises(ValidationError, match="already has sessions"):
        services.standard_programme_setup(organisation=world.a.organisation, by=world.a.admin, programme=programme)


def test_a_support_programme_has_no_sessions(world, client_for):
    programme = support(world.a)
    assert client_for(world.a.admin).post(url("session_create", world.a, programme), session_form()).status_code == 404
    with scopes_disabled(), pytest.raises(ValidationError):
        services.standard_programme_setup(organisation=world.a.organisation, by=world.a.admin, programme=programme)


# --- The portal -------------------------------------------------------------------------------------------

def test_a_participant_downloads_a_material_and_nobody_outside_the_cohort_can(world, client_for):
    a = cohort(world.a)
    b = cohort(world.a, name="Second cohort")
    join(world.a, a, user=world.a.member)
    b_person = person_in(world.a.organisation)
    join(world.a, b, user=b_person)
    s = session(world.a, a)
    m = material(world.a, s)
    download = url("material_download", world.a, a, material_id=m.pk)
    response = client_for(world.a.member).get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    for outsider in (b_person, world.a.outsider, world.a.evaluator, world.a.convener):
        client = client_for(outsider)
        assert client.get(download).status_code == 403
        assert client.get(url("portal", world.a, a)).status_code == 403
        assert client.get(url("session", world.a, a, session_id=s.pk)).status_code == 403
    # Cohort B's participant asking through their own cohort's portal for A's material or session: not found.
    client = client_for(b_person)
    assert client.get(url("material_download", world.a, b, material_id=m.pk)).status_code == 404
    assert client.get(url("session", world.a, b, session_id=s.pk)).status_code == 404
    assert client_for(world.b.admin).get(download).status_code == 404


def test_a_withdrawn_participant_loses_the_portal(world, client_for):
    programme = cohort(world.a)
    p = join(world.a, programme, user=world.a.member)
    with scopes_disabled():
        Participant.objects.filter(pk=p.pk).update(status="withdrawn")
    assert client_for(world.a.member).get(url("portal", world.a, programme)).status_code == 403


@pytest.mark.parametrize(("name", "content", "message"), [
    ("notes.exe", b"MZ", "The file must be a PDF"),
    ("fake.pdf", b"<html>", "does not match a .pdf file"),
    ("empty.pdf", b"", "The file is empty."),
])
def test_a_bad_upload_is_refused_and_nothing_is_stored(world, client_for, name, content, message):
    programme = cohort(world.a)
    s = session(world.a, programme)
    response = client_for(world.a.project_manager).post(
        url("material_add", world.a, programme, session_id=s.pk),
        {"kind": "file", "file-title": "Notes", "file-file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and message in response.content.decode()
    with scopes_disabled():
        assert not SessionMaterial.objects.exists()


def test_a_link_material_and_a_participant_cannot_add_materials(world, client_for):
    programme = cohort(world.a)
    join(world.a, programme, user=world.a.member)
    s = session(world.a, programme)
    add = url("material_add", world.a, programme, session_id=s.pk)
    assert client_for(world.a.member).post(add, {"kind": "link", "link-title": "Mine",
                                                 "link-url": "https://example.org"}).status_code == 403
    response = client_for(world.a.project_manager).post(add, {"kind": "link", "link-title": HOSTILE,
                                                              "link-url": "javascript:alert(1)"})
    assert "Enter a web address starting with https://" in response.content.decode()
    client_for(world.a.project_manager).post(add, {"kind": "link", "link-title": "Liberating Structures",
                                                   "link-url": "https://www.liberatingstructures.com/"})
    text = client_for(world.a.member).get(url("session", world.a, programme, session_id=s.pk)).content.decode()
    assert "Liberating Structures" in text
    with scopes_disabled():
        assert SessionMaterial.objects.count() == 1


# --- Attendance -------------------------------------------------------------------------------------------

def test_staff_record_attendance_shown_per_participant_and_per_session(world, client_for):
    programme = cohort(world.a)
    p1, p2 = join(world.a, programme, user=world.a.member), join(world.a, programme)
    s1, s2 = session(world.a, programme), session(world.a, programme, kind="clinic")
    client = client_for(world.a.project_manager)
    client.post(url("attendance", world.a, programme, session_id=s1.pk), {"attended": [p1.pk, p2.pk]})
    client.post(url("attendance", world.a, programme, session_id=s2.pk), {"attended": [p1.pk]})
    text = client.get(url("participants", world.a, programme)).content.decode()
    assert "2 of 2 sessions" in text and "1 of 2 sessions" in text
    client.post(url("attendance", world.a, programme, session_id=s1.pk), {"attended": [p2.pk]})
    with scopes_disabled():
        assert set(Attendance.objects.filter(session=s1).values_list("participant", flat=True)) == {p2.pk}


def test_attendance_of_someone_outside_the_programme_is_refused(world, client_for):
    a, b = cohort(world.a), cohort(world.a, name="Second cohort")
    outsider = join(world.a, b)
    s = session(world.a, a)
    response = client_for(world.a.admin).post(url("attendance", world.a, a, session_id=s.pk),
                                              {"attended": [outsider.pk]})
    assert "Only the programme&#x27;s participants" in response.content.decode()
    assert client_for(world.a.member).post(url("attendance", world.a, a, session_id=s.pk)).status_code == 403
    with scopes_disabled():
        assert not Attendance.objects.exists()


# --- Co-consulting groups ---------------------------------------------------------------------------------

def test_staff_propose_adjust_and_save_groups_and_a_participant_sees_their_own(world, client_for):
    programme = cohort(world.a)
    me = join(world.a, programme, user=world.a.member, employer="Trust A")
    others = [join(world.a, programme, employer=f"Trust {'ABC'[i % 3]}", role=["Nurse", "GP"][i % 2])
              for i in range(8)]
    client = client_for(world.a.project_manager)
    response = client.get(url("groups", world.a, programme), {"group_size": "3"})
    assert "These groups are a proposal" in response.content.decode()
    with scopes_disabled():
        assert not CoConsultingGroup.objects.exists()
    placement = dict(response.context["rows"])
    posted = {f"group-{p.pk}": number for p, number in placement.items()}
    posted[f"group-{others[0].pk}"] = posted[f"group-{me.pk}"]  # the manager moves someone by hand
    assert client.post(url("groups", world.a, programme), posted).status_code == 302
    with scopes_disabled():
        mine = GroupMember.objects.get(participant=me).group
        assert GroupMember.objects.filter(group=mine, participant=others[0]).exists()
        members = {m.participant.user.display_name for m in GroupMember.objects.filter(group=mine)}
    text = client_for(world.a.member).get(url("portal", world.a, programme)).content.decode()
    assert f"Group {mine.number}" in text and all(name in text for name in members)


def test_groups_that_leave_someone_out_or_a_bad_size_are_refused(world, client_for):
    programme = cohort(world.a)
    people = [join(world.a, programme) for _ in range(4)]
    client = client_for(world.a.project_manager)
    response = client.post(url("groups", world.a, programme), {f"group-{people[0].pk}": "1"})
    assert "Place every participant" in response.content.decode()
    response = client.get(url("groups", world.a, programme), {"group_size": "99"})
    assert "Choose a group size from 3 to 8." in response.content.decode()
    with scopes_disabled():
        assert not CoConsultingGroup.objects.exists()


# --- Home panel -------------------------------------------------------------------------------------------

def test_home_shows_a_participant_their_next_session_and_staff_the_programmes_running(world, client_for):
    programme = cohort(world.a)
    with scopes_disabled():
        Programme.objects.filter(pk=programme.pk).update(starts_on=timezone.localdate() - timedelta(days=1))
    join(world.a, programme, user=world.a.member)
    session(world.a, programme, kind="welcome", title="Getting to know you")
    home = reverse("tenant_home", kwargs={"org": world.a.organisation.slug})
    text = client_for(world.a.member).get(home).content.decode()
    assert "Your next session" in text and "Getting to know you" in text
    text = client_for(world.a.admin).get(home).content.decode()
    assert "Programmes running" in text and programme.name in text
    assert f'href="{url("programmes", world.a)}"' in text  # the navigation item


# --- Query counts -----------------------------------------------------------------------------------------

def _grow(tenant, programme, sessions=40, participants=28):
    people = [join(tenant, programme, employer=f"Trust {i % 5}", role=f"Role {i % 3}") for i in range(participants)]
    with scopes_disabled():
        made = [session(tenant, programme, kind="clinic", date=date.today() + timedelta(days=i))
                for i in range(sessions)]
        for s in made[:3]:
            material(tenant, s)
            services.attendance_record(organisation=tenant.organisation, by=tenant.admin, session=s,
                                       participant_ids=[p.pk for p in people])
        placement = services.groups_propose(programme=programme, group_size=5)
        services.groups_save(organisation=tenant.organisation, by=tenant.admin, programme=programme,
                             placement=placement)


@pytest.mark.parametrize("page", ["programme", "portal", "participants", "groups", "programmes"])
def test_pages_make_the_same_number_of_queries_with_40_sessions_and_28_participants(world, client_for, page):
    programme = cohort(world.a, places=40)
    join(world.a, programme, user=world.a.member)
    session(world.a, programme)
    with scopes_disabled():
        services.groups_save(organisation=world.a.organisation, by=world.a.admin, programme=programme,
                             placement=services.groups_propose(programme=programme, group_size=5))
    target = url(page, world.a) if page == "programmes" else url(page, world.a, programme)

    def grow():
        _grow(world.a, programme)
        for i in range(25):
            cohort(world.a, name=f"Another cohort {i}")

    assert_queries_flat(client_for(world.a.project_manager), target, grow)


def test_the_portal_for_a_participant_makes_a_flat_number_of_queries(world, client_for):
    programme = cohort(world.a, places=40)
    join(world.a, programme, user=world.a.member)
    session(world.a, programme)
    with scopes_disabled():
        services.groups_save(organisation=world.a.organisation, by=world.a.admin, programme=programme,
                             placement=services.groups_propose(programme=programme, group_size=5))
    s = session(world.a, programme)
    client = client_for(world.a.member)
    assert_queries_flat(client, url("portal", world.a, programme), lambda: _grow(world.a, programme))
    assert_queries_flat(client, url("session", world.a, programme, session_id=s.pk),
                        lambda: [material(world.a, s) for _ in range(5)])


def test_a_cohort_with_sessions_stays_a_cohort_and_a_support_programme_with_calls_stays_one(world):
    from conveners.models import Call
    from tests.conveners.builders import make_call

    programme = cohort(world.a)
    session(world.a, programme)
    other = support(world.a)
    call = make_call(world.a.organisation)
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(programme=other)
        with pytest.raises(ValidationError, match="stays a cohort"):
            services.programme_update(organisation=world.a.organisation, by=world.a.admin, programme=programme,
                                      kind="support")
        with pytest.raises(ValidationError, match="stays a support"):
            services.programme_update(organisation=world.a.organisation, by=world.a.admin, programme=other,
                                      kind="cohort")
        assert Programme.objects.get(pk=programme.pk).kind == "cohort"


def test_a_call_can_name_a_programme_of_its_own_organisation_only(world):
    from conveners import services as call_services
    from tests.conveners.builders import make_call

    call = make_call(world.a.organisation, status="draft")
    theirs = support(world.b, name="Beta support")
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            call_services.call_update(organisation=world.a.organisation, by=world.a.admin, call=call,
                                      programme=theirs)
        assert "programme" in refused.value.message_dict
        call_services.call_update(organisation=world.a.organisation, by=world.a.admin, call=call,
                                  programme=support(world.a))
        call.refresh_from_db()
        assert call.programme.organisation == world.a.organisation
