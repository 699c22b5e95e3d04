"""Value cycles per programme, indicators (suggested, the community's own, hand and computed values),
evidence and its files, the value page and the evaluator's home: who may do what, bad input refused with a
clear message and nothing changed, and query counts that do not grow with the data."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import Attendance, LibraryItem, Meeting, Membership, MembershipRole
from cop_platform.models import AuditEvent
from evaluation import panels, services
from evaluation.models import CommunityIndicator, Evidence, IndicatorValue, ProgrammeEvaluation, SuggestedIndicator
from programmes.models import Programme
from tests.factories import member_of
from tests.helpers import assert_queries_flat

HOSTILE = '<script>alert("x")</script>'
TODAY = timezone.localdate()


def url(name, tenant, community=None, **kwargs):
    if name in ("home", "cycles", "suggested_indicators", "suggested_indicator"):
        return reverse(f"evaluation:{name}", kwargs={"org": tenant.organisation.slug, **kwargs})
    return reverse(f"evaluation:{name}", kwargs={"org": tenant.organisation.slug,
                                                 "slug": (community or tenant.community).slug, **kwargs})


def programme_of(tenant, *communities, name="Sepsis programme"):
    with scopes_disabled():
        programme = Programme.objects.create(organisation=tenant.organisation, name=name,
                                             slug=name.lower().replace(" ", "-"))
        programme.communities.add(*communities)
    return programme


def evidence_data(**overrides):
    data = {"kind": "document", "title": "Escalation checklist", "text": "Used on two wards.", "url": "",
            "date": TODAY.isoformat(), "cycles": ["potential", "applied"], "source": "generated",
            "consent": "community"}
    data.update(overrides)
    return data


def evidence_of(tenant, community=None):
    with scopes_disabled():
        return list(Evidence.objects.filter(community=community or tenant.community).order_by("pk"))


def add_evidence(tenant, community=None, **overrides):
    fields = {"kind": "document", "title": "Minutes", "date": TODAY, "cycles": ["immediate"]}
    fields.update(overrides)
    with scopes_disabled():
        return services.evidence_add(organisation=tenant.organisation, by=tenant.convener,
                                     community=community or tenant.community, **fields)


# --- the cycles and each programme's set ---------------------------------------------------------------


def test_everyone_reads_the_cycles_with_questions_and_the_five_forms_of_capital(world, client_for):
    text = client_for(world.a.member).get(url("cycles", world.a)).content.decode()
    assert "Reframing value" in text and "Has it changed how we define success?" in text
    capital = text[text.index('data-testid="knowledge-capital"'):].split("</ul>")[0]
    assert capital.count("<li>") == 5 and "Learning capital" in capital and "Strategic value" in text
    assert "Use these value cycles" not in text


def test_an_evaluator_switches_a_programme_to_the_2020_set_and_its_communities_may_tag_those_cycles(
        world, client_for):
    programme = programme_of(world.a, world.a.community)
    with pytest.raises(ValidationError, match="Choose value cycles from the list"):
        add_evidence(world.a, cycles=["strategic"])
    response = client_for(world.a.evaluator).post(url("cycles", world.a),
                                                  {"programme": programme.pk, "cycle_set": "2020"}, follow=True)
    assert "now uses the five cycles with orienting" in response.content.decode()
    assert add_evidence(world.a, cycles=["strategic", "immediate"]).cycles == ["strategic", "immediate"]
    with pytest.raises(ValidationError):  # the other community is in no programme: the five cycles only
        add_evidence(world.a, world.a.unlisted, cycles=["strategic"])
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="evaluation.cycle_set_changed").count() == 1


def test_a_member_may_not_switch_a_programmes_cycles_and_a_bad_choice_is_refused(world, client_for):
    programme = programme_of(world.a, world.a.community)
    assert client_for(world.a.convener).post(url("cycles", world.a),
                                             {"programme": programme.pk, "cycle_set": "2020"}).status_code == 403
    text = client_for(world.a.admin).post(url("cycles", world.a),
                                          {"programme": programme.pk, "cycle_set": "1999"}).content.decode()
    assert "Select a valid choice" in text
    other = programme_of(world.b, world.b.community)
    text = client_for(world.a.admin).post(url("cycles", world.a),
                                          {"programme": other.pk, "cycle_set": "2020"}).content.decode()
    assert "Select a valid choice" in text
    with scopes_disabled():
        assert not ProgrammeEvaluation.objects.exists()
        with pytest.raises(ValidationError, match="another organisation"):
            services.programme_cycle_set_set(organisation=world.a.organisation, by=world.a.admin, programme=other,
                                             cycle_set="2020")


# --- suggested indicators ----------------------------------------------------------------------------


def test_the_library_is_seeded_once_and_evaluators_add_edit_and_retire(world, client_for):
    client = client_for(world.a.evaluator)
    text = client.get(url("suggested_indicators", world.a)).content.decode()
    assert "New cross-organisation ties" in text
    client.get(url("suggested_indicators", world.a))
    with scopes_disabled():
        assert SuggestedIndicator.objects.filter(organisation=world.a.organisation).count() == 10
        assert not SuggestedIndicator.objects.filter(organisation=world.b.organisation).exists()
    response = client.post(url("suggested_indicators", world.a), {"cycle": "applied", "name": HOSTILE,
                                                                  "how_measured": "Asked at follow-up"}, follow=True)
    text = response.content.decode()
    assert HOSTILE not in text and "&lt;script&gt;" in text
    with scopes_disabled():
        item = SuggestedIndicator.objects.get(organisation=world.a.organisation, name=HOSTILE)
    client.post(url("suggested_indicator", world.a, suggested_id=item.pk),
                {"cycle": "applied", "name": "Ideas tried on the ward", "retired": "on"})
    with scopes_disabled():
        item.refresh_from_db()
        assert item.retired and item.name == "Ideas tried on the ward"


@pytest.mark.parametrize(("data", "message"), [
    ({"cycle": "applied", "name": ""}, "This field is required"),
    ({"cycle": "applied", "name": "x" * 201}, "at most 200 characters"),
    ({"cycle": "made-up", "name": "Something"}, "Select a valid choice"),
    ({"cycle": "applied", "name": "Something", "computed": "typed"}, "Select a valid choice"),
])
def test_bad_suggested_indicators_are_refused_with_a_message(world, client_for, data, message):
    client = client_for(world.a.admin)
    client.get(url("suggested_indicators", world.a))
    text = client.post(url("suggested_indicators", world.a), data).content.decode()
    assert message in text
    with scopes_disabled():
        assert SuggestedIndicator.objects.filter(organisation=world.a.organisation).count() == 10


def test_another_organisations_suggested_indicator_is_not_found(world, client_for):
    with scopes_disabled():
        services.suggested_indicators_ensure(organisation=world.b.organisation)
        theirs = SuggestedIndicator.objects.filter(organisation=world.b.organisation).first()
    assert client_for(world.a.admin).get(url("suggested_indicator", world.a, suggested_id=theirs.pk)).status_code == 404


# --- the community's indicators and their values -------------------------------------------------------


def test_a_convener_chooses_from_the_library_and_adds_their_own(world, client_for):
    client = client_for(world.a.convener)
    client.get(url("indicators", world.a))
    with scopes_disabled():
        suggested = SuggestedIndicator.objects.get(organisation=world.a.organisation, name="Resources added")
    client.post(url("indicators", world.a), {"action": "choose", "choose-suggested": suggested.pk,
                                             "choose-frequency": "monthly"})
    client.post(url("indicators", world.a), {
        "action": "own", "own-cycle": "realised", "own-name": "Screening within the hour",
        "own-how_measured": "From the ward audit", "own-frequency": "quarterly", "own-computed": ""})
    with scopes_disabled():
        chosen = {i.name: (i.cycle, i.computed, i.suggested_id) for i in CommunityIndicator.objects.all()}
    assert chosen == {"Resources added": ("potential", "resources_added", suggested.pk),
                      "Screening within the hour": ("realised", "", None)}


@pytest.mark.parametrize(("data", "message"), [
    ({"own-cycle": "realised", "own-name": ""}, "This field is required"),
    ({"own-cycle": "strategic", "own-name": "Influence"}, "Select a valid choice"),
    ({"own-cycle": "realised", "own-name": "Big", "own-how_measured": "x" * 2001}, "at most 2000 characters"),
    ({"own-cycle": "realised", "own-name": "Odd", "own-frequency": "hourly"}, "Select a valid choice"),
])
def test_bad_community_indicators_are_refused(world, client_for, data, message):
    data = {"action": "own", "own-frequency": "quarterly", **data}
    text = client_for(world.a.convener).post(url("indicators", world.a), data).content.decode()
    assert message in text
    with scopes_disabled():
        assert not CommunityIndicator.objects.exists()


def test_the_service_refuses_an_unknown_cycle_a_retired_suggestion_and_another_tenant(world):
    with scopes_disabled():
        services.suggested_indicators_ensure(organisation=world.a.organisation)
        suggestion = SuggestedIndicator.objects.filter(organisation=world.a.organisation).first()
        suggestion.retired = True
        suggestion.save()
        with pytest.raises(ValidationError, match="Choose value cycles"):
            services.community_indicator_add(organisation=world.a.organisation, by=world.a.convener,
                                             community=world.a.community, cycle="bogus", name="X")
        with pytest.raises(ValidationError, match="retired"):
            services.community_indicator_add(organisation=world.a.organisation, by=world.a.convener,
                                             community=world.a.community, cycle=suggestion.cycle, name="X",
                                             suggested=suggestion)
        with pytest.raises(ValidationError, match="another organisation"):
            services.community_indicator_add(organisation=world.a.organisation, by=world.a.convener,
                                             community=world.b.community, cycle="immediate", name="X")
        assert not CommunityIndicator.objects.exists()


def hand_indicator(tenant, **overrides):
    fields = {"cycle": "realised", "name": "Screening within the hour"}
    fields.update(overrides)
    with scopes_disabled():
        return services.community_indicator_add(organisation=tenant.organisation, by=tenant.convener,
                                                community=tenant.community, **fields)


def test_values_are_recorded_by_hand_shown_on_the_value_page_and_deleted(world, client_for):
    indicator = hand_indicator(world.a)
    client = client_for(world.a.convener)
    page = url("indicator", world.a, indicator_id=indicator.pk)
    client.post(page, {"action": "value", "value-date": "2026-10-01", "value-value": "72.5",
                       "value-note": HOSTILE})
    text = client_for(world.a.member).get(url("community_value", world.a)).content.decode()
    assert "72.5" in text and "&lt;script&gt;" in text and HOSTILE not in text
    with scopes_disabled():
        value = IndicatorValue.objects.get()
    client_for(world.a.convener).post(page, {"action": "value_delete", "value_id": value.pk})
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"value-date": "", "value-value": "3"}, "This field is required"),
    ({"value-date": "2026-13-45", "value-value": "3"}, "Enter a valid date"),
    ({"value-date": "2026-10-01", "value-value": "lots"}, "Enter a number"),
    ({"value-date": "2026-10-01", "value-value": "1" * 40}, "Ensure that there are no more than"),
])
def test_bad_values_are_refused(world, client_for, data, message):
    indicator = hand_indicator(world.a)
    text = client_for(world.a.convener).post(url("indicator", world.a, indicator_id=indicator.pk),
                                             {"action": "value", **data}).content.decode()
    assert message in text
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()


def test_a_computed_indicator_offers_no_value_form_and_refuses_typed_values(world, client_for):
    indicator = hand_indicator(world.a, cycle="immediate", name="Attendance", computed="attendance")
    client = client_for(world.a.convener)
    page = url("indicator", world.a, indicator_id=indicator.pk)
    text = client.get(page).content.decode()
    assert "Record a value" not in text and "never typed in" in text
    text = client.post(page, {"action": "value", "value-date": "2026-10-01", "value-value": "99"},
                       follow=True).content.decode()
    assert "cannot be typed in" in text
    with scopes_disabled():
        assert not IndicatorValue.objects.exists()
        with pytest.raises(ValidationError, match="cannot be typed in"):
            services.indicator_value_add(organisation=world.a.organisation, by=world.a.convener,
                                         indicator=indicator, date=TODAY, value=99)


def meeting_with(tenant, day, people):
    starts = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())) + timedelta(hours=10)
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=tenant.organisation, community=tenant.community,
                                         title="Huddle", starts_at=starts, ends_at=starts + timedelta(hours=1),
                                         recorded_at=starts)
        for person in people:
            Attendance.objects.create(organisation=tenant.organisation, meeting=meeting, user=person)
    return meeting


def test_computed_indicators_come_from_meetings_employers_and_the_library(world, client_for):
    a = world.a
    with scopes_disabled():
        Membership.objects.filter(community=a.community, user=a.convener).update(employer="North Trust")
        Membership.objects.filter(community=a.community, user=a.member).update(employer="Hope Hospice")
        LibraryItem.objects.create(organisation=a.organisation, community=a.community, kind="link",
                                   title="Sepsis six", url="https://example.org/sepsis")
    earlier = TODAY - timedelta(days=120)
    meeting_with(a, earlier, [a.convener])
    meeting_with(a, TODAY, [a.convener, a.member])
    for key, cycle in (("attendance", "immediate"), ("returning_members", "immediate"),
                       ("cross_org_ties", "potential"), ("resources_added", "potential")):
        hand_indicator(a, cycle=cycle, name=key, computed=key)
    with scope(organisation=a.organisation):
        from evaluation import selectors

        series = selectors.computed_series(community=a.community, keys={"attendance", "returning_members",
                                                                        "cross_org_ties", "resources_added"})
    assert series["attendance"][-1][1] == 2 and sum(v for _, v in series["attendance"]) == 3
    assert series["returning_members"][-1][1] == 1
    assert series["cross_org_ties"][-1][1] == 1
    assert series["resources_added"][-1][1] == 1
    text = client_for(a.member).get(url("community_value", a)).content.decode()
    assert text.count('data-testid="computed-series"') == 4


# --- evidence -------------------------------------------------------------------------------------------


def test_a_convener_adds_evidence_with_a_file_and_a_member_downloads_it(world, client_for):
    upload = SimpleUploadedFile("checklist.txt", b"Check lactate", content_type="text/plain")
    response = client_for(world.a.convener).post(url("evidence", world.a), {**evidence_data(), "file": upload},
                                                 follow=True)
    assert "is recorded as evidence" in response.content.decode()
    (item,) = evidence_of(world.a)
    assert item.cycles == ["potential", "applied"] and item.original_name == "checklist.txt"
    assert "checklist" not in item.file.name
    download = client_for(world.a.member).get(url("evidence_download", world.a, evidence_id=item.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"Check lactate"
    assert "sandbox" in download["Content-Security-Policy"]


def test_an_evaluator_adds_edits_and_deletes_evidence(world, client_for):
    client = client_for(world.a.evaluator)
    client.post(url("evidence", world.a), evidence_data(kind="quote", title="A nurse", text="It changed my shift."))
    (item,) = evidence_of(world.a)
    edit = url("evidence_edit", world.a, evidence_id=item.pk)
    client.post(edit, {"action": "edit", **evidence_data(kind="quote", title="A ward nurse", text="Still true.",
                                                         cycles=["applied"], consent="report")})
    (item,) = evidence_of(world.a)
    assert (item.title, item.cycles, item.consent) == ("A ward nurse", ["applied"], "report")
    client.post(edit, {"action": "delete"})
    assert evidence_of(world.a) == []
    with scopes_disabled():
        assert set(AuditEvent.objects.filter(action__startswith="evaluation.evidence").values_list(
            "action", flat=True)) == {"evaluation.evidence_added", "evaluation.evidence_changed",
                                      "evaluation.evidence_deleted"}


@pytest.mark.parametrize(("data", "upload", "message"), [
    (evidence_data(title=""), None, "This field is required"),
    (evidence_data(title="x" * 201), None, "at most 200 characters"),
    (evidence_data(cycles=[]), None, "This field is required"),
    (evidence_data(cycles=["made-up"]), None, "Select a valid choice"),
    (evidence_data(date="30/11/2026x"), None, "Enter a valid date"),
    (evidence_data(url="javascript:alert(1)"), None, "starting with https://"),
    (evidence_data(kind="quote", text=""), None, "Enter the quote"),
    (evidence_data(text="x" * 10001), None, "at most 10000 characters"),
    (evidence_data(), ("run.exe", b"MZ\x90\x00"), "must be a PDF"),
    (evidence_data(), ("report.pdf", b"<html>not a pdf</html>"), "does not match a .pdf file"),
])
def test_bad_evidence_is_refused_with_a_message_and_nothing_is_kept(world, client_for, data, upload, message):
    files = {"file": SimpleUploadedFile(upload[0], upload[1])} if upload else {}
    response = client_for(world.a.convener).post(url("evidence", world.a), {**data, **files})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert evidence_of(world.a) == []


def test_hostile_html_in_evidence_is_shown_as_text(world, client_for):
    add_evidence(world.a, title=HOSTILE, text=HOSTILE)
    text = client_for(world.a.member).get(url("evidence", world.a)).content.decode()
    assert HOSTILE not in text and text.count("&lt;script&gt;") >= 2


def test_members_read_but_may_not_add_and_other_communities_evidence_stays_hidden(world, client_for):
    add_evidence(world.a, world.a.unlisted, title="Quiet circle minutes")
    member = client_for(world.a.member)
    assert member.post(url("evidence", world.a), evidence_data()).status_code == 403
    assert evidence_of(world.a) == []
    assert member.get(url("evidence", world.a, world.a.unlisted)).status_code == 404
    assert member.get(url("community_value", world.a, world.a.unlisted)).status_code == 404
    (hidden,) = evidence_of(world.a, world.a.unlisted)
    # The listed community's URL with the unlisted community's evidence: not found either.
    assert client_for(world.a.convener).get(url("evidence_edit", world.a, evidence_id=hidden.pk)).status_code == 404
    text = member.get(url("community_value", world.a)).content.decode()
    assert "Quiet circle minutes" not in text


def test_evidence_filters_by_cycle_and_searches(world, client_for):
    add_evidence(world.a, title="Ward audit", cycles=["realised"])
    add_evidence(world.a, title="Tea and chat", cycles=["immediate"])
    client = client_for(world.a.member)
    text = client.get(url("evidence", world.a) + "?cycle=realised").content.decode()
    assert "Ward audit" in text and "Tea and chat" not in text
    text = client.get(url("evidence", world.a) + "?q=tea").content.decode()
    assert "Tea and chat" in text and "Ward audit" not in text
    text = client.get(url("evidence", world.a) + "?cycle=<b>").content.decode()
    assert "Tea and chat" in text and "Ward audit" in text


def test_the_service_refuses_another_tenants_community(world):
    with scopes_disabled(), pytest.raises(ValidationError, match="another organisation"):
        services.evidence_add(organisation=world.a.organisation, by=world.a.admin, community=world.b.community,
                              kind="document", title="X", date=TODAY, cycles=["immediate"])


# --- the value page and the evaluator's home -----------------------------------------------------------


def test_the_value_page_shows_the_ladder_with_evidence_counts(world, client_for):
    add_evidence(world.a, cycles=["immediate", "applied"])
    add_evidence(world.a, cycles=["applied"], title="Tried on ward 7")
    text = client_for(world.a.member).get(url("community_value", world.a)).content.decode()
    ladder = text[text.index('data-testid="value-ladder"'):text.index('data-testid="recent-evidence"')]
    assert "2 items of evidence" in ladder and "1 item of evidence" in ladder and "0 items" in ladder
    assert "Tried on ward 7" in text
    assert "Choose the indicators" not in text


def test_the_evaluator_lands_on_their_home_with_quiet_communities_first(world, client_for):
    add_evidence(world.a, title="Recent minutes")
    add_evidence(world.a, world.a.unlisted, date=TODAY - timedelta(days=200))
    programme_of(world.a, world.a.community)
    client = client_for(world.a.evaluator)
    home = client.get(reverse("tenant_home", kwargs={"org": world.a.organisation.slug})).content.decode()
    assert 'data-testid="evaluation-panel"' in home and "1 item of evidence" in home
    text = client.get(url("home", world.a)).content.decode()
    table = text[text.index('data-testid="evaluation-communities"'):]
    assert table.index("Quiet Circle") < table.index("Alpha Network Sepsis")
    assert "Sepsis programme: 1 item of evidence" in text
    assert client.get(reverse("community_host:state_of_play",
                              kwargs={"org": world.a.organisation.slug})).status_code == 200
    member_home = client_for(world.a.member).get(reverse("tenant_home", kwargs={"org": world.a.organisation.slug}))
    assert 'data-testid="evaluation-panel"' not in member_home.content.decode()


def test_other_parts_of_evaluation_add_panels_to_the_home_without_editing_it(world, client_for):
    panels.register_evaluation_panel("test.stories", template="evaluation/_home_panel.html",
                                     context=lambda tenant, user: {"recent": 7, "quiet": 0})
    try:
        text = client_for(world.a.evaluator).get(url("home", world.a)).content.decode()
        assert "7 items of evidence recorded in the last quarter" in text
    finally:
        panels.unregister("test.stories")


# --- query counts ---------------------------------------------------------------------------------------


def _grow(tenant, n=3):
    def grow():
        other = member_of(tenant.community, role=MembershipRole.CORE_GROUP)
        with scopes_disabled():
            Membership.objects.filter(user=other).update(employer="Far Trust")
        meeting_with(tenant, TODAY - timedelta(days=2), [tenant.convener, other])
        for i in range(n):
            add_evidence(tenant, title=f"More {i}", cycles=["immediate", "potential"])
            hand = hand_indicator(tenant, name=f"Hand {i}")
            with scopes_disabled():
                services.indicator_value_add(organisation=tenant.organisation, by=tenant.convener, indicator=hand,
                                             date=TODAY, value=i)
        hand_indicator(tenant, cycle="potential", name="Ties", computed="cross_org_ties")
        add_evidence(tenant, tenant.unlisted, title="Elsewhere")
        programme_of(tenant, tenant.community, name=f"Programme {n}")
    return grow


def test_the_value_page_makes_a_fixed_number_of_queries(world, client_for):
    """At most three queries for the computed measures (attendance, employers, library), whatever the data."""
    for key in ("attendance", "cross_org_ties", "resources_added"):
        hand_indicator(world.a, cycle="immediate", name=key, computed=key)
    add_evidence(world.a)
    assert_queries_flat(client_for(world.a.member), url("community_value", world.a), _grow(world.a))


def test_the_evaluation_home_makes_a_fixed_number_of_queries(world, client_for):
    add_evidence(world.a)
    programme_of(world.a, world.a.unlisted, name="First")
    assert_queries_flat(client_for(world.a.evaluator), url("home", world.a), _grow(world.a))


def test_the_evidence_list_makes_a_fixed_number_of_queries(world, client_for):
    add_evidence(world.a)
    assert_queries_flat(client_for(world.a.member), url("evidence", world.a) + "?cycle=immediate", _grow(world.a))


def test_an_evaluator_on_the_evidence_list_makes_a_fixed_number_of_queries(world, client_for):
    add_evidence(world.a, date=date(2026, 1, 2))
    assert_queries_flat(client_for(world.a.evaluator), url("evidence", world.a), _grow(world.a))


def test_the_demo_goes_through_the_services_and_runs_once(world):
    import io

    from evaluation import demo_values

    organisation = world.a.organisation
    with scopes_disabled():
        organisation.slug = demo_values.HIN
        organisation.save()
    out = io.StringIO()
    demo_values.seed(organisations={demo_values.HIN: organisation}, stdout=out)
    demo_values.seed(organisations={demo_values.HIN: organisation}, stdout=out)
    with scopes_disabled():
        assert CommunityIndicator.objects.filter(community=world.a.community).count() == 3
        assert Evidence.objects.filter(community=world.a.community).count() == 3
        assert IndicatorValue.objects.count() == 3


@pytest.mark.parametrize("in_database", [True, False])
def test_cycles_are_counted_and_filtered_alike_with_or_without_json_containment(world, monkeypatch, in_database):
    from django.db import connection

    from evaluation import selectors

    monkeypatch.setattr(connection.features, "supports_json_field_contains", in_database)
    add_evidence(world.a, cycles=["immediate", "applied"], title="One")
    add_evidence(world.a, cycles=["applied"], title="Two")
    add_evidence(world.b, cycles=["applied"], title="Elsewhere")
    with scope(organisation=world.a.organisation):
        evidence = Evidence.objects.filter(community=world.a.community)
        assert selectors.evidence_per_cycle(evidence, ["immediate", "applied", "realised"]) == {
            "immediate": 1, "applied": 2, "realised": 0}
        assert sorted(e.title for e in selectors.with_cycle(evidence, "applied")) == ["One", "Two"]


def test_the_person_who_added_evidence_is_told_when_someone_else_changes_or_deletes_it(world, client_for):
    from cop_platform.models import OutgoingEmail

    item = add_evidence(world.a, title=HOSTILE)
    client = client_for(world.a.evaluator)
    edit = url("evidence_edit", world.a, evidence_id=item.pk)
    client.post(edit, {"action": "edit", **evidence_data(title="Huddle minutes")})
    client.post(edit, {"action": "delete"})
    client_for(world.a.convener)  # their own changes tell nobody
    add = add_evidence(world.a, title="Mine")
    client_for(world.a.convener).post(url("evidence_edit", world.a, evidence_id=add.pk), {"action": "delete"})
    with scopes_disabled():
        mails = list(OutgoingEmail.objects.filter(kind="evaluation.evidence").order_by("pk"))
    assert [m.to for m in mails] == [world.a.convener.email] * 2
    assert "was changed" in mails[0].subject and "was deleted" in mails[1].subject
    assert "Huddle minutes" in mails[1].body_text and "/value/evidence/" in mails[1].body_text


def test_an_indicator_with_hand_values_cannot_turn_computed_and_another_tenant_cannot_record(world):
    indicator = hand_indicator(world.a, cycle="immediate", name="Turnout")
    with scopes_disabled():
        services.indicator_value_add(organisation=world.a.organisation, by=world.a.convener, indicator=indicator,
                                     date=TODAY, value="12")
        with pytest.raises(ValidationError, match="delete them before"):
            services.community_indicator_edit(organisation=world.a.organisation, by=world.a.convener,
                                              indicator=indicator, cycle="immediate", name="Turnout",
                                              computed="attendance")
        with pytest.raises(ValidationError, match="another organisation"):
            services.indicator_value_add(organisation=world.b.organisation, by=world.b.convener,
                                         indicator=indicator, date=TODAY, value="1")
        with pytest.raises(ValidationError, match="such as 12"):
            services.indicator_value_add(organisation=world.a.organisation, by=world.a.convener,
                                         indicator=indicator, date=TODAY, value="NaN")
        indicator.refresh_from_db()
        assert indicator.computed == "" and IndicatorValue.objects.count() == 1


def _build(tenant, kind, *, status, text="", reason="", days_ago=0, community=None):
    from cop_platform.models import Build

    with scopes_disabled():
        made = Build.objects.create(organisation=tenant.organisation, kind=kind, target_type="communities.community",
                                    target_id=(community or tenant.community).pk, requested_by=tenant.convener,
                                    status=status, progress=40, progress_text=text, failure_reason=reason)
        Build.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return made


def _boxes(page):
    """The file boxes of a page, each from its opening tag to its end."""
    return [part.split("</div>")[0] for part in page.split('data-testid="build-box"')[1:]]


def test_the_value_pages_file_boxes_show_each_files_newest_build_read_together(world, client_for):
    """A convener's value page has two file boxes (the report, the data pack): each shows the newest build of
    its own file, both read in one query, with a working "make it again" form; a convener who stepped down
    sees neither on the next visit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a = world.a
    _build(a, "evaluation.community_report", status="failed", reason="The old reason", days_ago=2)
    _build(a, "evaluation.community_report", status="failed", reason="The newest reason")
    _build(a, "evaluation.data_pack", status="building", text="Packing the rows")
    _build(a, "evaluation.data_pack", status="failed", reason="Another community's", community=a.unlisted)
    client = client_for(a.convener)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url("community_value", a)).content.decode()
    report, pack = _boxes(page)
    assert "The newest reason" in report and "The old reason" not in page
    assert 'name="csrfmiddlewaretoken" value="' in report and 'value=""' not in report
    assert "Packing the rows" in pack and "Another community" not in page
    queries = [q["sql"] for q in captured.captured_queries]
    assert sum('FROM "cop_platform_build"' in sql for sql in queries) == 1
    # The page's own community and membership answer the boxes' "in this organisation?" and "convener?".
    assert not [sql for sql in queries if sql.startswith('SELECT 1 AS "a" FROM "communities_')]

    with scopes_disabled():
        Membership.objects.filter(community=a.community, user=a.convener).update(role=MembershipRole.MEMBER)
    page = client.get(url("community_value", a)).content.decode()
    assert _boxes(page) == [] and "The newest reason" not in page
