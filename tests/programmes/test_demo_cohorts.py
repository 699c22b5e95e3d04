"""The cohorts' demo data (``programmes.demo_cohorts.seed``, run by ``seed_demo`` through ``programmes/demo.py``):
through the services, idempotent, and it queues no e-mails."""

import io

from django.core.management import call_command
from django_scopes import scope

from conveners.models import Call
from cop_platform.models import OutgoingEmail
from cop_platform.tenancy.models import Organisation
from programmes import demo_cohorts
from programmes.models import CoConsultingGroup, Participant, Programme, Session


def test_the_demo_programmes_are_seeded_once_through_the_services(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    organisations = {o.slug: o for o in Organisation.objects.all()}
    hin = organisations[demo_cohorts.HIN]
    with scope(organisation=hin):
        emails = OutgoingEmail.objects.count()
    for _ in range(2):
        demo_cohorts.seed(organisations=organisations, stdout=io.StringIO())
    with scope(organisation=hin):
        support = Programme.objects.get(name=demo_cohorts.SUPPORT_NAME)
        assert Call.objects.get(slug="round-2025").programme == support
        assert support.communities.exists()
        cohort = Programme.objects.get(name=demo_cohorts.COHORT_NAME)
        assert Session.objects.filter(programme=cohort).count() == 21
        # Twelve placed by the cohorts demo, three selected from applications by the participants demo.
        assert Participant.objects.filter(programme=cohort).count() == 15
        assert Participant.objects.filter(programme=cohort, user__email="member@hin.example.org").exists()
        assert CoConsultingGroup.objects.filter(programme=cohort).count() == 3
        assert OutgoingEmail.objects.count() == emails
