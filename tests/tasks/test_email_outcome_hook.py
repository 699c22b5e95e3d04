"""A composer's outcome hook: the record an e-mail belongs to (an invitation) hears what became of each
attempt, after the row has recorded it, and a failing hook never changes the row's outcome."""

import smtplib
from unittest import mock

import pytest
from django_scopes import scope

from cop_platform.email import ComposedEmail, email_queue, email_send_now, register_composer
from cop_platform.email.queue import _COMPOSERS, _OUTCOME_HOOKS
from cop_platform.models import EmailStatus
from tests.factories import OrganisationFactory

heard = []


def compose(email):
    return ComposedEmail(subject="Hello", body_text="Hello")


def hook(email, outcome):
    heard.append((outcome, email.status, email.attempts))
    if email.ref_id == "broken-hook":
        raise RuntimeError("the hook failed")


@pytest.fixture(autouse=True)
def composer():
    register_composer("tests.followed", compose, on_outcome=hook)
    heard.clear()
    yield
    _COMPOSERS.pop("tests.followed", None)
    _OUTCOME_HOOKS.pop("tests.followed", None)


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="alpha", name="Alpha Network")


def queue(org, ref_id="1"):
    return email_queue(organisation=org, key=f"followed:{ref_id}", to="a@example.org", composer="tests.followed",
                       ref_id=ref_id)


def test_the_hook_hears_each_attempt_as_the_row_recorded_it(org, settings, mailoutbox):
    settings.CONVENE_EMAIL_RETRY_SECONDS = 0
    with scope(organisation=org):
        email = queue(org)
        with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                        side_effect=smtplib.SMTPResponseException(451, b"try later")):
            assert email_send_now(email.pk).outcome == "retry"
        assert email_send_now(email.pk).outcome == "sent"
    assert heard == [("retry", EmailStatus.QUEUED, 1), ("sent", EmailStatus.SENT, 2)]


def test_a_failing_hook_does_not_change_the_outcome(org, mailoutbox):
    with scope(organisation=org):
        email = queue(org, ref_id="broken-hook")
        assert email_send_now(email.pk).outcome == "sent"
    assert heard == [("sent", EmailStatus.SENT, 1)] and len(mailoutbox) == 1
