"""Pages: who may see what, bad input with clear messages, query counts, the finance CSV."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from conveners.models import Application, ApplicationStatus, CallStatus, Decision, HonorariumPayment, Score
from cop_platform.exports import csv_safe
from tests.conveners.builders import add_panel, assign, make_application, make_call
from tests.factories import UserFactory
from tests.helpers import count_queries


def _url(name, call, **kw):
    return reverse(f"conveners:{name}", kwargs={"org": call.organisation.slug, "call": call.slug, **kw})


def _form(**overrides):
    data = {"domain": "Sepsis", "passion": "Passion", "core_group": "Core", "ways_of_working": "Monthly",
            "support_wanted": "", "sponsor_organisation": "Example Trust", "sponsor_name": "Sam",
            "sponsor_email": "sam@example.org", "lead-name": "Ada Lead", "lead-email": "member@tenant-a.example.org",
            "lead-job_title": "Nurse", "lead-employer": "Example Trust", "lead-sector": "nhs",
            "lead-member_organisation": "", "colead0-name": "", "colead0-email": "", "colead0-job_title": "",
            "colead0-employer": "", "colead0-sector": "", "colead0-member_organisation": ""}
    data.update(overrides)
    return data


# --- access -----------------------------------------------------------------------------------------

def test_application_page_applicant_sees_it_someone_elses_is_not_found(world, client_for, call):
    application = make_application(call, world.a.member)
    url = application.get_absolute_url()
    assert client_for(world.a.member).get(url).status_code == 200
    assert client_for(world.a.outsider).get(url).status_code == 404  # someone else's application
    assert client_for(world.a.panel_member).get(url).status_code == 404
    assert client_for(world.b.member).get(url).status_code == 404


def test_applicant_never_sees_reviewers_or_scores(world, client_for, org):
    call = make_call(org, slug="hidden", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, world.a.member)
    reviewer = world.a.panel_member
    reviewer.first_name, reviewer.last_name = "Quilla", "Marchbanks"  # names no page heading contains
    reviewer.save(update_fields=["first_name", "last_name"])
    assignment = assign(application, reviewer, status="submitted")
    with scopes_disabled():
        for c in call.criteria.all():
            Score.objects.create(organisation=org, assignment=assignment, criterion=c, value=4,
                                 comment="Secret reviewer comment")
    client = client_for(world.a.member)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Secret reviewer comment" not in page
    assert "Marchbanks" not in page and "Quilla" not in page
    assert client.get(_url("review", call, assignment=assignment.pk)).status_code == 403
    assert client.get(_url("application_reviews", call, application=application.pk)).status_code == 403
    assert client.get(_url("ranking", call)).status_code == 403


def test_reviewer_cannot_open_another_reviewers_assignment(world, client_for, org):
    from tests.factories import person_in

    call = make_call(org, slug="two-reviewers", status=CallStatus.UNDER_REVIEW)
    other_reviewer = person_in(org, roles=["panel_member"])
    application = make_application(call, UserFactory())
    mine = assign(application, world.a.panel_member)
    theirs = assign(make_application(call, UserFactory(), domain="Other"), other_reviewer)
    client = client_for(world.a.panel_member)
    assert client.get(_url("review", call, assignment=mine.pk)).status_code == 200
    assert client.get(_url("review", call, assignment=theirs.pk)).status_code == 404
    assert client.post(_url("review", call, assignment=theirs.pk), {"submit": "1"}).status_code == 404
    listing = client.get(_url("assignments", call)).content.decode()
    assert "Other" not in listing


def test_reviewer_with_conflict_cannot_open_application(world, client_for, org):
    call = make_call(org, slug="conflicted", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory(), passion="Confidential passion")
    assignment = assign(application, world.a.panel_member)
    client = client_for(world.a.panel_member)
    response = client.post(_url("review_conflict", call, assignment=assignment.pk),
                           {"has_conflict": "yes", "reason": "My sister leads it"})
    assert response.status_code == 302
    page = client.get(_url("review", call, assignment=assignment.pk)).content.decode()
    assert "conflict of interest" in page and "Confidential passion" not in page


def test_draft_call_hidden_from_members(world, client_for, org):
    call = make_call(org, slug="draft-call", status=CallStatus.DRAFT)
    assert client_for(world.a.member).get(call.get_absolute_url()).status_code == 404
    assert client_for(world.a.project_manager).get(call.get_absolute_url()).status_code == 200


# --- bad input --------------------------------------------------------------------------------------

def test_apply_malformed_colead_email_clear_message_nothing_lost(world, client_for, call):
    client = client_for(world.a.member)
    response = client.post(_url("apply", call), _form(**{"colead0-name": "Cory", "colead0-email": "not-an-email",
                                                        "colead0-employer": "T", "colead0-sector": "nhs",
                                                        "passion": "Kept text"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid email address." in page and "Kept text" in page
    with scope(organisation=call.organisation):
        assert not Application.objects.exists()


def test_apply_statement_over_10000_characters_refused_and_kept(world, client_for, call):
    long_text = "x" * 10001
    response = client_for(world.a.member).post(_url("apply", call), _form(passion=long_text))
    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters (it has 10001)." in response.content.decode()
    ok = client_for(world.a.member).post(_url("apply", call), _form(passion="y" * 10000))
    assert ok.status_code == 302


def test_apply_hostile_html_is_escaped(world, client_for, call):
    client = client_for(world.a.member)
    response = client.post(_url("apply", call), _form(passion="<script>alert(1)</script>", domain="<b>Bold</b>"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_submit_after_deadline_refused_with_message(world, client_for, call):
    application = make_application(call, world.a.member, status=ApplicationStatus.DRAFT)
    with scopes_disabled():
        type(call).objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    client = client_for(world.a.member)
    response = client.post(_url("application_submit", call, application=application.pk), follow=True)
    assert "The deadline has passed" in response.content.decode()
    with scopes_disabled():
        application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_score_out_of_range_clear_message(world, client_for, org):
    call = make_call(org, slug="range", status=CallStatus.UNDER_REVIEW)
    add_panel(call, world.a.panel_member)
    assignment = assign(make_application(call, UserFactory()), world.a.panel_member)
    with scopes_disabled():
        c1, c2 = list(call.criteria.all())
    response = client_for(world.a.panel_member).post(
        _url("review", call, assignment=assignment.pk),
        {f"score_{c1.pk}": "7", f"score_{c2.pk}": "abc", f"comment_{c1.pk}": "kept comment", "submit": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Criterion 2: enter a whole number from 0 to 5." in page and "kept comment" in page
    response = client_for(world.a.panel_member).post(
        _url("review", call, assignment=assignment.pk), {f"score_{c1.pk}": "7", f"score_{c2.pk}": "3", "submit": "1"})
    page = response.content.decode()
    assert "Criterion 1: enter a whole number from 0 to 5." in page and "Criterion 2:" not in page


def test_double_submitted_decision_is_safe(world, client_for, org):
    call = make_call(org, slug="double", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory())
    client = client_for(world.a.project_manager)
    url = _url("application_decide", call, application=application.pk)
    for _ in range(2):
        assert client.post(url, {"decision": Decision.FUNDED}).status_code == 302
    from cop_platform.models import AuditEvent

    with scope(organisation=org):
        assert AuditEvent.objects.filter(action="application.decided").count() == 1


def test_decision_beyond_funded_places_refused_with_message(world, client_for, org):
    call = make_call(org, slug="full", status=CallStatus.UNDER_REVIEW, funded_places=1)
    a = make_application(call, UserFactory(), domain="A", leads=[{"name": "A", "email": "a@people.example.org",
                                                                 "employer": "T", "sector": "nhs"}])
    b = make_application(call, UserFactory(), domain="B", leads=[{"name": "B", "email": "b@people.example.org",
                                                                 "employer": "T", "sector": "nhs"}])
    client = client_for(world.a.project_manager)
    client.post(_url("application_decide", call, application=a.pk), {"decision": Decision.FUNDED})
    response = client.post(_url("application_decide", call, application=b.pk), {"decision": Decision.FUNDED},
                           follow=True)
    assert "All 1 funded places are taken" in response.content.decode()


# --- ranking queries --------------------------------------------------------------------------------

def _grow(call, n, reviewers):
    with scopes_disabled():
        criteria = list(call.criteria.all())
        for i in range(n):
            application = make_application(call, UserFactory(), domain=f"Grown {i}")
            for reviewer in reviewers:
                a = assign(application, reviewer, status="submitted")
                for c in criteria:
                    Score.objects.create(organisation=call.organisation, assignment=a, criterion=c, value=(i % 5))


def test_ranking_query_count_is_constant(world, client_for, org):
    from tests.factories import person_in

    call = make_call(org, slug="ranked", status=CallStatus.UNDER_REVIEW)
    reviewers = [world.a.panel_member] + [person_in(org, roles=["panel_member"]) for _ in range(2)]
    _grow(call, 2, reviewers)
    client = client_for(world.a.project_manager)
    url = _url("ranking", call)
    _, before = count_queries(lambda: client.get(url))
    _grow(call, 10, reviewers)
    response, after = count_queries(lambda: client.get(url))
    assert response.status_code == 200 and after == before


def test_ranking_flags_only_the_application_its_reviewers_disagree_on(world, client_for, org):
    """Decision "Reviewing": the manager sees a disagreement when the reviewers' weighted scores differ by more
    than 25 points — on that application's row only, not on one where they agree."""
    from tests.factories import person_in

    call = make_call(org, slug="disputed", status=CallStatus.UNDER_REVIEW)
    reviewers = [world.a.panel_member, person_in(org, roles=["panel_member"])]
    with scopes_disabled():
        criteria = list(call.criteria.all())
        for domain, values in (("Agreed domain", (3, 3)), ("Disputed domain", (0, 5))):
            application = make_application(call, UserFactory(), domain=domain)
            for reviewer, value in zip(reviewers, values, strict=True):
                a = assign(application, reviewer, status="submitted")
                for c in criteria:
                    Score.objects.create(organisation=org, assignment=a, criterion=c, value=value)
    html = client_for(world.a.project_manager).get(_url("ranking", call)).content.decode()
    rows = [row for row in html.split('data-testid="rank-row"')[1:]]
    flagged = [row.split("</a>")[0].rsplit(">", 1)[-1] for row in rows if ">Disagreement</strong>" in row]
    assert flagged == ["Disputed domain"]


# --- honoraria CSV ----------------------------------------------------------------------------------

def test_csv_safe_neutralises_formulae():
    for bad in ("=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"):
        assert csv_safe(bad).startswith("'")
    assert csv_safe("Plain") == "Plain" and csv_safe(5) == "5"


def test_honoraria_csv_adds_up_and_is_formula_safe(world, client_for, org, member_trust):
    from conveners import services

    call = make_call(org, slug="money", status=CallStatus.UNDER_REVIEW, ineligible_share="withhold")
    a = make_application(call, UserFactory(), domain="=HYPERLINK(\"x\")",
                         leads=[{"name": "=cmd|' /C calc'!A0", "email": "l@people.example.org", "employer": "T",
                                 "sector": "nhs"},
                                {"name": "Co 1", "email": "c1@people.example.org", "employer": "T", "sector": "nhs",
                                 "member_organisation": member_trust},
                                {"name": "Ind", "email": "c2@people.example.org", "employer": "Acme",
                                 "sector": "industry"}])
    with scope(organisation=org):
        type(call).objects.filter(pk=call.pk).update(max_leads=3)
        call.refresh_from_db()
        services.application_decide(organisation=org, by=world.a.project_manager, application=a,
                                    decision=Decision.FUNDED)
        services.honoraria_approve(organisation=org, by=world.a.project_manager, application=a)
        assert HonorariumPayment.objects.count() == 2
    response = client_for(world.a.project_manager).get(_url("honoraria_csv", call))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    payments = [r for r in rows[1:] if r and r[0].startswith("'=")]
    assert len(payments) == 2 and all(r[1].startswith("'") or r[1] == "Co 1" for r in payments)
    paid_total = sum(int(r[5]) for r in payments)
    totals = {r[0]: int(r[5]) for r in rows if r and r[0] in ("Total approved", "Withheld (policy)", "Awarded")}
    assert paid_total == totals["Total approved"] == 333334
    assert totals["Total approved"] + totals["Withheld (policy)"] == totals["Awarded"] == 500000
    page = client_for(world.a.project_manager).get(_url("honoraria", call)).content.decode()
    assert "£3,333.34" in page and "£1,666.66" in page


def test_manager_lists_query_count_is_constant(world, client_for, org):
    from conveners import services
    from tests.helpers import assert_queries_flat

    call = make_call(org, slug="lists", status=CallStatus.UNDER_REVIEW, funded_places=50)
    client = client_for(world.a.project_manager)
    counter = iter(range(1000))

    def grow():
        for _ in range(3):
            i = next(counter)
            a = make_application(call, UserFactory(), domain=f"List {i}",
                                 leads=[{"name": f"L{i}", "email": f"l{i}@people.example.org", "employer": "T",
                                         "sector": "nhs"},
                                        {"name": f"C{i}", "email": f"c{i}@people.example.org", "employer": "T",
                                         "sector": "nhs"}])
            assign(a, world.a.panel_member)
            with scope(organisation=org):
                services.application_decide(organisation=org, by=world.a.project_manager, application=a,
                                            decision=Decision.FUNDED)
                services.honoraria_approve(organisation=org, by=world.a.project_manager, application=a)

    grow()
    for name in ("applications", "honoraria", "assign", "support"):
        assert_queries_flat(client, _url(name, call), grow)
    assert_queries_flat(client_for(world.a.panel_member), _url("assignments", call), grow)


def test_apply_to_closed_call_says_so(world, client_for, org):
    call = make_call(org, slug="closed", status=CallStatus.CLOSED)
    response = client_for(world.a.member).get(_url("apply", call), follow=True)
    assert "This call is not open for applications" in response.content.decode()
    response = client_for(world.a.member).post(_url("apply", call), _form(), follow=True)
    assert "not open" in response.content.decode()
    with scope(organisation=org):
        assert not Application.objects.filter(call=call).exists()


def test_ranking_flags_outcome_date_at_risk(world, client_for, org):
    call = make_call(org, slug="risk", status=CallStatus.UNDER_REVIEW,
                     opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=5),
                     outcome_by=(timezone.now() + timedelta(days=2)).date())
    page = client_for(world.a.project_manager).get(_url("ranking", call)).content.decode()
    assert "Outcome date at risk" in page
