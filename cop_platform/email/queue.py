"""Writing e-mails into the outbox: plain rows, rows with attachments, rows composed at send time."""

import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

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

    _check_content(composer=composer, body_text=body_text, body_html=body_html, attachments=attachments,
                   headers=headers)
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
        OutgoingAttachment.objects.bulk_create(_attachments(organisation, email, attachments))
        enqueue_on_commit(send_outgoing_email, organisation.pk, email.pk)
    return email


def _attachments(organisation, email, attachments):
    return [OutgoingAttachment(organisation=organisation, email=email, filename=single_line(filename, limit=200),
                               mimetype=single_line(mimetype, limit=100),
                               content=content.encode() if isinstance(content, str) else bytes(content))
            for filename, content, mimetype in attachments]


def _check_content(*, composer="", body_text="", body_html="", attachments=(), headers=None, **_):
    if composer:
        composer_for(composer)  # fail now, in the request, rather than in the worker
        if body_text or body_html or attachments or headers:
            raise ValueError("An e-mail built by a composer stores no content of its own.")
    elif not body_text:
        raise ValueError("An e-mail needs a body_text or a composer.")


def _row(organisation, *, key, to, subject="", body_text="", body_html="", kind="", triggered_by=None,
         composer="", ref_id="", headers=None, attachments=()):
    return OutgoingEmail(
        organisation=organisation, key=key, to=single_line(to, limit=254), subject=single_line(subject),
        body_text=body_text, body_html=body_html,
        headers={single_line(k, limit=80): single_line(v, limit=900) for k, v in (headers or {}).items()},
        kind=single_line(kind, limit=80), triggered_by=triggered_by, composer=composer, ref_id=str(ref_id)[:64])


def email_queue_many(*, organisation, emails):
    """Queue many e-mails in ``organisation``'s outbox in one go: ``emails`` is a list of dicts with the
    keyword arguments of :func:`email_queue` (``key``, ``to``, ``subject``, ``composer``, ``ref_id`` …),
    under the same rules. The rows are written with one ``bulk_create`` and sent after commit by one task
    per batch of :data:`~cop_platform.email.background.BATCH_SIZE` (not one task per e-mail). A key queued
    before returns the first row and sends nothing. Returns the rows, in the order of ``emails``."""
    from .background import email_batches_send_on_commit

    for spec in emails:
        _check_content(**spec)
    keys = [spec["key"] for spec in emails]
    existing = {e.key: e for e in OutgoingEmail.objects.filter(organisation=organisation, key__in=keys)}
    fresh, seen = [], set(existing)
    for spec in emails:
        if spec["key"] not in seen:
            seen.add(spec["key"])
            fresh.append(spec)
    try:
        with transaction.atomic():
            created = OutgoingEmail.objects.bulk_create([_row(organisation, **spec) for spec in fresh])
    except IntegrityError:  # a key queued at the same moment by someone else: one at a time, idempotently
        return [email_queue(organisation=organisation, **spec) for spec in emails]
    if created and not all(e.pk for e in created):  # a database that returns no ids from bulk_create
        created = list(OutgoingEmail.objects.filter(organisation=organisation, key__in=[s["key"] for s in fresh]))
    by_key = {**existing, **{e.key: e for e in created}}
    OutgoingAttachment.objects.bulk_create([
        attachment for spec in fresh if spec.get("attachments")
        for attachment in _attachments(organisation, by_key[spec["key"]], spec["attachments"])])
    email_batches_send_on_commit(organisation.pk, [by_key[spec["key"]].pk for spec in fresh])
    return [by_key[key] for key in keys]
