"""Services for support sessions and convener profiles."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record

from ..models import Decision
from ._common import _same_tenant


@transaction.atomic
def support_record(*, organisation, by, application, held_on, coach, topics, kind="coaching", sessions=1):
    """Record support given to a funded or supported convener (FAQ §8: unsuccessful applicants "will
    still receive administrative and coaching support"; decision 8)."""
    from ..models import SupportSession

    _same_tenant(organisation, application)
    if application.decision not in (Decision.FUNDED, Decision.SUPPORTED, Decision.RESERVE):
        raise ValidationError("Support is recorded for funded, supported or reserve conveners.")
    session = SupportSession(organisation=organisation, application=application, held_on=held_on, coach=coach,
                             topics=topics, kind=kind, sessions=sessions, recorded_by=by)
    session.full_clean(exclude=["organisation", "application", "recorded_by"])
    session.save()
    audit_record(organisation=organisation, actor=by, action="support.recorded", target=session,
                 summary=f"{application.domain}: {session}")
    return session


@transaction.atomic
def convener_profile_save(*, organisation, by, **answers):
    """Save ``by``'s own answers to the brochure's interview questions."""
    from ..models import ConvenerProfile

    profile, _ = ConvenerProfile.objects.get_or_create(organisation=organisation, user=by)
    for name, _label in ConvenerProfile.QUESTIONS:
        if name in answers:
            setattr(profile, name, (answers[name] or "").strip())
    profile.full_clean(exclude=["organisation", "user"])
    profile.save()
    return profile
