"""Content composed at send time, the classification of SMTP outcomes, and the rate limits."""

import smtplib
import socket
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cop_platform.email import (
    ComposedEmail,
    EmailCancelled,
    SendErrorKind,
    classify_send_error,
    email_queue,
    email_rate_check,
    email_send_now,
    register_composer,
)
from cop_platform.email.queue import _COMPOSERS
from cop_platform.models import EmailStatus, OutgoingEmail
from tests.factories import OrganisationFactory, UserFactory

minted = []


def compose_confirmation(email):
    """Like the conveners' confirmation: a token minted when the mail is sent, never stored raw."""
    token = f"token-{len(minted) + 1}"
    minted.append(token)
    if email.ref_id == "withdrawn":
        raise EmailCancelled("The application was withdrawn.")
    return ComposedEmail(subject=f"Please confirm\r\nref {email.ref_id}",
                         body_text=f"Confirm here: https://convene.example.org/confirmations/{token}/",
                         attachments=(("note.txt", b"hello", "text/plain"),))


@pytest.fixture(autouse=True)
def composer():
    register_composer("tests.confirmation", compose_confirmation)
    minted.clear()
    yield
    _COMPOSERS.pop("tests.confirmation", None)


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="alpha", name="Alpha Network")


def test_a_composed_email_is_built_at_send_time_and_keeps_no_link_in_the_row(org, mailoutbox):
    with scope(organisation=org):
        email = email_queue(organisation=org, key="confirm:1", to="cory@example.org", composer="tests.confirmation",
                            ref_id=42, subject="Confirmation")
        assert minted == []  # nothing minted at queue time
        assert email_send_now(email.pk).outcome == "sent"
    assert minted == ["token-1"]
    assert "confirmations/token-1/" in mailoutbox[0].body
    assert mailoutbox[0].subject == "Please confirm ref 42"
    assert mailoutbox[0].attachments[0][0] == "note.txt"
    with scopes_disabled():
        stored = OutgoingEmail.objects.get(pk=email.pk)
    assert stored.status == EmailStatus.SENT
    assert "token" not in stored.body_text + stored.body_html + stored.subject


def test_a_composer_with_nothing_to_send_cancels_the_row(org, mailoutbox):
    with scope(organisation=org):
        email = email_queue(organisation=org, key="confirm:2", to="cory@example.org", composer="tests.confirmation",
                            ref_id="withdrawn")
        assert email_send_now(email.pk).outcome == "cancelled"
    assert mailoutbox == []
    with scopes_disabled():
        stored = OutgoingEmail.objects.get(pk=email.pk)
    assert stored.status == EmailStatus.CANCELLED and stored.failure_reason == "The application was withdrawn."


def test_queueing_names_an_unknown_composer_or_stores_content_with_one_is_refused(org):
    with scope(organisation=org):
        with pytest.raises(LookupError):
            email_queue(organisation=org, key="x", to="a@example.org", composer="tests.nobody")
        with pytest.raises(ValueError):
            email_queue(organisation=org, key="y", to="a@example.org", composer="tests.confirmation",
                        body_text="Confirm here: https://…")


# --- One classification of SMTP outcomes --------------------------------------------------------


@pytest.mark.parametrize("exc, kind, words", [
    (smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"), SendErrorKind.SERVER, "refused Convene's sign-in"),
    (ConnectionRefusedError(111, "Connection refused"), SendErrorKind.SERVER, "refused the connection"),
    (socket.gaierror(-2, "Name or service not known"), SendErrorKind.SERVER, "could not be found"),
    (smtplib.SMTPSenderRefused(553, b"not yours", "no-reply@example.org"), SendErrorKind.SERVER, "sender address"),
    (smtplib.SMTPResponseException(451, b"try later"), SendErrorKind.TRANSIENT, "SMTP 451"),
    (smtplib.SMTPServerDisconnected("gone"), SendErrorKind.TRANSIENT, "Temporary failure"),
    (TimeoutError(), SendErrorKind.TRANSIENT, "Temporary failure"),
    (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"greylisted")}), SendErrorKind.TRANSIENT, "for now"),
    (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), SendErrorKind.PERMANENT,
     "refused the address"),
    (smtplib.SMTPResponseException(554, b"spam"), SendErrorKind.PERMANENT, "refused the message (SMTP 554 spam)"),
    (BadHeaderError("Header values can't contain newlines"), SendErrorKind.PERMANENT, "could not be written"),
    (RuntimeError("boom"), SendErrorKind.TRANSIENT, "Unexpected error"),
])
def test_classify_send_error(exc, kind, words):
    error = classify_send_error(exc)
    assert error.kind is kind
    assert words in error.reason


# --- Rate limits on mail a person triggers -------------------------------------------------------


def _rows(org, n, *, by=None, to="someone@example.org", kind="tests.confirmation", ago=timedelta(minutes=10)):
    with scopes_disabled():
        for i in range(n):
            email = OutgoingEmail.objects.create(organisation=org, key=f"{kind}:{to}:{by}:{i}:{ago}", to=to,
                                                 subject="Confirm", body_text="x", kind=kind, triggered_by=by)
            OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - ago)


def check(org, by, to="new@example.org", kind="tests.confirmation"):
    with scope(organisation=org):
        email_rate_check(organisation=org, by=by, to=to, kind=kind)


def test_rate_limit_per_person_per_hour(org, settings):
    settings.CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR = 3
    person = UserFactory(email="member@example.org")
    _rows(org, 2, by=person, to="one@example.org")
    check(org, person)  # two sent: a third is fine
    _rows(org, 1, by=person, to="two@example.org", ago=timedelta(minutes=5))
    with pytest.raises(ValidationError) as raised:
        check(org, person)
    again = timezone.localtime(timezone.now() - timedelta(minutes=10) + timedelta(hours=1))
    assert raised.value.messages == [
        f"You have sent 3 e-mails like this in the last hour, the most allowed; try again after {again:%H:%M}."]


def test_rate_limit_per_person_forgets_the_older_hour_and_other_kinds_and_people(org, settings):
    settings.CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR = 2
    person, other = UserFactory(email="member@example.org"), UserFactory(email="other@example.org")
    _rows(org, 5, by=person, ago=timedelta(minutes=61), to="old@example.org")
    _rows(org, 5, by=person, kind="tests.other", to="other-kind@example.org")
    _rows(org, 5, by=other, to="others@example.org")
    check(org, person)


def test_rate_limit_per_address_per_day(org, settings):
    settings.CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = 2
    _rows(org, 1, by=UserFactory(email="a@example.org"), to="Target@Example.org", ago=timedelta(hours=20))
    _rows(org, 1, by=UserFactory(email="b@example.org"), to="target@example.org", ago=timedelta(hours=2))
    with pytest.raises(ValidationError) as raised:
        check(org, UserFactory(email="c@example.org"), to="target@example.org")
    assert raised.value.messages[0].startswith(
        "target@example.org has been sent 2 e-mails like this in the last 24 hours, the most allowed; try again after")
    _rows(org, 1, to="fresh@example.org", ago=timedelta(hours=25))
    check(org, None, to="fresh@example.org")


def test_rate_limits_count_only_the_organisations_own_rows(org, settings):
    settings.CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = 1
    other = OrganisationFactory(slug="beta", name="Beta Network")
    _rows(other, 3, to="target@example.org")
    check(org, None, to="target@example.org")
