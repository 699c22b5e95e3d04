"""Rate limits for e-mails a person can cause to be sent (confirmations, invitations, resends).

Decision (issue 8, "Mail abuse"): without a limit a member could make Convene send unlimited mail to any
address. Two limits, counted from the outbox's own rows of one kind in one organisation:
``CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR`` e-mails triggered by one person in the last hour, and
``CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY`` e-mails to one address in the last 24 hours.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from cop_platform.models import OutgoingEmail


def _plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _again_at(oldest, window, *, with_date=False):
    when = timezone.localtime(oldest + window)
    return f"{when:%H:%M} on {when.day} {when:%B}" if with_date else f"{when:%H:%M}"


def email_rate_check(*, organisation, by, to, kind, now=None):
    """Raise :class:`ValidationError` with a message a person can act on when sending one more e-mail of
    ``kind`` for ``by`` to ``to`` would pass a limit; return ``None`` otherwise. Call it in the service,
    before :func:`email_queue`, and pass ``triggered_by=by, kind=kind`` to the queue so the row counts."""
    now = now or timezone.now()
    rows = OutgoingEmail.objects.filter(organisation=organisation, kind=kind)
    per_person = int(getattr(settings, "CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR", 20))
    hour = timedelta(hours=1)
    if by is not None:
        mine = rows.filter(triggered_by=by, created_at__gt=now - hour).order_by("created_at")
        count = mine.count()
        if count >= per_person:
            oldest = mine.values_list("created_at", flat=True)[count - per_person]
            raise ValidationError(
                f"You have sent {_plural(count, 'e-mail')} like this in the last hour, the most allowed; "
                f"try again after {_again_at(oldest, hour)}.", code="email_rate_person")
    per_address = int(getattr(settings, "CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY", 5))
    day = timedelta(days=1)
    theirs = rows.filter(to__iexact=to.strip(), created_at__gt=now - day).order_by("created_at")
    count = theirs.count()
    if count >= per_address:
        oldest = theirs.values_list("created_at", flat=True)[count - per_address]
        raise ValidationError(
            f"{to.strip()} has been sent {_plural(count, 'e-mail')} like this in the last 24 hours, the most "
            f"allowed; try again after {_again_at(oldest, day, with_date=True)}.", code="email_rate_address")
