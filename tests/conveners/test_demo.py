import io

from django.core.management import call_command
from django_scopes import scope

from conveners import rules
from conveners.demo import COMMENTS
from conveners.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentStatus,
    Call,
    CallStatus,
    ConvenerProfile,
    Decision,
    HonorariumPayment,
    Lead,
    Score,
    SupportSession,
)
from cop_platform.tenancy.models import Organisation


def test_seed_demo_adds_calls_idempotently(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    hin = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=hin):
        calls = dict(Call.objects.values_list("slug", "status"))
        assert calls == {"conveners-2026": CallStatus.OPEN, "spring-round": CallStatus.UNDER_REVIEW,
                         "round-2025": CallStatus.DECIDED}
        assert Application.objects.filter(call__slug="spring-round").count() == 12
        panel = Assignment.objects.filter(call__slug="spring-round", reviewer__email="panel@hin.example.org")
        assert panel.filter(status=AssignmentStatus.SUBMITTED).exists()
        assert panel.filter(status=AssignmentStatus.ASSIGNED, conflict="").exists()
        assert panel.exclude(conflict="").count() == 1
        payments = HonorariumPayment.objects.filter(call__slug="round-2025")
        assert payments.filter(status="paid").exists() and payments.exclude(status="paid").exists()
        assert SupportSession.objects.filter(application__call__slug="round-2025").count() >= 6
        # One from the decided round's convener, one for the Sepsis convener's brochure page; run twice, still two.
        assert ConvenerProfile.objects.count() == 2
        assert ConvenerProfile.objects.filter(user__email="convener@hin.example.org").count() == 1


def _people(application):
    return [rules.Person(key=lead.pk, sector=lead.sector, is_lead=lead.is_lead, name=lead.name,
                         works_in_member_organisation=lead.works_in_member_organisation,
                         confirmed=lead.confirmed_at is not None)
            for lead in application.leads.all()]


def test_demo_applications_obey_the_calls_rules(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    hin = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=hin):
        submitted = Application.objects.filter(status=ApplicationStatus.SUBMITTED).select_related("call")
        assert submitted.count() == 18
        for application in submitted:
            assert rules.decision_problems(application, application.call, people=_people(application)) == [], \
                application.domain
        funded = submitted.filter(decision=Decision.FUNDED)
        assert funded.count() == 5
        industry = Lead.objects.get(sector="industry", is_lead=True).application
        assert industry.leads.filter(is_lead=False, member_organisation__isnull=False).exists()
        assert all(a.sponsor_confirmed_at for a in submitted)


def test_demo_review_comments_agree_with_their_scores(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    hin = Organisation.objects.get(slug="hin-south-london")
    with scope(organisation=hin):
        scores = list(Score.objects.select_related("criterion"))
        assert scores
        for score in scores:
            if score.value <= score.criterion.scale_max // 3:
                assert score.comment in {low for low, _, _ in COMMENTS.values()}, (score.value, score.comment)
            if score.value == score.criterion.scale_max:
                assert score.comment in {high for _, _, high in COMMENTS.values()}, (score.value, score.comment)
        assert len({s.comment for s in scores}) >= 8
