"""One place that says what an error while sending means (the outbox and the invitation sender use it).

Three outcomes, because they call for three different responses:

- ``TRANSIENT``: this message may go through later (SMTP 4xx, a dropped connection, a time-out, an
  unexpected error): count the attempt, try again after a back-off, give up after a cap;
- ``PERMANENT``: this message will never go through (SMTP 5xx about the message or its address, a header
  that cannot be encoded): mark it failed with the reason;
- ``SERVER``: the mail server or our configuration is at fault, not the message (SMTP 535 authentication
  failure, connection refused, unknown host, STARTTLS unsupported, the sender address refused): the mail
  stays queued, its attempt is not counted against it, the next try is pushed back, and the fault is
  reported on ``/healthz`` and to organisation admins until a send succeeds.
"""

import enum
import smtplib
import socket
from dataclasses import dataclass

from django.core.mail import BadHeaderError


class SendErrorKind(enum.Enum):
    TRANSIENT = "transient"
    PERMANENT = "permanent"
    SERVER = "server"


@dataclass(frozen=True)
class SendError:
    kind: SendErrorKind
    reason: str  # for a person: shown to admins and stored on the row

    @property
    def is_server_fault(self):
        return self.kind is SendErrorKind.SERVER


def _smtp_text(exc):
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return " ".join(text.split())[:200]


def classify_send_error(exc):
    """What ``exc``, raised while sending one message, means. Returns a :class:`SendError`."""
    transient, permanent, server = SendErrorKind.TRANSIENT, SendErrorKind.PERMANENT, SendErrorKind.SERVER
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SendError(server, f"The mail server refused Convene's sign-in (SMTP {exc.smtp_code}): "
                                 "check the user name and password in EMAIL_URL.")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(server, f"The mail server does not support what Convene asked of it ({exc}): "
                                 "check the TLS settings in EMAIL_URL.")
    if isinstance(exc, (ConnectionRefusedError, socket.gaierror)):
        what = "refused the connection" if isinstance(exc, ConnectionRefusedError) else "could not be found"
        return SendError(server, f"The mail server {what}: check the host and port in EMAIL_URL.")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        if 400 <= exc.smtp_code < 500:
            return SendError(transient, f"Temporary failure: SMTP {exc.smtp_code} {_smtp_text(exc)}".strip())
        return SendError(server, f"The mail server refused the sender address {exc.sender} "
                                 f"(SMTP {exc.smtp_code}): check DEFAULT_FROM_EMAIL.")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        if codes and all(400 <= code < 500 for code in codes):
            return SendError(transient, f"Temporary failure: the address was refused for now (SMTP {codes[0]}).")
        return SendError(permanent, "The mail server refused the address.")
    if isinstance(exc, smtplib.SMTPConnectError):
        if 400 <= exc.smtp_code < 500:
            return SendError(transient, f"Temporary failure: SMTP {exc.smtp_code} on connecting.")
        return SendError(server, f"The mail server refused the connection (SMTP {exc.smtp_code}).")
    if isinstance(exc, smtplib.SMTPResponseException):
        if 400 <= exc.smtp_code < 500:
            return SendError(transient, f"Temporary failure: SMTP {exc.smtp_code} {_smtp_text(exc)}".strip())
        return SendError(permanent, f"The mail server refused the message (SMTP {exc.smtp_code} {_smtp_text(exc)})."
                         .replace(" ).", ")."))
    if isinstance(exc, (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError)):
        return SendError(transient, f"Temporary failure: {type(exc).__name__}")
    if isinstance(exc, (BadHeaderError, UnicodeError)):
        return SendError(permanent, f"The message could not be written ({type(exc).__name__}: {exc})"[:500])
    return SendError(transient, f"Unexpected error while sending ({type(exc).__name__}: {exc})"[:500])
