"""Transform outcomes through the lifecycle page and the services: a split creates the new communities and
links them both ways, a merge links and closes, a fade keeps its legacy; every community's history and
members stay readable (asserted through the pages); bad input refused with nothing lost; wrong tenant and
wrong role refused; members told through the outbox; a mistaken outcome withdrawn with a move back."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities.models import Community, JournalEntry, Meeting, Membership, MembershipRole
from cop_platform.models import AuditEvent, OutgoingEmail
from programmes import services
from programmes.models import OutcomeLink, PhaseMove, TransformOutcome
from tests.factories import CommunityFactory, member_of
from tests.helpers import assert_queries_flat

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
TODAY = timezone.localdate().isoformat()


def lifecycle(tenant, community=None):
    return reverse("programmes:lifecycle", kwargs={"org": tenant.organisation.slug,
                                                   "slug": (community or tenant.community).slug})


def home(tenant, community):
    return reverse("communities:home", kwargs={"org": tenant.organisation.slug, "slug": community.slug})


def to_transform(tenant, community=None):
    with scopes_disabled():
        services.phase_move(organisation=tenant.organisation, by=tenant.convener,
                            community=community or tenant.community, to="transform",
                            reason="The community has done its work")


def outcome(kind="renewed", **extra):
    data = {"action": "outcome", "outcome-kind": kind, "outcome-on": TODAY,
            "outcome-reason": "The work found new homes", "outcome-legacy": "", "outcome-split_names": "",
            "outcome-merge_into": ""}
    data.update({f"outcome-{k}": v for k, v in extra.items()})
    return data


def withdraw(to="steward", reason="Recorded by mistake: we are carrying on"):
    return {"action": "withdraw", "withdraw-to": to, "withdraw-reason": reason}


def outcomes(tenant):
    with scopes_disabled():
        return list(TransformOutcome.objects.filter(community=tenant.community).values_list("kind", flat=True))


def fresh(community):
    with scopes_disabled():
        return Community.objects.get(pk=community.pk)


def test_the_outcome_form_is_offered_only_in_transform(world, client_for):
    client = client_for(world.a.convener)
    text = client.get(lifecycle(world.a)).content.decode()
    assert 'data-testid="outcome-form"' not in text and "Move the community to Transform" in text
    response = client.post(lifecycle(world.a), outcome())
    assert "move it to Transform before recording" in response.content.decode()
    assert outcomes(world.a) == []
    to_transform(world.a)
    text = client.get(lifecycle(world.a)).content.decode()
    assert 'data-testid="outcome-form"' in text
    assert "In Transform: record what becomes of the community" in text  # the advice until it is recorded


def test_a_split_creates_the_new_communities_linked_both_ways_and_keeps_everything_readable(
        world, client_for):
    to_transform(world.a)
    with scopes_disabled():
        JournalEntry.objects.create(organisation=world.a.organisation, community=world.a.community,
                                    author=world.a.member, entry_date=date(2026, 10, 1), title="What we learnt",
                                    learnt="Escalate early")
    client = client_for(world.a.convener)
    response = client.post(lifecycle(world.a), outcome("split", split_names="Sepsis North\nSepsis South\n"),
                           follow=True)
    text = response.content.decode()
    assert "Recorded for Alpha Network Sepsis: split into new communities." in text
    with scopes_disabled():
        north = Community.objects.get(organisation=world.a.organisation, name="Sepsis North")
        south = Community.objects.get(organisation=world.a.organisation, name="Sepsis South")
        assert Membership.objects.get(community=north, user=world.a.convener).role == MembershipRole.CONVENER
        assert Membership.objects.filter(community=south, user=world.a.convener, role="convener").exists()
        assert OutcomeLink.objects.filter(community__in=[north, south]).count() == 2
        assert AuditEvent.objects.filter(action="community.outcome_recorded",
                                         summary__contains="Sepsis North").count() == 1
    links = text[text.index('data-testid="transform-links"'):]
    assert "Split into" in links and home(world.a, north) in links and home(world.a, south) in links
    assert fresh(world.a.community).status == world.a.community.status  # a split does not close it
    member = client_for(world.a.member)
    for url in (home(world.a, world.a.community), lifecycle(world.a),
                reverse("communities:journal", kwargs={"org": world.a.organisation.slug, "slug": "sepsis"}),
                reverse("communities:members", kwargs={"org": world.a.organisation.slug, "slug": "sepsis"})):
        page = member.get(url)
        assert page.status_code == 200, url
    assert "Escalate early" in member.get(reverse("communities:journal", kwargs={
        "org": world.a.organisation.slug, "slug": "sepsis"})).content.decode()
    new_home = member.get(home(world.a, north)).content.decode()
    assert "Split from" in new_home and home(world.a, world.a.community) in new_home
    assert "Phase 1: " in new_home  # a new community starts in Discover


def test_a_split_with_bad_names_is_refused_and_keeps_what_was_typed(world, client_for):
    to_transform(world.a)
    client = client_for(world.a.convener)
    for names, message in [("Only one", "Name at least 2 new communities"),
                           ("North\nnorth", "“north” appears twice"),
                           ("North\nAlpha Network Quiet Circle", "There is already a community called")]:
        response = client.post(lifecycle(world.a), outcome("split", split_names=names))
        text = response.content.decode()
        assert message in text, names
        assert names.splitlines()[-1] in text  # what was typed is still there
    assert outcomes(world.a) == []
    with scopes_disabled():
        assert not Community.objects.filter(name__icontains="north").exists()


def test_hostile_html_in_names_reason_and_legacy_is_shown_as_text(world, client_for):
    to_transform(world.a)
    client = client_for(world.a.convener)
    client.post(lifecycle(world.a), outcome("split", split_names=f"{HOSTILE}\nSouth", reason=HOSTILE,
                                            legacy=f"{HOSTILE} https://example.org/toolkit"))
    assert outcomes(world.a) == ["split"]
    text = client.get(lifecycle(world.a)).content.decode()
    assert HOSTILE not in text
    assert text.count(ESCAPED) >= 3  # the reason, the legacy and the new community's name in the links
    assert '<a href="https://example.org/toolkit"' in text  # the legacy's link is a link
    with scopes_disabled():
        new = Community.objects.get(organisation=world.a.organisation, name=HOSTILE)
    assert HOSTILE not in client.get(home(world.a, new)).content.decode()


def test_a_merge_links_closes_and_keeps_history_and_members_readable(world, client_for):
    target = CommunityFactory(organisation=world.a.organisation, name="Deterioration", slug="deterioration")
    to_transform(world.a)
    with scopes_disabled():
        Meeting.objects.create(organisation=world.a.organisation, community=world.a.community, title="Last huddle",
                               starts_at=timezone.now() - timedelta(days=3),
                               ends_at=timezone.now() - timedelta(days=3, hours=-1))
    client = client_for(world.a.convener)
    response = client.post(lifecycle(world.a), outcome("merged", merge_into=target.pk), follow=True)
    assert "merged with another community" in response.content.decode()
    assert fresh(world.a.community).status == "closed"
    member = client_for(world.a.member)
    text = member.get(home(world.a, world.a.community)).content.decode()
    assert "Merged into" in text and home(world.a, target) in text
    assert "Closed" in text
    meetings = member.get(reverse("communities:meetings", kwargs={"org": world.a.organisation.slug,
                                                                  "slug": "sepsis"}) + "?when=past")
    assert meetings.status_code == 200 and "Last huddle" in meetings.content.decode()
    assert world.a.member.display_name in member.get(reverse("communities:members", kwargs={
        "org": world.a.organisation.slug, "slug": "sepsis"})).content.decode()
    target_home = member.get(home(world.a, target)).content.decode()
    assert "Joined by" in target_home and home(world.a, world.a.community) in target_home


def test_links_name_only_communities_the_viewer_may_see(world, client_for):
    to_transform(world.a)
    client_for(world.a.convener).post(lifecycle(world.a), outcome("merged", merge_into=world.a.unlisted.pk))
    assert outcomes(world.a) == ["merged"]
    convener_text = client_for(world.a.convener).get(home(world.a, world.a.community)).content.decode()
    assert "Merged into" in convener_text and home(world.a, world.a.unlisted) in convener_text
    member_text = client_for(world.a.member).get(home(world.a, world.a.community)).content.decode()
    assert home(world.a, world.a.unlisted) not in member_text and "Quiet Circle" not in member_text


@pytest.mark.parametrize(("extra", "message"), [
    ({"merge_into": ""}, "Choose the community it merged with."),
    ({"merge_into": "999999"}, "Choose a community of this organisation that is still running."),
    ({"merge_into": "not-a-number"}, "Choose a community of this organisation that is still running."),
])
def test_a_merge_without_a_valid_target_is_refused(world, client_for, extra, message):
    to_transform(world.a)
    response = client_for(world.a.convener).post(lifecycle(world.a), outcome("merged", **extra))
    assert message in response.content.decode()
    assert outcomes(world.a) == [] and fresh(world.a.community).status != "closed"


def test_a_merge_into_another_tenants_community_is_refused(world, client_for):
    to_transform(world.a)
    response = client_for(world.a.convener).post(lifecycle(world.a),
                                                 outcome("merged", merge_into=world.b.community.pk))
    assert "Choose a community of this organisation" in response.content.decode()
    with scopes_disabled(), pytest.raises(ValidationError, match="another organisation"):
        services.outcome_record(organisation=world.a.organisation, by=world.a.convener,
                                community=world.a.community, kind="merged", on=date.today(), reason="Because",
                                merge_into=world.b.community)
    assert outcomes(world.a) == []


def test_a_merge_into_itself_or_a_closed_community_is_refused_by_the_service(world):
    to_transform(world.a)
    closed = CommunityFactory(organisation=world.a.organisation, name="Falls", slug="falls", status="closed")
    with scopes_disabled():
        for target, message in [(world.a.community, "cannot merge with itself"), (closed, "is closed")]:
            with pytest.raises(ValidationError, match=message):
                services.outcome_record(organisation=world.a.organisation, by=world.a.convener,
                                        community=world.a.community, kind="merged", on=date.today(),
                                        reason="Because", merge_into=target)
    assert outcomes(world.a) == []


def test_a_fade_needs_its_legacy_and_then_closes_the_community(world, client_for):
    to_transform(world.a)
    client = client_for(world.a.convener)
    response = client.post(lifecycle(world.a), outcome("faded", reason="People moved on, deliberately"))
    text = response.content.decode()
    assert "Describe the legacy the community leaves" in text and "People moved on, deliberately" in text
    assert outcomes(world.a) == []
    client.post(lifecycle(world.a), outcome("faded", legacy="Escalation toolkit: https://example.org/kit"))
    assert outcomes(world.a) == ["faded"] and fresh(world.a.community).status == "closed"
    text = client_for(world.a.member).get(lifecycle(world.a)).content.decode()
    assert "Escalation toolkit" in text and "Faded deliberately" in text


def test_a_date_in_the_future_or_empty_is_refused(world, client_for):
    to_transform(world.a)
    client = client_for(world.a.convener)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "cannot be in the future" in client.post(lifecycle(world.a), outcome(on=tomorrow)).content.decode()
    assert "Enter the date it happened." in client.post(lifecycle(world.a), outcome(on="")).content.decode()
    assert "Enter a real date." in client.post(lifecycle(world.a), outcome(on="31/02/2026")).content.decode()
    assert outcomes(world.a) == []


def test_a_huge_reason_is_refused(world, client_for):
    to_transform(world.a)
    response = client_for(world.a.convener).post(lifecycle(world.a), outcome(reason="x" * 2001))
    assert "at most 2000 characters" in response.content.decode()
    assert outcomes(world.a) == []


def test_one_outcome_at_a_time(world, client_for):
    to_transform(world.a)
    client = client_for(world.a.convener)
    client.post(lifecycle(world.a), outcome("hub"))
    with scopes_disabled(), pytest.raises(ValidationError, match="already recorded"):
        services.outcome_record(organisation=world.a.organisation, by=world.a.convener,
                                community=world.a.community, kind="renewed", on=date.today(), reason="Again")
    text = client.get(lifecycle(world.a)).content.decode()
    assert 'data-testid="outcome-form"' not in text and 'data-testid="withdraw-form"' in text
    assert outcomes(world.a) == ["hub"]


def test_members_of_the_communities_concerned_are_told_once_each(world, client_for):
    target = CommunityFactory(organisation=world.a.organisation, name="Deterioration", slug="deterioration")
    other = member_of(target, email="nurse@tenant-a.example.org")
    member_of(target, user=world.a.member)  # in both: told once
    to_transform(world.a)
    client_for(world.a.convener).post(lifecycle(world.a), outcome("merged", merge_into=target.pk))
    with scopes_disabled():
        rows = list(OutgoingEmail.objects.filter(kind="programmes.transform_outcome"))
        assert sorted(r.to for r in rows) == sorted([world.a.convener.email, world.a.member.email, other.email])
        assert all(r.body_text == "" and r.composer == services.OUTCOME_COMPOSER for r in rows)
    with scope(organisation=world.a.organisation):
        composed = services.compose_outcome_email(rows[0])
    assert "merged into: Deterioration" in composed.body_text
    assert "stay readable" in composed.body_text and "/lifecycle/" in composed.body_text


def test_withdrawing_a_merge_reopens_moves_back_and_unlinks(world, client_for):
    target = CommunityFactory(organisation=world.a.organisation, name="Deterioration", slug="deterioration")
    to_transform(world.a)
    client = client_for(world.a.convener)
    client.post(lifecycle(world.a), outcome("merged", merge_into=target.pk))
    response = client.post(lifecycle(world.a), withdraw(), follow=True)
    text = response.content.decode()
    assert "The outcome is withdrawn; Alpha Network Sepsis is in Steward." in text
    assert "Phase 4: Steward" in text and "Withdrawn" in text
    assert fresh(world.a.community).status == world.a.community.status  # as before the merge
    with scopes_disabled():
        latest = PhaseMove.objects.filter(community=world.a.community).first()
        assert (latest.from_phase, latest.to_phase) == ("transform", "steward")
        assert "withdrawn: Recorded by mistake" in latest.reason
        assert AuditEvent.objects.filter(action="community.outcome_withdrawn").count() == 1
        assert OutgoingEmail.objects.filter(key__contains=":withdrawn:").count() == 2  # convener and member
    assert 'data-testid="transform-links"' not in client.get(home(world.a, target)).content.decode()
    # back in Transform, a new outcome may be recorded
    to_transform(world.a)
    client.post(lifecycle(world.a), outcome("hub"))
    assert sorted(outcomes(world.a)) == ["hub", "merged"]


@pytest.mark.parametrize(("data", "message"), [
    (withdraw(to="transform"), "Choose the phase the community moves back to"),
    (withdraw(reason=" "), "Say why the outcome is withdrawn"),
])
def test_a_bad_withdrawal_is_refused_and_changes_nothing(world, client_for, data, message):
    to_transform(world.a)
    client = client_for(world.a.convener)
    client.post(lifecycle(world.a), outcome("faded", legacy="Toolkit"))
    assert message in client.post(lifecycle(world.a), data).content.decode()
    assert fresh(world.a.community).status == "closed"
    with scopes_disabled():
        assert TransformOutcome.objects.get().withdrawn_at is None


def test_nothing_to_withdraw_is_refused(world):
    to_transform(world.a)
    with scopes_disabled(), pytest.raises(ValidationError, match="nothing to withdraw"):
        services.outcome_withdraw(organisation=world.a.organisation, by=world.a.convener,
                                  community=world.a.community, to="steward", reason="Mistake")


@pytest.mark.parametrize("who", ["member", "evaluator", "core"])
@pytest.mark.parametrize("data", [outcome("hub"), withdraw()])
def test_only_conveners_and_host_staff_record_or_withdraw(world, client_for, who, data):
    to_transform(world.a)
    user = member_of(world.a.community, role=MembershipRole.CORE_GROUP) if who == "core" else getattr(world.a, who)
    assert client_for(user).post(lifecycle(world.a), data).status_code == 403
    assert outcomes(world.a) == []


def test_a_project_manager_records_an_outcome(world, client_for):
    to_transform(world.a)
    client_for(world.a.project_manager).post(lifecycle(world.a), outcome("hub"))
    assert outcomes(world.a) == ["hub"]


@pytest.mark.parametrize("data", [outcome("hub"), withdraw()])
def test_another_tenant_is_not_found_and_changes_nothing(world, client_for, data):
    to_transform(world.a)
    assert client_for(world.b.convener).post(lifecycle(world.a), data).status_code == 404
    assert client_for(world.b.admin).post(lifecycle(world.a), data).status_code == 404
    assert outcomes(world.a) == []


def test_services_refuse_another_tenants_community(world):
    to_transform(world.a)
    with scopes_disabled(), pytest.raises(ValidationError):
        services.outcome_record(organisation=world.b.organisation, by=world.b.convener,
                                community=world.a.community, kind="hub", on=date.today(), reason="Because")
    with scopes_disabled(), pytest.raises(ValidationError):
        services.outcome_withdraw(organisation=world.b.organisation, by=world.b.convener,
                                  community=world.a.community, to="steward", reason="Because")
    assert outcomes(world.a) == []


def test_the_share_of_members_taking_part_is_shown_with_the_phase(world, client_for):
    with scopes_disabled():
        JournalEntry.objects.create(organisation=world.a.organisation, community=world.a.community,
                                    author=world.a.member, entry_date=date(2026, 10, 1), title="Learnt",
                                    learnt="Escalate early")
        JournalEntry.objects.create(organisation=world.a.organisation, community=world.a.unlisted,
                                    author=world.a.convener, entry_date=date(2026, 10, 1), title="Elsewhere",
                                    learnt="Not here")
    text = client_for(world.a.member).get(lifecycle(world.a)).content.decode()
    share = text[text.index('data-testid="active-share"'):]
    assert share.startswith('data-testid="active-share">50% of members took part in the last three months (1 of 2')


def test_the_lifecycle_page_stays_flat_with_many_outcomes_and_links(world, client_for):
    to_transform(world.a)

    def grow():
        with scopes_disabled():
            for n in range(10):
                record = TransformOutcome.objects.create(
                    organisation=world.a.organisation, community=world.a.community, kind="split", on=date.today(),
                    reason=f"Reason {n}", recorded_by=member_of(world.a.community),
                    withdrawn_at=timezone.now(), withdrawn_by=member_of(world.a.community))
                for _ in range(2):
                    OutcomeLink.objects.create(organisation=world.a.organisation, outcome=record,
                                               community=CommunityFactory(organisation=world.a.organisation))
            record = TransformOutcome.objects.create(organisation=world.a.organisation, community=world.a.community,
                                                     kind="split", on=date.today(), reason="Live",
                                                     recorded_by=world.a.member)
            for _ in range(3):
                OutcomeLink.objects.create(organisation=world.a.organisation, outcome=record,
                                           community=CommunityFactory(organisation=world.a.organisation))

    with scopes_disabled():
        first = TransformOutcome.objects.create(organisation=world.a.organisation, community=world.a.community,
                                                kind="split", on=date.today(), reason="First",
                                                recorded_by=world.a.member)
        OutcomeLink.objects.create(organisation=world.a.organisation, outcome=first,
                                   community=CommunityFactory(organisation=world.a.organisation))
    before, _ = assert_queries_flat(client_for(world.a.convener), lifecycle(world.a), grow)
    assert before <= 32


def test_the_home_page_of_a_community_stays_flat_with_many_links(world, client_for):
    to_transform(world.a)
    with scopes_disabled():
        record = TransformOutcome.objects.create(organisation=world.a.organisation, community=world.a.community,
                                                 kind="split", on=date.today(), reason="Live",
                                                 recorded_by=world.a.member)

    def grow():
        with scopes_disabled():
            for _ in range(8):
                OutcomeLink.objects.create(organisation=world.a.organisation, outcome=record,
                                           community=CommunityFactory(organisation=world.a.organisation))

    assert_queries_flat(client_for(world.a.member), home(world.a, world.a.community), grow)


def test_the_communities_of_an_unlisted_split_stay_unlisted(world, client_for):
    to_transform(world.a, world.a.unlisted)
    client_for(world.a.convener).post(lifecycle(world.a, world.a.unlisted),
                                      outcome("split", split_names="Quiet North\nQuiet South"))
    with scopes_disabled():
        assert set(Community.objects.filter(name__startswith="Quiet ").values_list("visibility", flat=True)) == {
            "unlisted"}
    listing = client_for(world.a.member).get(reverse("communities:directory", kwargs={
        "org": world.a.organisation.slug})).content.decode()
    assert "Quiet North" not in listing


def test_the_e_mails_are_written_when_sent_for_a_split_and_a_withdrawal(world, client_for):
    from cop_platform.email import EmailCancelled

    to_transform(world.a)
    client = client_for(world.a.convener)
    client.post(lifecycle(world.a), outcome("split", split_names="North\nSouth", legacy="Our checklist"))
    client.post(lifecycle(world.a), withdraw(reason="Wrong community"))
    with scopes_disabled():
        recorded = OutgoingEmail.objects.get(key__contains=":recorded:", to=world.a.member.email)
        withdrawn = OutgoingEmail.objects.get(key__contains=":withdrawn:", to=world.a.member.email)
    with scope(organisation=world.a.organisation):
        split = services.compose_outcome_email(recorded)
        undone = services.compose_outcome_email(withdrawn)
        assert split.subject == "Alpha Network Sepsis: split into new communities"
        assert "The new communities: North, South." in split.body_text and "Our checklist" in split.body_text
        assert f"Hello {world.a.member.display_name}" in split.body_text
        assert "stay readable" not in split.body_text  # a split does not close the community
        assert "was withdrawn" in undone.subject and "Why: Wrong community" in undone.body_text
        TransformOutcome.objects.all().delete()
        with pytest.raises(EmailCancelled):
            services.compose_outcome_email(recorded)
