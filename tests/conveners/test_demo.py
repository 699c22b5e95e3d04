import io

from django.core.management import call_command
from django_scopes import scope

from conveners.models import (
    Application,
    Assignment,
    AssignmentStatus,
    Call,
    CallStatus,
    ConvenerProfile,
    HonorariumPayment,
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
        assert ConvenerProfile.objects.count() == 1
