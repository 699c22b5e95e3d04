"""A story step cites the indicator values that corroborate it (evaluation.md, "cumulative evidence"): chosen
on the step form from the values of the story's community's indicators only, shown on the story, and enough
to mark the step corroborated."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from evaluation import services
from evaluation.models import StoryStep
from tests.evaluation.builders_stories import HOSTILE, story, url


def indicator_value(tenant, community=None, *, name="Screened within the hour", value="87"):
    org = tenant.organisation
    with scope(organisation=org):
        indicator = services.community_indicator_add(organisation=org, by=tenant.convener,
                                                     community=community or tenant.community, cycle="realised",
                                                     name=name)
        return services.indicator_value_add(organisation=org, by=tenant.convener, indicator=indicator,
                                            date=date(2026, 10, 1), value=value)


def cited(made):
    with scopes_disabled():
        return [list(step.indicator_values.values_list("pk", flat=True))
                for step in StoryStep.objects.filter(story=made).order_by("position")]


def test_a_step_cites_an_indicator_value_and_the_story_shows_it(world, client_for):
    made = story(world.a, steps=())
    value = indicator_value(world.a, name=f"Screened {HOSTILE}")
    client = client_for(world.a.member)
    form = client.get(url(world.a, "story_step_add", story_id=made.pk)).content.decode()
    assert "Values of the community&#x27;s indicators that back it" in form and "87 on 1 October 2026" in form
    response = client.post(url(world.a, "story_step_add", story_id=made.pk), {
        "text": "Screening rose on ward 4", "cycle": "realised", "evidence_status": "corroborated",
        "indicator_values": [value.pk]})
    assert response.status_code == 302
    assert cited(made) == [[value.pk]]
    page = client.get(url(world.a, "story", story_id=made.pk)).content.decode()
    assert "Indicator values: Screened &lt;script&gt;" in page and "87 on 1 Oct 2026" in page
    assert HOSTILE not in page


def test_values_of_another_community_or_tenant_are_refused_and_nothing_saved(world, client_for):
    made = story(world.a, steps=())
    elsewhere = indicator_value(world.a, world.a.unlisted)
    other_tenant = indicator_value(world.b)
    client = client_for(world.a.member)
    for value in (elsewhere, other_tenant):
        response = client.post(url(world.a, "story_step_add", story_id=made.pk), {
            "text": "It helped", "cycle": "realised", "evidence_status": "self_reported",
            "indicator_values": [value.pk]})
        assert response.status_code == 200 and "Choose indicator values from the list" in response.content.decode()
    with scope(organisation=world.a.organisation), pytest.raises(ValidationError, match="this story's community"):
        services.story_step_add(organisation=world.a.organisation, by=world.a.member, story=made, text="x",
                                cycle="applied", indicator_values=[elsewhere])
    assert cited(made) == []


def test_changing_a_step_keeps_or_clears_its_values(world, client_for):
    made = story(world.a, steps=())
    value = indicator_value(world.a)
    client = client_for(world.a.member)
    client.post(url(world.a, "story_step_add", story_id=made.pk), {
        "text": "Rose", "cycle": "realised", "evidence_status": "self_reported", "indicator_values": [value.pk]})
    with scopes_disabled():
        step = StoryStep.objects.get(story=made)
    form = client.get(url(world.a, "story_step", story_id=made.pk, step_id=step.pk)).content.decode()
    assert f'value="{value.pk}" id="id_indicator_values_0" checked' in form
    client.post(url(world.a, "story_step", story_id=made.pk, step_id=step.pk),
                {"text": "Rose", "cycle": "realised", "evidence_status": "self_reported"})
    assert cited(made) == [[]]
