"""Writing e-mails into the outbox: plain rows, rows with attachments, rows composed at send time."""

import re
from dataclasses import dataclass, field

from cop_platform.models import OutgoingAttachment, OutgoingEmail

_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_COMPOSERS = {}
_OUTCOME_HOOKS = {}


def single_line(value, *, limit=250):
    """``value`` made safe for a header: line breaks collapsed to one space, control characters dropped,
    cut to ``limit`` characters. A title typed with a line break can never stop a mail being sent."""
    text = _CONTROL.sub("", _LINE_BREAKS.sub(" ", str(value or ""))).strip()
    return text[:limit]


@dataclass(frozen=True)
class ComposedEmail:
    """What a composer returns: the content of one e-mail, built when it is sent."""

    subject: str
    body_text: str
    body_html: str = ""
    attachments: tuple = field(default_factory=tuple)  # (filename, content, mimetype)
    headers: dict = field(default_factory=dict)  # extra headers (List-Unsubscribe), made single-line when sent


class EmailCancelled(Exception):
    """Raised by a composer when there is nothing to send any more (the confirmation was given, the
    meeting was deleted): the row ends "cancelled" with the message as its reason."""


def register_composer(name, fn, *, on_outcome=None):
    """Register ``fn(email) -> ComposedEmail`` under ``name`` ("app.kind"), from the app's ``ready()``.
    ``fn`` runs in the worker, inside the row's tenant scope, each time the row is sent.

    ``on_outcome(email, outcome)``, if given, runs after each attempt has been recorded on the row (same
    scope; ``email`` is the row as recorded, with its attempts and failure reason), so a record with a
    status of its own (an invitation) follows its e-mail; ``outcome`` is "sent", "retry", "deferred",
    "failed" or "cancelled"."""
    if name in _COMPOSERS and _COMPOSERS[name] is not fn:
        raise ValueError(f"A composer named {name!r} is already registered.")
    _COMPOSERS[name] = fn
    if on_outcome is not None:
        _OUTCOME_HOOKS[name] = on_outcome


def outcome_hook_for(name):
    return _OUTCOME_HOOKS.get(name)


def composer_for(name):
    try:
        return _COMPOSERS[name]
    except KeyError:
        raise LookupError(f"No e-mail composer registered as {name!r}.") from None


def email_queue(*, organisation, key, to, subject="", body_text="", body_html="", kind="", triggered_by=None,
                attachments=(), composer="", ref_id="", headers=None):
    """Queue one e-mail in ``organisation``'s outbox, idempotently by ``key``, and enqueue its sending
    after commit. Call it inside the transaction of the change that causes the mail.

    Either give the content (``subject``, ``body_text``, optional ``body_html`` and ``attachments`` as
    ``(filename, content, mimetype)``, and extra ``headers`` such as ``List-Unsubscribe``), or a registered
    ``composer`` and the ``ref_id`` it reads: then
    nothing but ``subject`` (a label for lists, optional) is stored, and the content is built at send
    time. Returns the row (the existing one if ``key`` was queued before)."""
    from cop_platform.tasks import enqueue_on_commit, send_outgoing_email

    if composer:
        composer_for(composer)  # fail now, in the request, rather than in the worker
        if body_text or body_html or attachments or headers:
            raise ValueError("An e-mail built by a composer stores no content of its own.")
    elif not body_text:
        raise ValueError("An e-mail needs a body_text or a composer.")
    email, created = OutgoingEmail.objects.get_or_create(
        organisation=organisation,
        key=key,
        defaults={
            "to": single_line(to, limit=254),
            "subject": single_line(subject),
            "body_text": body_text,
            "body_html": body_html,
            "headers": {single_line(k, limit=80): single_line(v, limit=900) for k, v in (headers or {}).items()},
            "kind": single_line(kind, limit=80),
            "triggered_by": triggered_by,
            "composer": composer,
            "ref_id": str(ref_id)[:64],
        },
    )
    if created:
        for filename, content, mimetype in attachments:
            OutgoingAttachment.objects.create(
                organisation=organisation, email=email, filename=single_line(filename, limit=200),
                mimetype=single_line(mimetype, limit=100),
                content=content.encode() if isinstance(content, str) else bytes(content),
            )
        enqueue_on_commit(send_outgoing_email, organisation.pk, email.pk)
    return email
