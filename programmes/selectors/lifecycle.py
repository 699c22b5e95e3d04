"""Read-side queries of the lifecycle: the page's records and the signals, computed and never stored."""

from datetime import timedelta

from django.utils import timezone

from .. import rules
from ..models import CheckIn, PhaseMove

QUARTER_DAYS = 91


def timeline(*, community):
    """Every phase move of ``community``, newest first, with who moved it (one query)."""
    return list(PhaseMove.objects.filter(community=community).select_related("moved_by").order_by("-moved_at", "-id"))


def latest_checkin(*, community):
    return CheckIn.objects.filter(community=community).select_related("added_by").order_by("-date", "-id").first()


def _months_between(earlier, later):
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def signals(*, community, phase_key, now=None):
    """Signals for conveners and the host (issue 9, item 2): months since the last meeting held (None when
    the community has never met), new members in the last quarter, and the brochure's advice that fits.
    They inform; they never move a phase."""
    from communities.models import Meeting, Membership

    now = now or timezone.now()
    last = (Meeting.objects.filter(community=community, cancelled_at__isnull=True, starts_at__lte=now)
            .order_by("-starts_at").values_list("starts_at", flat=True).first())
    months = None if last is None else _months_between(timezone.localdate(last), timezone.localdate(now))
    new_members = Membership.objects.filter(community=community,
                                            joined_at__gte=now - timedelta(days=QUARTER_DAYS)).count()
    return {"months_since_meeting": months, "new_members_last_quarter": new_members,
            "advice": rules.phase_advice(phase_key, months_since_meeting=months,
                                         new_members_last_quarter=new_members)}
