"""The audit trail: one function writes it."""

from cop_platform.models import AuditEvent


def audit_record(*, organisation, actor, action, target=None, summary="", changes=None):
    """Record that ``actor`` did ``action`` (a dotted name such as ``application.submitted``) to
    ``target`` in ``organisation``. ``changes`` is a small JSON-able dict (e.g. ``{"status": ["draft",
    "submitted"]}``); keep personal data out of it beyond what the record needs."""
    if target is not None and getattr(target, "organisation_id", organisation.pk) != organisation.pk:
        raise ValueError("The audited record belongs to another organisation.")
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:250] if target is not None else "",
        summary=summary[:500],
        changes=changes or {},
    )
