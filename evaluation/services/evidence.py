"""Evidence of value for a community: added, edited and deleted by its conveners and core group, evaluators
and host staff (the views check who); files checked like the community library's."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from communities.services.library import check_upload
from cop_platform.audit import audit_record
from cop_platform.email import email_queue

from ._common import _check_cycles, _check_tenant, _clean_text
from .cycles import cycle_set_for_community


def _apply(evidence, *, kind, title, text, url, date, cycles, source, consent):
    from ..models import Consent, EvidenceKind, KnowledgeSource

    if kind not in EvidenceKind.values:
        raise ValidationError({"kind": "Choose what kind of evidence this is from the list."})
    if source not in KnowledgeSource.values:
        raise ValidationError({"source": "Choose where the knowledge came from from the list."})
    if consent not in Consent.values:
        raise ValidationError({"consent": "Choose how far it may be used from the list."})
    if date is None:
        raise ValidationError({"date": "Enter the date the evidence arose."})
    cycles = list(dict.fromkeys(cycles or []))
    if not cycles:
        raise ValidationError({"cycles": "Choose at least one value cycle the evidence shows."})
    _check_cycles(cycles, cycle_set_for_community(community=evidence.community))
    url = (url or "").strip()
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": "Enter a web address starting with https://"})
    if len(url) > 500:
        raise ValidationError({"url": "The web address must be at most 500 characters."})
    evidence.kind, evidence.date, evidence.cycles = kind, date, cycles
    evidence.source, evidence.consent, evidence.url = source, consent, url
    evidence.title = _clean_text(title, limit=200, field="title", required=True, label="The title")
    evidence.text = _clean_text(text, limit=10000, field="text", label="The description or quote")
    if kind == EvidenceKind.QUOTE and not evidence.text:
        raise ValidationError({"text": "Enter the quote."})
    if kind == EvidenceKind.LINK and not evidence.url:
        raise ValidationError({"url": "Enter the web address of the link."})


def _store(evidence, uploaded):
    ext, content_type = check_upload(uploaded)
    evidence.content_type, evidence.size = content_type, uploaded.size
    evidence.original_name = (uploaded.name or f"file{ext}")[-200:]
    evidence.file.save(evidence.original_name, uploaded, save=False)


KIND_EVIDENCE_NOTICE = "evaluation.evidence"


def _tell_who_added_it(*, organisation, evidence, by, event, what):
    """The person who added an item is told when someone else changes or deletes it (in the transaction)."""
    person = evidence.added_by
    if person is None or by is None or person.pk == by.pk or not person.email:
        return
    link = settings.SITE_URL + reverse("evaluation:evidence", kwargs={"org": organisation.slug,
                                                                      "slug": evidence.community.slug})
    body = (f"Hello {person.display_name},\n\n{by.display_name} {what} the evidence “{evidence.title}” you added "
            f"to {evidence.community.name}.\n\nThe community's evidence:\n{link}\n")
    email_queue(organisation=organisation, key=f"evidence:{evidence.pk}:{event.pk}", to=person.email,
                kind=KIND_EVIDENCE_NOTICE, subject=f"Evidence you added to {evidence.community.name} was {what}",
                body_text=body, triggered_by=by)


def _save(evidence, new_file):
    try:
        evidence.save()
    except Exception:
        if new_file:
            evidence.file.delete(save=False)
        raise


@transaction.atomic
def evidence_add(*, organisation, by, community, kind, title, date, cycles, text="", url="", uploaded=None,
                 source="generated", consent="community", programme=None):
    from ..models import Evidence

    _check_tenant(organisation, community, programme)
    evidence = Evidence(organisation=organisation, community=community, programme=programme, added_by=by)
    _apply(evidence, kind=kind, title=title, text=text, url=url, date=date, cycles=cycles, source=source,
           consent=consent)
    if uploaded is not None:
        _store(evidence, uploaded)
    _save(evidence, uploaded is not None)
    audit_record(organisation=organisation, actor=by, action="evaluation.evidence_added", target=evidence,
                 changes={"cycles": evidence.cycles, "consent": evidence.consent})
    return evidence


@transaction.atomic
def evidence_edit(*, organisation, by, evidence, kind, title, date, cycles, text="", url="", uploaded=None,
                  remove_file=False, source="generated", consent="community"):
    _check_tenant(organisation, evidence)
    old_file = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    _apply(evidence, kind=kind, title=title, text=text, url=url, date=date, cycles=cycles, source=source,
           consent=consent)
    if uploaded is not None:
        _store(evidence, uploaded)
    elif remove_file and old_file:
        evidence.file, evidence.original_name, evidence.content_type, evidence.size = "", "", "", 0
    _save(evidence, uploaded is not None)
    if old_file and evidence.file.name != old_file:
        transaction.on_commit(lambda: storage.delete(old_file))
    event = audit_record(organisation=organisation, actor=by, action="evaluation.evidence_changed", target=evidence,
                         changes={"cycles": evidence.cycles, "consent": evidence.consent})
    _tell_who_added_it(organisation=organisation, evidence=evidence, by=by, event=event, what="changed")
    return evidence


@transaction.atomic
def evidence_delete(*, organisation, by, evidence):
    _check_tenant(organisation, evidence)
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    event = audit_record(organisation=organisation, actor=by, action="evaluation.evidence_deleted", target=evidence)
    _tell_who_added_it(organisation=organisation, evidence=evidence, by=by, event=event, what="deleted")
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
