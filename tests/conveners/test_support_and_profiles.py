"""Coaching and support record (FAQ §8: support is kept for funded and supported conveners) and the
convener interview for the brochure."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from conveners import services
from conveners.models import CallStatus, ConvenerProfile, Decision, SupportSession
from cop_platform.models import AuditEvent
from tests.conveners.builders import make_application, make_call
from tests.factories import UserFactory


def _decided(org, decision):
    call = make_call(org, slug=f"support-{decision}", status=CallStatus.UNDER_REVIEW)
    application = make_application(call, UserFactory(), domain="Falls")
    with scope(organisation=org):
        type(application).objects.filter(pk=application.pk).update(decision=decision)
        application.refresh_from_db()
    return call, application


def test_support_recorded_for_supported_convener_and_audited(world, org, scoped):
    _, application = _decided(org, Decision.SUPPORTED)
    services.support_record(organisation=org, by=world.a.project_manager, application=application,
                            held_on=datetime.date(2026, 9, 1), coach="Fictional Coach",
                            topics="Designing the first meeting")
    assert SupportSession.objects.filter(application=application).count() == 1
    assert AuditEvent.objects.filter(action="support.recorded").exists()


def test_support_refused_for_application_not_taken_forward(world, org, scoped):
    _, application = _decided(org, Decision.NOT_TAKEN_FORWARD)
    with pytest.raises(ValidationError, match="funded, supported"):
        services.support_record(organisation=org, by=world.a.project_manager, application=application,
                                held_on=datetime.date(2026, 9, 1), coach="C", topics="T")


def test_support_pages_list_and_record(world, client_for, org):
    call, application = _decided(org, Decision.FUNDED)
    client = client_for(world.a.project_manager)
    url = reverse("conveners:application_support", kwargs={"org": org.slug, "call": call.slug,
                                                            "application": application.pk})
    response = client.post(url, {"held_on": "2026-09-01", "kind": "coaching", "coach": "<i>Coach</i>",
                                 "sessions": "2", "topics": "Practice exchange protocols"})
    assert response.status_code == 302
    page = client.get(reverse("conveners:support", kwargs={"org": org.slug, "call": call.slug})).content.decode()
    assert "Falls" in page and ">2<" in page
    detail = client.get(url).content.decode()
    assert "&lt;i&gt;Coach&lt;/i&gt;" in detail


def test_convener_interview_saved_and_listed_for_staff(world, client_for, org):
    client = client_for(world.a.convener)
    url = reverse("conveners:profile", kwargs={"org": org.slug})
    assert client.post(url, {"about": "A sepsis nurse.", "motivation": "<script>x</script>", "achievement": "",
                             "one_thing": "Fewer deaths.", "nhs_change": "Peers learn."}).status_code == 302
    with scope(organisation=org):
        assert ConvenerProfile.objects.get(user=world.a.convener).one_thing == "Fewer deaths."
    listing = client_for(world.a.project_manager).get(reverse("conveners:profiles", kwargs={"org": org.slug}))
    page = listing.content.decode()
    assert "A sepsis nurse." in page and "&lt;script&gt;" in page
    assert client_for(world.a.member).get(reverse("conveners:profiles", kwargs={"org": org.slug})).status_code == 403


def test_convener_interview_over_limit_refused(world, client_for, org):
    url = reverse("conveners:profile", kwargs={"org": org.slug})
    response = client_for(world.a.convener).post(url, {"about": "x" * 3001})
    assert response.status_code == 200 and "at most 3000 characters" in response.content.decode()
