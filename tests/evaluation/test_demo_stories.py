"""The stories demo goes through the services and is idempotent."""

import io

from django.core.management import call_command
from django_scopes import scopes_disabled

from cop_platform.tenancy.models import Organisation
from evaluation import demo_stories
from evaluation.models import PulseAnswer, ValueCreationStory


def test_the_stories_demo_seeds_once_through_the_services(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    with scopes_disabled():
        organisations = {o.slug: o for o in Organisation.objects.all()}
    for _ in range(2):
        demo_stories.seed(organisations=organisations, stdout=io.StringIO())
    with scopes_disabled():
        story = ValueCreationStory.objects.get(title=demo_stories.SPINE_TITLE)
        assert story.status == "approved" and story.usable_for("report")
        assert [s.spine_part for s in story.steps.order_by("position")][:3] == ["once", "every_day", "one_day"]
        answers = PulseAnswer.objects.filter(organisation__slug="hin-south-london")
        assert answers.count() >= 1
        assert ValueCreationStory.objects.filter(title=demo_stories.SEED_PLAN).count() <= 1
