"""The phase beyond the lifecycle page: a Phase column, filter, lifecycle-order sort and CSV column in the
state of play (with a "quiet" flag from the last meeting), the phase and a phase filter in the directory, and
the home panel (conveners: their communities' phases and advice; host staff: counts per phase linking to the
filtered state of play). Query counts flat as communities and moves grow; the phase always equals the latest
move."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from communities.models import Community, Meeting
from programmes import selectors, services
from programmes.models import PhaseMove
from tests.communities.test_state_of_play import rows
from tests.factories import CommunityFactory, member_of
from tests.helpers import assert_queries_flat


def sop(tenant, csv_=False):
    name = "state_of_play_csv" if csv_ else "state_of_play"
    return reverse(f"community_host:{name}", kwargs={"org": tenant.organisation.slug})


def directory(tenant):
    return reverse("communities:directory", kwargs={"org": tenant.organisation.slug})


def home(tenant):
    return reverse("tenant_home", kwargs={"org": tenant.organisation.slug})


def move(tenant, community, *phases):
    with scopes_disabled():
        for to in phases:
            services.phase_move(organisation=tenant.organisation, by=tenant.convener, community=community, to=to,
                                reason=f"Now in {to}")


def names(response):
    return [c.name for c in response.context["page"]]


def test_the_annotated_phase_always_equals_the_latest_move(world):
    move(world.a, world.a.community, "mature", "unite", "steward")
    move(world.a, world.a.unlisted, "transform", "discover")
    with scopes_disabled():
        for community in Community.objects.filter(organisation=world.a.organisation).annotate(
                phase=selectors.phase_annotation()):
            assert community.phase == services.current_phase(community)
        phases = dict(Community.objects.annotate(phase=selectors.phase_annotation()).values_list("slug", "phase")
                      .filter(organisation=world.a.organisation))
    assert phases == {"sepsis": "steward", "quiet-circle": "discover"}


def test_a_community_with_no_move_is_in_discover(world):
    with scopes_disabled():
        (community,) = Community.objects.filter(pk=world.b.community.pk).annotate(phase=selectors.phase_annotation())
    assert community.phase == "discover"


def test_the_state_of_play_shows_filters_and_sorts_by_phase(world, client_for):
    move(world.a, world.a.community, "unite")
    CommunityFactory(organisation=world.a.organisation, name="Falls", slug="falls")
    move(world.a, _falls(world.a), "mature")
    client = client_for(world.a.project_manager)
    response = client.get(sop(world.a))
    text = response.content.decode()
    assert "2: Unite" in text and "3: Mature" in text and "1: Discover" in text
    # lifecycle order (Discover, Unite, Mature), not alphabetical (Discover, Mature, Unite)
    assert names(client.get(sop(world.a), {"sort": "phase"})) == [
        "Alpha Network Quiet Circle", "Alpha Network Sepsis", "Falls"]
    assert names(client.get(sop(world.a), {"sort": "-phase"})) == [
        "Falls", "Alpha Network Sepsis", "Alpha Network Quiet Circle"]
    assert names(client.get(sop(world.a), {"phase": "mature"})) == ["Falls"]
    assert names(client.get(sop(world.a), {"phase": "bogus"})) == [
        "Alpha Network Quiet Circle", "Alpha Network Sepsis", "Falls"]  # an unknown phase filters nothing
    filtered = client.get(sop(world.a), {"phase": "unite", "sort": "-members"}).content.decode()
    assert 'option value="unite" selected' in filtered and "phase=unite" in filtered
    assert names(client.get(sop(world.a), {"phase": "unite"})) == ["Alpha Network Sepsis"]


def _falls(tenant):
    with scopes_disabled():
        return Community.objects.get(organisation=tenant.organisation, slug="falls")


def test_the_state_of_play_flags_quiet_communities(world, client_for):
    with scopes_disabled():
        start = timezone.now() - timedelta(days=20)
        Meeting.objects.create(organisation=world.a.organisation, community=world.a.community, title="Huddle",
                               starts_at=start, ends_at=start + timedelta(hours=1))
    page = client_for(world.a.admin).get(sop(world.a)).context["page"]
    quiet = {c.name: c.quiet for c in page}
    assert quiet == {"Alpha Network Sepsis": False, "Alpha Network Quiet Circle": True}


def test_the_csv_carries_the_phase_last(world, client_for):
    move(world.a, world.a.community, "steward")
    table = rows(client_for(world.a.admin).get(sop(world.a, csv_=True)))
    assert table[0][-1] == "Phase" and table[0][5] == "Last meeting"
    assert {r[0]: r[-1] for r in table[1:]} == {"Alpha Network Sepsis": "4. Steward",
                                                "Alpha Network Quiet Circle": "1. Discover"}
    filtered = rows(client_for(world.a.admin).get(sop(world.a, csv_=True), {"phase": "steward"}))
    assert [r[0] for r in filtered[1:]] == ["Alpha Network Sepsis"]


def test_the_state_of_play_stays_flat_as_communities_and_moves_grow(world, client_for):
    client = client_for(world.a.project_manager)

    def grow():
        for i in range(40):
            c = CommunityFactory(organisation=world.a.organisation, slug=f"grown-{i}", name=f"Grown {i:03d}")
            with scopes_disabled():
                for to in ("unite", "mature", "steward")[: i % 4]:
                    PhaseMove.objects.create(organisation=world.a.organisation, community=c, from_phase="discover",
                                             to_phase=to, reason="Grown")

    assert_queries_flat(client, sop(world.a) + "?sort=phase", grow)
    assert_queries_flat(client, sop(world.a) + "?phase=mature", lambda: None)


def test_the_directory_shows_each_phase_and_filters_by_it(world, client_for):
    move(world.a, world.a.community, "unite")
    client = client_for(world.a.member)
    text = client.get(directory(world.a)).content.decode()
    assert "Phase 2: Unite" in text
    assert names(client.get(directory(world.a), {"phase": "unite"})) == ["Alpha Network Sepsis"]
    assert names(client.get(directory(world.a), {"phase": "mature"})) == []
    response = client.get(directory(world.a), {"phase": "<script>"})
    assert response.status_code == 200 and "<script>" not in response.content.decode().split("<main")[1]


def test_the_directory_stays_flat_as_communities_and_moves_grow(world, client_for):
    def grow():
        for i in range(30):
            c = CommunityFactory(organisation=world.a.organisation, slug=f"grown-{i}", name=f"Grown {i:03d}")
            with scopes_disabled():
                PhaseMove.objects.create(organisation=world.a.organisation, community=c, from_phase="discover",
                                         to_phase="mature", reason="Grown")

    assert_queries_flat(client_for(world.a.member), directory(world.a), grow)


def test_the_home_panel_shows_a_convener_their_phases_and_advice(world, client_for):
    move(world.a, world.a.community, "steward")
    text = client_for(world.a.convener).get(home(world.a)).content.decode()
    panel = text[text.index('data-testid="your-phases"'):]
    assert "Alpha Network Sepsis</a>: phase 4, Steward" in panel
    assert "a rejuvenation meeting may be in order" in panel  # never met
    assert "Alpha Network Quiet Circle</a>: phase 1, Discover" in panel
    assert 'data-testid="phase-counts"' not in text


def test_the_home_panel_shows_staff_counts_per_phase_linking_to_the_state_of_play(world, client_for):
    move(world.a, world.a.community, "mature")
    text = client_for(world.a.admin).get(home(world.a)).content.decode()
    counts = text[text.index('data-testid="phase-counts"'):]
    assert f'{sop(world.a)}?phase=mature">1 community<span class="nhsuk-u-visually-hidden"> in Mature' in counts
    assert f'{sop(world.a)}?phase=discover">1 community' in counts
    assert f'{sop(world.a)}?phase=transform">0 communities' in counts


def test_a_member_who_convenes_nothing_gets_no_lifecycle_panel(world, client_for):
    text = client_for(world.a.member).get(home(world.a)).content.decode()
    assert 'data-testid="your-phases"' not in text and 'data-testid="phase-counts"' not in text


def test_the_home_page_stays_flat_as_convened_communities_and_moves_grow(world, client_for):
    grown = iter(range(100))

    def grow():
        for _ in range(5):
            i = next(grown)
            c = CommunityFactory(organisation=world.a.organisation, slug=f"grown-{i}", name=f"Grown {i:03d}")
            member_of(c, role="convener", user=world.a.convener)
            move(world.a, c, "unite", "mature")

    assert_queries_flat(client_for(world.a.convener), home(world.a), grow)
    assert_queries_flat(client_for(world.a.admin), home(world.a), grow)
