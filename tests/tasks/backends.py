"""Fake SMTP backends for outbox tests: each fails the way a real server does, or lets mail through."""

import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class AuthFailingBackend(BaseEmailBackend):
    """A server whose password was changed under us: every send is refused with SMTP 535."""

    def send_messages(self, messages):
        raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid")


class RefusingBackend(BaseEmailBackend):
    """Nothing listening on the port."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


class BusyBackend(BaseEmailBackend):
    """A server that keeps answering 451 (try again later). Records when each try came."""

    tries = []

    def send_messages(self, messages):
        BusyBackend.tries.append(time.monotonic())
        raise smtplib.SMTPResponseException(451, b"4.3.0 Mail server busy, try later")


class StrictHeadersBackend(LocmemBackend):
    """Renders each message as a real backend would (``BadHeaderError`` on a line break in a header)."""

    def send_messages(self, messages):
        for message in messages:
            message.message()
        return super().send_messages(messages)


class CountingBackend(LocmemBackend):
    """Lets mail through (into ``mail.outbox``) and counts the connections made to the server (each
    backend instance is one connection: ``EmailMessage.send()`` without one makes its own)."""

    opened = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        CountingBackend.opened += 1


class OneAddressRefusedBackend(CountingBackend):
    """The server refuses one address (``refused@example.org``) with 550; the others go through."""

    def send_messages(self, messages):
        for message in messages:
            if "refused@example.org" in message.to:
                raise smtplib.SMTPRecipientsRefused({"refused@example.org": (550, b"5.1.1 No such user")})
        return super().send_messages(messages)


class DroppingBackend(CountingBackend):
    """The connection drops after ``limit`` messages: every later send fails as a dropped connection."""

    limit = 2
    sent = 0

    def send_messages(self, messages):
        if DroppingBackend.sent >= DroppingBackend.limit:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        DroppingBackend.sent += len(messages)
        return super().send_messages(messages)
