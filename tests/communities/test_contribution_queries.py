"""The pages that now offer edit and delete per row make no more queries as rows grow."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Action, JournalEntry, Meeting, PracticeExchange
from tests.factories import member_of
from tests.helpers import assert_queries_flat


def url(tenant, name, **kwargs):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug,
                                                  **kwargs})


def _authors(world, n):
    return [member_of(world.a.community) for _ in range(n)]


def test_journal_queries_stay_flat(world, client_for):
    org, community = world.a.organisation, world.a.community

    def grow(n=2, start=0):
        with scopes_disabled():
            for i, author in enumerate(_authors(world, n)):
                JournalEntry.objects.create(organisation=org, community=community, author=author,
                                            entry_date=timezone.localdate(), title=f"Entry {start + i}", learnt="x")

    grow()
    assert_queries_flat(client_for(world.a.member), url(world.a, "journal"), lambda: grow(15, start=2))


def test_plan_queries_stay_flat(world, client_for):
    org, community = world.a.organisation, world.a.community

    def grow(n=2):
        with scopes_disabled():
            for author in _authors(world, n):
                Action.objects.create(organisation=org, community=community, title="Step", owner=author,
                                      added_by=author, month=timezone.localdate().replace(day=1))

    grow()
    assert_queries_flat(client_for(world.a.member), url(world.a, "plan"), lambda: grow(15))


def test_meeting_page_queries_stay_flat_with_more_exchanges(world, client_for):
    org, community = world.a.organisation, world.a.community
    with scopes_disabled():
        meeting = Meeting.objects.create(organisation=org, community=community, title="Huddle",
                                         starts_at=timezone.now() - timedelta(days=1),
                                         ends_at=timezone.now() - timedelta(hours=23))

    def grow(n=2):
        with scopes_disabled():
            for author in _authors(world, n):
                PracticeExchange.objects.create(organisation=org, community=community, meeting=meeting,
                                                what="Tool", shared_by=author, recorded_by=author)

    grow()
    assert_queries_flat(client_for(world.a.member), url(world.a, "meeting", meeting_id=meeting.pk),
                        lambda: grow(10))
