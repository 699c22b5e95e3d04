"""The check every service makes before it writes: the records it was given belong to the organisation it
acts in (django-scopes guards queries, not ``create()`` or forward foreign keys)."""

from django.core.exceptions import ValidationError


def same_tenant(organisation, *records):
    """Refuse, with a ``ValidationError``, any of ``records`` (``None`` is skipped) of another organisation."""
    for record in records:
        if record is not None and record.organisation_id != organisation.pk:
            raise ValidationError("That record belongs to another organisation.")
