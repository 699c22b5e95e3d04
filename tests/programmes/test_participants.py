"""Applying to a cohort programme (issue 9 item 4): the application, its supporters' confirmations by
e-mailed link, the manager's ranked list and selection, and the participants' commitment to convene.
Bad input (empty, huge, hostile, wrong tenant, wrong role, a full cohort) is refused clearly and changes
nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import Meeting, MembershipRole
from cop_platform.models import AuditEvent, OutgoingEmail
from programmes import selectors, services
from programmes.models import CohortApplication, CohortApplicationStatus, Participant
from tests.factories import CommunityFactory, member_of, person_in
from tests.helpers import assert_queries_flat
from tests.programmes.builders import application_data, form_data, make_cohort, make_cohort_application

HOSTILE = '<script>alert("x")</script>'
S = CohortApplicationStatus
LM, SP = "lee.manager@example.org", "sam.director@example.org"


@pytest.fixture
def cohort(world):
    return make_cohort(world.a.organisation)


def url(name, programme, application=None):
    kwargs = {"org": programme.organisation.slug, "programme": programme.slug}
    if application is not None:
        kwargs["cohort_application"] = application.pk
    return reverse(f"programmes:{name}", kwargs=kwargs)


def fresh(application):
    with scopes_disabled():
        return CohortApplication.objects.get(pk=application.pk)


def create(world, cohort, by=None, **overrides):
    with scope(organisation=world.a.organisation):
        return services.cohort_application_create(organisation=world.a.organisation, by=by or world.a.member,
                                                  programme=cohort, **application_data(**overrides))


def _token(message):
    return message.body.split("/programme-confirmations/")[1].split("/")[0]


@pytest.fixture
def ask(world, mailoutbox, django_capture_on_commit_callbacks):
    def _ask(application, by=None):
        with scope(organisation=world.a.organisation), django_capture_on_commit_callbacks(execute=True):
            services.cohort_application_request_confirmations(organisation=world.a.organisation,
                                                              by=by or application.applicant, application=application)
        return {m.to[0]: _token(m) for m in mailoutbox if "/programme-confirmations/" in m.body}

    return _ask


# --- Applying ----------------------------------------------------------------------------------------------

def test_a_member_applies_saves_a_draft_and_sees_it(world, client_for, cohort):
    client = client_for(world.a.member)
    page = client.get(url("cohort_apply", cohort))
    assert page.status_code == 200 and b"28 places" in page.content
    response = client.post(url("cohort_apply", cohort), form_data())
    with scopes_disabled():
        application = CohortApplication.objects.get(programme=cohort, applicant=world.a.member)
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert application.status == S.DRAFT and application.spans_organisations and application.commits_to_convene
    text = client.get(application.get_absolute_url()).content.decode()
    assert "Frailty across the county" in text and "Not confirmed yet" in text
    # Opening the form again leads to the application, never a second one.
    assert client.get(url("cohort_apply", cohort))["Location"] == application.get_absolute_url()
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="programme.application_created").count() == 1


@pytest.mark.parametrize("overrides,field,words", [
    ({"employer": ""}, "employer", "Enter the organisation you work for."),
    ({"cop_title": "   "}, "cop_title", "Give your Community of Practice a title."),
    ({"cop_idea": "x" * 10001}, "cop_idea", "Keep this to 10000 characters (it has 10001)."),
    ({"line_manager_email": "not-an-address"}, "line_manager_email", "like name@example.org"),
    ({"sponsor_email": ""}, "sponsor_email", "Enter your employer sponsor's e-mail address."),
    ({"commits_to_convene": False}, "commits_to_convene", "tick to confirm you will"),
    ({"spans_organisations_how": ""}, "spans_organisations_how", "Say how your community spans organisational"),
    ({"line_manager_email": "OWN"}, "line_manager_email", "not yours"),
])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(world, client_for, cohort, overrides, field,
                                                                       words):
    overrides = {k: world.a.member.email.upper() if v == "OWN" else v for k, v in overrides.items()}
    data = form_data(**overrides)
    response = client_for(world.a.member).post(url("cohort_apply", cohort), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert words in " ".join(form.errors.get(field, [])), form.errors
    assert b"There is a problem" in response.content
    assert data.get("cop_title", "").strip() in response.content.decode()  # nothing typed is lost
    with scopes_disabled():
        assert not CohortApplication.objects.filter(programme=cohort).exists()


def test_the_boundary_questions_need_an_answer(world, client_for, cohort):
    data = form_data()
    del data["spans_professions"]
    response = client_for(world.a.member).post(url("cohort_apply", cohort), data)
    assert "Answer yes or no" in " ".join(response.context["form"].errors["spans_professions"])


def test_hostile_html_is_stored_as_text_and_shown_escaped(world, client_for, cohort):
    client = client_for(world.a.member)
    client.post(url("cohort_apply", cohort), form_data(cop_title=HOSTILE, cop_idea=HOSTILE, employer=HOSTILE))
    with scopes_disabled():
        application = CohortApplication.objects.get(programme=cohort)
    assert application.cop_title == HOSTILE
    text = client.get(application.get_absolute_url()).content.decode()
    assert HOSTILE not in text and "&lt;script&gt;" in text
    staff = client_for(world.a.project_manager).get(url("cohort_applications", cohort)).content.decode()
    assert HOSTILE not in staff and "&lt;script&gt;" in staff


def test_a_closed_programme_takes_no_applications(world, client_for, cohort):
    with scopes_disabled():
        type(cohort).objects.filter(pk=cohort.pk).update(applications_open_until=timezone.localdate()
                                                         - timedelta(days=1))
    client = client_for(world.a.member)
    assert b"Applications are closed" in client.get(url("cohort_apply", cohort)).content
    client.post(url("cohort_apply", cohort), form_data())
    cohort.refresh_from_db()
    with pytest.raises(ValidationError, match="not taking applications"):
        create(world, cohort)
    with scopes_disabled():
        assert not CohortApplication.objects.exists()


def test_one_live_application_per_person(world, cohort):
    first = create(world, cohort)
    with pytest.raises(ValidationError, match="already have an application"):
        create(world, cohort)
    with scope(organisation=world.a.organisation):
        services.cohort_application_withdraw(organisation=world.a.organisation, by=world.a.member, application=first)
    assert create(world, cohort).pk != first.pk  # after withdrawing, a person may apply again


def test_wrong_tenant_is_refused_by_the_services(world, cohort):
    with scope(organisation=world.b.organisation), pytest.raises(ValidationError, match="another organisation"):
        services.cohort_application_create(organisation=world.b.organisation, by=world.b.member, programme=cohort,
                                           **application_data())
    application = make_cohort_application(cohort, world.a.member)
    with scope(organisation=world.b.organisation), pytest.raises(ValidationError, match="another organisation"):
        services.cohort_application_decide(organisation=world.b.organisation, by=world.b.admin,
                                           application=application, select=True)
    assert fresh(application).status == S.SUBMITTED


def test_only_the_applicant_changes_their_application(world, cohort):
    application = create(world, cohort)
    with scope(organisation=world.a.organisation):
        for action in (services.cohort_application_submit, services.cohort_application_withdraw,
                       services.cohort_application_request_confirmations):
            with pytest.raises(PermissionDenied):
                action(organisation=world.a.organisation, by=world.a.project_manager, application=application)
        with pytest.raises(PermissionDenied):
            services.cohort_application_update(organisation=world.a.organisation, by=world.a.outsider,
                                               application=application, **application_data(cop_title="Mine"))
    assert fresh(application).status == S.DRAFT and fresh(application).cop_title == "Frailty across the county"


def test_submit_sends_a_receipt_and_then_only_a_draft_can_be_edited(world, client_for, cohort, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    application = create(world, cohort)
    client = client_for(world.a.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("cohort_application_submit", cohort, application))
        client.post(url("cohort_application_submit", cohort, application))  # a double click
    assert fresh(application).status == S.SUBMITTED
    receipts = [m for m in mailoutbox if "We have received your application" in m.subject]
    assert len(receipts) == 1 and receipts[0].to == [world.a.member.email]
    response = client.get(url("cohort_application_edit", cohort, application), follow=True)
    assert b"Only a draft can be edited." in response.content
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="Only a draft"):
        services.cohort_application_update(organisation=world.a.organisation, by=world.a.member,
                                           application=application, **application_data(cop_title="Changed"))


def test_withdraw(world, client_for, cohort):
    application = create(world, cohort)
    response = client_for(world.a.member).post(url("cohort_application_withdraw", cohort, application), follow=True)
    assert b"Your application is withdrawn." in response.content and fresh(application).status == S.WITHDRAWN


# --- Confirmations -------------------------------------------------------------------------------------------

def test_supporters_confirm_from_their_links_without_an_account_once(world, cohort, ask, client):
    application = create(world, cohort)
    tokens = ask(application)
    assert set(tokens) == {LM, SP}
    with scopes_disabled():
        row = OutgoingEmail.objects.filter(kind="programmes.cohort_confirmation").first()
    assert tokens[LM] not in (row.body_text or "")  # the row keeps no link
    stored = fresh(application)
    assert stored.line_manager_token_hash and tokens[LM] not in stored.line_manager_token_hash
    link = f"/programme-confirmations/{tokens[LM]}/"
    page = client.get(link)
    assert page.status_code == 200 and b"line manager" in page.content and b"Lee Manager" in page.content
    assert client.post(link, {"answer": "confirm"}).status_code == 200
    assert fresh(application).line_manager_confirmed_at is not None
    reused = client.post(link, {"answer": "decline"})
    assert reused.status_code == 404 and b"not valid" in reused.content
    assert fresh(application).line_manager_declined_at is None
    client.post(f"/programme-confirmations/{tokens[SP]}/", {"answer": "confirm"})
    assert fresh(application).fully_confirmed
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="programme.application_support_confirmed", actor=None).count() == 2


def test_a_forged_link_is_refused_clearly(world, cohort, ask, client):
    application = create(world, cohort)
    ask(application)
    for forged in ("forged-token", "x" * 300):
        response = client.post(f"/programme-confirmations/{forged}/", {"answer": "confirm"})
        assert response.status_code == 404 and b"This link cannot be used" in response.content
    assert not fresh(application).line_manager_confirmed_at and not fresh(application).sponsor_confirmed_at


def test_an_expired_link_is_refused_and_changes_nothing(world, cohort, ask, client, settings):
    settings.CONVENE_CONFIRMATION_DAYS = 3
    application = create(world, cohort)
    token = ask(application)[LM]
    expires = fresh(application).line_manager_token_expires_at
    assert timedelta(days=3) - timedelta(minutes=1) < expires - timezone.now() <= timedelta(days=3)
    with scopes_disabled():
        CohortApplication.objects.filter(pk=application.pk).update(
            line_manager_token_expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(f"/programme-confirmations/{token}/", {"answer": "confirm"})
    assert response.status_code == 410 and b"expired" in response.content
    assert fresh(application).line_manager_confirmed_at is None


def test_a_link_of_a_withdrawn_application_no_longer_works(world, cohort, ask, client):
    application = create(world, cohort)
    token = ask(application)[SP]
    with scope(organisation=world.a.organisation):
        services.cohort_application_withdraw(organisation=world.a.organisation, by=world.a.member,
                                             application=application)
    assert client.post(f"/programme-confirmations/{token}/").status_code == 404
    assert fresh(application).sponsor_confirmed_at is None


def test_declining_tells_the_applicant_and_blocks_selection(world, cohort, ask, client, mailoutbox,
                                                            django_capture_on_commit_callbacks):
    application = create(world, cohort)
    token = ask(application)[SP]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/programme-confirmations/{token}/", {"answer": "decline"}).status_code == 200
    assert fresh(application).sponsor_declined_at is not None
    told = [m for m in mailoutbox if m.to == [world.a.member.email] and "not confirmed support" in m.subject]
    assert len(told) == 1


def test_changing_a_supporters_email_resets_their_confirmation_only(world, cohort, ask, client):
    application = create(world, cohort)
    tokens = ask(application)
    client.post(f"/programme-confirmations/{tokens[LM]}/")
    client.post(f"/programme-confirmations/{tokens[SP]}/")
    assert fresh(application).fully_confirmed
    with scope(organisation=world.a.organisation):
        services.cohort_application_update(organisation=world.a.organisation, by=world.a.member,
                                           application=application,
                                           **application_data(sponsor_email="new.director@example.org",
                                                              line_manager_name="Lee Manager-Smith"))
    stored = fresh(application)
    assert stored.sponsor_confirmed_at is None and stored.line_manager_confirmed_at is not None


def test_asking_again_resends_once_and_is_rate_limited(world, cohort, ask, settings):
    settings.CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = 2
    application = create(world, cohort)
    ask(application)
    ask(application)
    with scopes_disabled():
        assert OutgoingEmail.objects.filter(kind="programmes.cohort_confirmation", to=LM).count() == 2
    with pytest.raises(ValidationError, match="the most allowed"):
        ask(application)
    with scopes_disabled():
        assert OutgoingEmail.objects.filter(kind="programmes.cohort_confirmation", to=LM).count() == 2


def test_nobody_to_ask_once_both_answered(world, cohort):
    application = make_cohort_application(cohort, world.a.member, status=S.DRAFT, confirmed=True)
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="no one to e-mail"):
        services.cohort_application_request_confirmations(organisation=world.a.organisation, by=world.a.member,
                                                          application=application)


# --- The manager's list and decisions -------------------------------------------------------------------------

def _people(world, n):
    return [person_in(world.a.organisation, email=f"applicant{i}@a.example.org", first_name=f"Applicant{i}")
            for i in range(n)]


def test_the_list_ranks_boundary_spanning_and_confirmed_first(world, client_for, cohort):
    a, b, c, d = _people(world, 4)
    none = make_cohort_application(cohort, a, cop_title="Neither", spans_organisations=False,
                                   spans_professions=False)
    one = make_cohort_application(cohort, b, cop_title="One kind", spans_professions=False)
    both_waiting = make_cohort_application(cohort, c, cop_title="Both waiting", confirmed=False)
    both = make_cohort_application(cohort, d, cop_title="Both confirmed")
    with scopes_disabled():
        assert selectors.cohort_applications_ranked_ids(cohort) == [both.pk, both_waiting.pk, one.pk, none.pk]
        assert selectors.cohort_applications_ranked_ids(cohort, spans="one") == [one.pk]
        assert selectors.cohort_applications_ranked_ids(cohort, spans="none") == [none.pk]
        assert selectors.cohort_applications_ranked_ids(cohort, confirmed="waiting") == [both_waiting.pk]
        assert selectors.cohort_applications_ranked_ids(cohort, query="applicant2") == [both_waiting.pk]
    text = client_for(world.a.project_manager).get(url("cohort_applications", cohort)).content.decode()
    assert "28 places left" in text
    table = text.split('data-testid="applications"')[1]
    assert table.index("Both confirmed") < table.index("Both waiting") < table.index("One kind") < table.index(
        "Neither")


def test_selecting_makes_a_participant_audits_and_tells_the_applicant(world, client_for, cohort, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    application = make_cohort_application(cohort, world.a.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.a.project_manager).post(url("cohort_application_decide", cohort, application),
                                                            {"decision": "select"}, follow=True)
    assert b"is selected and now takes part" in response.content
    assert fresh(application).status == S.SELECTED
    with scopes_disabled():
        assert Participant.objects.get(programme=cohort, user=world.a.member).employer == application.employer
        assert AuditEvent.objects.filter(action="programme.application_decided").count() == 1
        row = OutgoingEmail.objects.get(kind="programmes.cohort_decision")
    assert not row.body_text  # composed when sent
    told = [m for m in mailoutbox if m.to == [world.a.member.email]]
    assert len(told) == 1 and "You have a place" in told[0].subject and "/applications/" in told[0].body
    with scopes_disabled():  # in the inbox too, with the decision e-mail as its one e-mail
        from cop_platform.models import Notification
        notice = Notification.objects.get(recipient=world.a.member, kind="programmes.decision")
    assert notice.email_mode == "none" and notice.url.endswith(f"/{application.pk}/")
    assert b"27 places left" in client_for(world.a.project_manager).get(url("cohort_applications", cohort)).content


def test_not_selecting_tells_the_applicant(world, client_for, cohort, mailoutbox, django_capture_on_commit_callbacks):
    application = make_cohort_application(cohort, world.a.member)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.a.admin).post(url("cohort_application_decide", cohort, application),
                                       {"decision": "not_select"})
    assert fresh(application).status == S.NOT_SELECTED
    assert any("cannot offer you a place" in m.body for m in mailoutbox)


def test_selection_is_refused_without_both_confirmations_and_nothing_changes(world, client_for, cohort):
    application = make_cohort_application(cohort, world.a.member, confirmed=False)
    response = client_for(world.a.project_manager).post(url("cohort_application_decide", cohort, application),
                                                        {"decision": "select"}, follow=True)
    assert b"must confirm their support" in response.content
    assert fresh(application).status == S.SUBMITTED
    with scopes_disabled():
        assert not Participant.objects.exists() and not OutgoingEmail.objects.exists()


def test_a_full_cohort_refuses_selection_with_a_clear_message_and_changes_nothing(world, client_for):
    cohort = make_cohort(world.a.organisation, slug="tiny", places=1)
    first, second = _people(world, 2)
    make_cohort_application(cohort, first)
    waiting = make_cohort_application(cohort, second)
    with scopes_disabled():
        Participant.objects.create(organisation=cohort.organisation, programme=cohort, user=first)
    response = client_for(world.a.project_manager).post(url("cohort_application_decide", cohort, waiting),
                                                        {"decision": "select"}, follow=True)
    assert b"The cohort is full" in response.content
    assert fresh(waiting).status == S.SUBMITTED
    with scopes_disabled():
        assert Participant.objects.filter(programme=cohort).count() == 1
        assert not AuditEvent.objects.filter(action="programme.application_decided").exists()


def test_a_malformed_decision_is_refused(world, client_for, cohort):
    application = make_cohort_application(cohort, world.a.member)
    response = client_for(world.a.admin).post(url("cohort_application_decide", cohort, application),
                                              {"decision": HOSTILE}, follow=True)
    assert b"Choose to select or not to select." in response.content and fresh(application).status == S.SUBMITTED


def test_a_member_cannot_decide_or_read_the_list(world, client_for, cohort):
    application = make_cohort_application(cohort, world.a.member)
    client = client_for(world.a.member)
    assert client.post(url("cohort_application_decide", cohort, application), {"decision": "select"}).status_code == 403
    assert client.get(url("cohort_applications", cohort)).status_code == 403
    assert fresh(application).status == S.SUBMITTED


def test_the_applicant_sees_only_their_own_application(world, client_for, cohort):
    mine = make_cohort_application(cohort, world.a.member)
    theirs = make_cohort_application(cohort, world.a.outsider, cop_title="Someone else's")
    client = client_for(world.a.member)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.post(url("cohort_application_withdraw", cohort, theirs)).status_code == 404
    assert fresh(theirs).status == S.SUBMITTED
    assert client_for(world.a.project_manager).get(theirs.get_absolute_url()).status_code == 200
    assert client_for(world.b.admin).get(theirs.get_absolute_url()).status_code == 404


def test_the_window_is_set_by_staff_and_a_past_day_is_refused(world, client_for, cohort):
    client = client_for(world.a.project_manager)
    response = client.post(url("cohort_applications_window", cohort), {"open_until": "2001-01-01"}, follow=True)
    assert b"Choose today or a later day" in response.content
    response = client.post(url("cohort_applications_window", cohort), {"open_until": "not a date"}, follow=True)
    assert b"Enter a real date" in response.content
    response = client.post(url("cohort_applications_window", cohort), {"open_until": ""}, follow=True)
    assert b"Applications are closed." in response.content
    cohort.refresh_from_db()
    assert cohort.applications_open_until is None


def test_the_applications_list_has_a_flat_query_count(world, client_for, cohort):
    people = iter(_people(world, 40))

    def grow():
        for _ in range(15):
            make_cohort_application(cohort, next(people))

    grow()  # 15, then 30: more than a page, more than the 28 places
    assert_queries_flat(client_for(world.a.project_manager), url("cohort_applications", cohort), grow)


# --- The commitment to convene ----------------------------------------------------------------------------------

def _meeting(community, starts_at, *, cancelled=False):
    with scopes_disabled():
        return Meeting.objects.create(organisation=community.organisation, community=community, title="Meeting",
                                      starts_at=starts_at, ends_at=starts_at + timedelta(hours=1),
                                      cancelled_at=timezone.now() if cancelled else None)


def test_the_participant_chooses_their_community_and_its_meetings_count(world, client_for, cohort):
    application = make_cohort_application(cohort, world.a.convener, status=S.SELECTED)
    with scopes_disabled():
        participant = Participant.objects.create(organisation=cohort.organisation, programme=cohort,
                                                 user=world.a.convener)
    uk = ZoneInfo("Europe/London")
    community = world.a.community
    _meeting(community, datetime(2023, 10, 5, 10, tzinfo=uk))
    _meeting(community, datetime(2024, 1, 9, 10, tzinfo=uk))
    _meeting(community, datetime(2024, 2, 9, 10, tzinfo=uk), cancelled=True)
    _meeting(community, datetime(2023, 8, 1, 10, tzinfo=uk))  # before the programme
    client = client_for(world.a.convener)
    assert b"0 of 3 meetings convened" in client.get(application.get_absolute_url()).content
    response = client.post(url("cohort_participant_community", cohort, application), {"community": community.pk},
                           follow=True)
    assert b"Your community is saved" in response.content
    assert b"2 of 3 meetings convened" in response.content
    staff = client_for(world.a.project_manager).get(url("cohort_participants", cohort)).content.decode()
    assert "2 of 3 meetings convened" in staff and community.name in staff
    participant.refresh_from_db()
    assert participant.community == community


def test_a_community_the_participant_does_not_convene_is_refused(world, client_for, cohort):
    application = make_cohort_application(cohort, world.a.member, status=S.SELECTED)
    with scopes_disabled():
        participant = Participant.objects.create(organisation=cohort.organisation, programme=cohort,
                                                 user=world.a.member)
    response = client_for(world.a.member).post(url("cohort_participant_community", cohort, application),
                                               {"community": world.a.community.pk}, follow=True)
    assert b"Choose a community where you are a convener" in response.content
    other = CommunityFactory(organisation=world.b.organisation, slug="elsewhere")
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="another organisation"):
        services.participant_community_set(organisation=world.a.organisation, by=world.a.member,
                                           participant=participant, community=other)
    participant.refresh_from_db()
    assert participant.community is None


def test_the_participants_list_counts_meetings_in_fixed_queries(world, client_for, cohort):
    people = iter(range(100))
    uk = ZoneInfo("Europe/London")

    def grow():
        for _ in range(14):
            i = next(people)
            user = person_in(world.a.organisation, email=f"participant{i}@a.example.org")
            community = CommunityFactory(organisation=world.a.organisation, slug=f"cop-{i}", name=f"CoP {i}")
            member_of(community, role=MembershipRole.CONVENER, user=user)
            _meeting(community, datetime(2023, 11, 1, 10, tzinfo=uk))
            with scopes_disabled():
                Participant.objects.create(organisation=cohort.organisation, programme=cohort, user=user,
                                           community=community)

    grow()  # 14, then 28 participants
    assert_queries_flat(client_for(world.a.project_manager), url("cohort_participants", cohort), grow)


def test_the_home_page_shows_open_programmes_your_application_and_staffs_work(world, client_for, cohort):
    make_cohort_application(cohort, world.a.member)
    member = client_for(world.a.member).get("/tenant-a/").content.decode()
    assert 'data-testid="open-programmes"' in member and "your programme applications" in member.lower()
    assert url("cohort_apply", cohort) in member
    staff = client_for(world.a.project_manager).get("/tenant-a/").content.decode()
    assert "1 submitted to decide" in staff and url("cohort_applications", cohort) in staff
    outsider = client_for(world.a.outsider).get("/tenant-a/").content.decode()
    assert "Your programme applications" not in outsider and "submitted to decide" not in outsider


def test_the_applications_list_pages_with_numbers(world, client_for, cohort, settings):
    settings.PAGINATE_BY = 2
    for person in _people(world, 5):
        make_cohort_application(cohort, person)
    client = client_for(world.a.project_manager)
    first = client.get(url("cohort_applications", cohort)).content.decode()
    assert "nhsuk-pagination--numbered" in first and "Page 1 of 3" in first and "5 applications" in first
    last = client.get(url("cohort_applications", cohort) + "?page=99").content.decode()
    assert "Page 3 of 3" in last  # an out-of-range page gives the nearest real page
    filtered = client.get(url("cohort_applications", cohort) + "?status=" + "x" * 300).content.decode()
    assert "Select a valid choice" in filtered and "5 applications" in filtered  # said, and the whole list shown
