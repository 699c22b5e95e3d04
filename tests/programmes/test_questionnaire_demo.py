"""The questionnaire demo: the Co-Creation Network's questionnaire with 20 responses whose counts per
opportunity are the booklet's, made through the services, once."""

import io

from django_scopes import scopes_disabled

from programmes import demo_questionnaires, selectors
from programmes.models import Questionnaire
from tests.factories import OrganisationFactory


def test_demo_gives_the_cocreation_network_the_booklets_counts_once(db):
    organisation = OrganisationFactory(slug="co-creation-network", name="Co-Creation Network")
    for _ in range(2):
        demo_questionnaires.seed(organisations={"co-creation-network": organisation}, stdout=io.StringIO())
    with scopes_disabled():
        questionnaire = Questionnaire.objects.get(organisation=organisation)
        total, items = selectors.results(questionnaire=questionnaire)
    assert questionnaire.status == "open"
    assert total == 20
    assert [c.count for c in items[1].choices] == list(demo_questionnaires.BOOKLET_COUNTS)
    assert items[0].answered == 20 and 0 < items[2].answered < 20


def test_demo_does_nothing_without_the_cocreation_network(db):
    out = io.StringIO()
    demo_questionnaires.seed(organisations={}, stdout=out)
    assert out.getvalue() == ""
