"""A call's terms hold at every step: refused when impossible, locked once open, opened early only on
purpose (now, or scheduled), closed early only after a confirmation; the database holds what it can."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conveners import services
from conveners.models import Call, CallStatus, Criterion, HonorariumPayment, Lead, PaymentStatus
from tests.conveners.builders import make_application, make_call
from tests.factories import UserFactory


def _url(name, call=None, **kw):
    kwargs = {"org": (call.organisation.slug if call else kw.pop("org"))}
    if call is not None:
        kwargs["call"] = call.slug
    return reverse(f"conveners:{name}", kwargs={**kwargs, **kw})


def _call_form(**overrides):
    now = timezone.localtime()
    data = {"title": "Spring conveners", "opens_at": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "outcome_by": (now + timedelta(days=40)).date().isoformat(), "funded_places": "5",
            "honorarium_pounds": "5000", "max_leads": "2", "max_awards_per_person": "1",
            "ineligible_share": "redistribute", "reviewers_per_application": "2"}
    data.update(overrides)
    return data


# --- 4. impossible terms are refused, by the form, with the reason by the field ------------------------

@pytest.mark.parametrize("field,value,message", [
    ("funded_places", "0", "A call funds at least one place."),
    ("max_leads", "0", "An application names at least one person, its lead."),
    ("reviewers_per_application", "0", "Each application needs at least one reviewer."),
    ("max_awards_per_person", "0", "A person may be funded in at least one domain."),
])
def test_call_with_zero_places_or_people_is_refused_by_the_form(world, client_for, field, value, message):
    org = world.a.organisation
    response = client_for(world.a.project_manager).post(_url("call_create", org=org.slug), _call_form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    with scopes_disabled():
        assert not Call.objects.filter(organisation=org, title="Spring conveners").exists()


def test_call_closing_before_it_opens_is_refused_and_the_typed_text_kept(world, client_for):
    org = world.a.organisation
    opens = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(world.a.project_manager).post(
        _url("call_create", org=org.slug),
        _call_form(closes_at=opens, opens_at=opens, title="<script>alert(1)</script>" + "x" * 50))
    page = response.content.decode()
    assert "The call must close after it opens." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_service_refuses_zero_places_whatever_the_form(world, org, scoped):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.call_create(organisation=org, by=world.a.project_manager, title="Zero", opens_at=now,
                             closes_at=now + timedelta(days=3), outcome_by=(now + timedelta(days=9)).date(),
                             funded_places=0, max_leads=0)
    assert exc.value.message_dict["funded_places"] == ["A call funds at least one place."]
    assert "max_leads" in exc.value.message_dict


def test_money_terms_and_share_policy_are_locked_once_open(world, org, scoped):
    call = make_call(org, slug="locked")
    for field, value in (("honorarium_pence", 100), ("funded_places", 9), ("ineligible_share", "withhold")):
        with pytest.raises(ValidationError) as exc:
            services.call_update(organisation=org, by=world.a.project_manager, call=call, **{field: value})
        assert field in exc.value.message_dict
    call.refresh_from_db()
    assert (call.honorarium_pence, call.funded_places, call.ineligible_share) == (500000, 5, "redistribute")
    services.call_update(organisation=org, by=world.a.project_manager, call=call, title="Renamed")
    call.refresh_from_db()
    assert call.title == "Renamed"


def test_edit_form_shows_locked_terms_read_only_with_why_and_ignores_tampering(world, client_for, org):
    call = make_call(org, slug="locked-form")
    client = client_for(world.a.project_manager)
    page = client.get(_url("call_edit", call)).content.decode()
    assert page.count("Fixed: the call has opened") == 3
    assert re.search(r'name="honorarium_pounds" value="5000"[^>]*disabled', page)
    assert f'name="outcome_by" value="{call.outcome_by.isoformat()}"' in page  # ISO, or the browser shows it empty
    response = client.post(_url("call_edit", call), _call_form(
        title="Still open", honorarium_pounds="1", funded_places="9", ineligible_share="withhold",
        opens_at=timezone.localtime(call.opens_at).strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 302
    with scopes_disabled():
        call.refresh_from_db()
    assert (call.title, call.honorarium_pence, call.funded_places) == ("Still open", 500000, 5)


def test_draft_call_terms_can_still_change(world, org, scoped):
    call = make_call(org, slug="draft-terms", status=CallStatus.DRAFT)
    services.call_update(organisation=org, by=world.a.project_manager, call=call, honorarium_pence=300000)
    call.refresh_from_db()
    assert call.honorarium_pence == 300000


# --- 3. opening early: now (after a confirmation) or scheduled ----------------------------------------

def _future_draft(org):
    now = timezone.now()
    return make_call(org, slug="future", status=CallStatus.DRAFT, opens_at=now + timedelta(days=3),
                     closes_at=now + timedelta(days=30))


def test_opening_before_the_opening_time_asks_first_and_changes_nothing(world, client_for, org):
    call = _future_draft(org)
    response = client_for(world.a.project_manager).post(_url("call_status", call), {"status": "open"})
    assert response.status_code == 200
    assert 'data-testid="open-early"' in response.content.decode()
    with scopes_disabled():
        assert Call.objects.get(pk=call.pk).status == CallStatus.DRAFT


def test_scheduled_call_shows_opens_on_and_refuses_applications_until_then(world, client_for, org):
    call = _future_draft(org)
    client_for(world.a.project_manager).post(_url("call_status", call), {"status": "open", "when": "scheduled"})
    with scopes_disabled():
        call.refresh_from_db()
    assert call.status == CallStatus.OPEN and call.scheduled
    member = client_for(world.a.member)
    opens = f"Opens on {timezone.localtime(call.opens_at):%-d %B %Y, %H:%M}"
    assert opens in member.get(_url("call", call)).content.decode()
    assert opens in member.get(_url("calls", org=org.slug)).content.decode()
    home = member.get(reverse("tenant_home", kwargs={"org": org.slug})).content.decode()
    assert 'data-testid="open-calls"' not in home
    page = member.get(_url("call", call)).content.decode()
    assert "Start an application" not in page
    refused = member.get(_url("apply", call), follow=True).content.decode()
    assert "not open for applications yet: it opens on" in refused
    with scopes_disabled():
        Call.objects.filter(pk=call.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    assert "Start an application" in member.get(_url("call", call)).content.decode()  # opens by itself


def test_opening_now_moves_the_opening_time_to_now(world, client_for, org):
    call = _future_draft(org)
    before = timezone.now()
    client_for(world.a.project_manager).post(_url("call_status", call), {"status": "open", "when": "now"})
    with scopes_disabled():
        call.refresh_from_db()
    assert call.status == CallStatus.OPEN and before <= call.opens_at <= timezone.now()
    assert "Start an application" in client_for(world.a.member).get(_url("call", call)).content.decode()


# --- 5. closing before the deadline is confirmed, saying what will happen -----------------------------

def test_closing_before_the_deadline_asks_first_and_says_what_happens(world, client_for, org):
    call = make_call(org, slug="close-early")
    make_application(call, UserFactory())
    client = client_for(world.a.project_manager)
    response = client.post(_url("call_status", call), {"status": "closed"})
    page = response.content.decode()
    assert 'data-testid="close-early"' in page and "1 submitted application goes forward to review" in page
    with scopes_disabled():
        assert Call.objects.get(pk=call.pk).status == CallStatus.OPEN
    client.post(_url("call_status", call), {"status": "closed", "confirm": "yes"})
    with scopes_disabled():
        assert Call.objects.get(pk=call.pk).status == CallStatus.CLOSED


def test_closing_after_the_deadline_needs_no_confirmation(world, client_for, org):
    now = timezone.now()
    call = make_call(org, slug="past", opens_at=now - timedelta(days=9), closes_at=now - timedelta(hours=1))
    assert client_for(world.a.project_manager).post(_url("call_status", call), {"status": "closed"}).status_code == 302
    with scopes_disabled():
        assert Call.objects.get(pk=call.pk).status == CallStatus.CLOSED


# --- 8. what the database holds ----------------------------------------------------------------------

def test_database_refuses_a_call_closing_before_it_opens(world, org):
    now = timezone.now()
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.create(organisation=org, title="Bad", slug="bad", opens_at=now, closes_at=now,
                            outcome_by=now.date())


@pytest.mark.parametrize("field", ["scale_max", "weight"])
def test_database_refuses_a_criterion_scale_or_weight_below_1(world, org, field):
    call = make_call(org, slug="weights")
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.create(organisation=org, call=call, name="Zero", **{field: 0})


def test_criterion_form_and_service_say_it_before_the_database(world, client_for, org, scoped):
    call = make_call(org, slug="crit", status=CallStatus.DRAFT)
    with pytest.raises(ValidationError) as exc:
        services.criterion_add(organisation=org, by=world.a.project_manager, call=call, name="X", weight=0)
    assert exc.value.message_dict["weight"] == ["The weight must be at least 1."]


def test_database_refuses_two_leads_on_one_application(world, org):
    application = make_application(make_call(org, slug="leads"), UserFactory())
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Lead.objects.create(organisation=org, application=application, is_lead=True, name="Second",
                            email="second@people.example.org", employer="T", sector="nhs")


def _payment(org):
    application = make_application(make_call(org, slug="pay"), UserFactory())
    with scopes_disabled():
        return HonorariumPayment.objects.create(organisation=org, call=application.call, application=application,
                                                lead=application.leads.get(), payee="Ada", amount_pence=100)


def test_database_refuses_a_paid_payment_without_date_or_reference(world, org):
    payment = _payment(org)
    with scopes_disabled():
        for fields in ({"paid_at": None, "reference": "REF-1"}, {"paid_at": timezone.now(), "reference": ""}):
            with pytest.raises(IntegrityError), transaction.atomic():
                HonorariumPayment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PAID, **fields)
        HonorariumPayment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PAID, paid_at=timezone.now(),
                                                               reference="REF-1")


def test_a_payment_protects_its_application_and_call(world, org):
    from django.db.models import ProtectedError

    payment = _payment(org)
    with scopes_disabled():
        with pytest.raises(ProtectedError), transaction.atomic():
            payment.application.delete()
        with pytest.raises(ProtectedError), transaction.atomic():
            payment.call.delete()
        assert HonorariumPayment.objects.filter(pk=payment.pk).exists()


def test_an_open_call_past_its_deadline_does_not_read_as_open(world, client_for, org):
    now = timezone.now()
    call = make_call(org, slug="overdue", opens_at=now - timedelta(days=9), closes_at=now - timedelta(hours=1))
    page = client_for(world.a.member).get(_url("call", call)).content.decode()
    assert "Deadline passed" in page and "Start an application" not in page


def test_call_terms_errors_name_the_field_each_message_is_about():
    now = timezone.now()
    errors = services.call_terms_errors({"funded_places": 0, "max_leads": 2, "honorarium_pence": -1,
                                         "opens_at": now, "closes_at": now - timedelta(days=1),
                                         "outcome_by": now.date()})
    assert errors == {"funded_places": ["A call funds at least one place."],
                      "honorarium_pence": ["The honorarium cannot be negative."],
                      "closes_at": ["The call must close after it opens."]}
    assert services.call_terms_errors({"funded_places": 1, "max_leads": 1, "honorarium_pence": 0}) == {}
