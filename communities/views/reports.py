"""The state of play across communities, for staff, as a page and a CSV file."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from cop_platform.pagination import paginate
from cop_platform.permissions import require_role
from cop_platform.tenancy.models import Role

from .. import selectors

STATE_OF_PLAY_ROLES = (Role.ADMIN, Role.PROJECT_MANAGER, Role.EVALUATOR)  # evaluators read it (no actions)


def _state_of_play_rows(request):
    from ..models import CommunityStatus

    sort = request.GET.get("sort", "name")
    if sort not in selectors.STATE_OF_PLAY_SORTS:
        sort = "name"
    status = request.GET.get("status", "")
    if status not in CommunityStatus.values:
        status = ""
    from programmes.rules import PHASE_BY_KEY

    phase = request.GET.get("phase", "")
    if phase not in PHASE_BY_KEY:
        phase = ""
    query = request.GET.get("q", "").strip()[:200]
    rows = selectors.state_of_play(organisation=request.organisation, query=query, status=status, sort=sort,
                                   phase=phase)
    return rows, {"sort": sort, "status": status, "query": query, "phase": phase}


@require_role(*STATE_OF_PLAY_ROLES)
def state_of_play(request, org):
    from urllib.parse import urlencode

    from programmes.rules import PHASE_CHOICES, QUIET_MONTHS

    from ..models import CommunityStatus

    rows, filters = _state_of_play_rows(request)
    page = paginate(request, rows, per_page=50)
    quiet_before = timezone.now() - timedelta(days=round(QUIET_MONTHS * 30.4))
    for row in page:
        row.quiet = row.last_meeting is None or row.last_meeting < quiet_before
    columns = [("name", "Community"), ("status", "Status"), ("phase", "Phase"), ("members", "Members"),
               ("last", "Last meeting"), ("next", "Next meeting")]
    headers = []
    for key, label in columns:
        current = filters["sort"].lstrip("-") == key
        descending = filters["sort"].startswith("-")
        next_sort = f"-{key}" if current and not descending else key
        headers.append({"key": key, "label": label, "current": current, "descending": descending,
                        "href": "?" + urlencode({"q": filters["query"], "status": filters["status"],
                                                 "phase": filters["phase"], "sort": next_sort})})
    return render(request, "communities/state_of_play.html", {
        "page": page, "headers": headers, "statuses": CommunityStatus.choices, "phases": PHASE_CHOICES, **filters,
        "query_string": urlencode({"q": filters["query"], "status": filters["status"], "phase": filters["phase"],
                                   "sort": filters["sort"]}),
    })


@require_role(*STATE_OF_PLAY_ROLES)
def state_of_play_csv(request, org):
    """The state of play as CSV (the Co-Creation Network's table), every cell safe against formula injection."""
    import csv

    from django.http import HttpResponse

    rows, _ = _state_of_play_rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.organisation.slug}-state-of-play.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response)
    from programmes.rules import phase

    # Phase goes last so the columns others read by position keep their place.
    writer.writerow(["Community", "Conveners", "Core group", "Members", "Status", "Last meeting",
                     "Next meeting", "Next steps", "Phase"])
    from cop_platform.exports import csv_safe as safe
    for c in rows:
        conveners = "; ".join(m.user.display_name for m in c.running_memberships if m.is_convening)
        core = "; ".join(m.user.display_name for m in c.running_memberships if not m.is_convening)
        steps = "; ".join(f"{a.title} ({a.month:%b %Y})" for a in c.open_actions)
        writer.writerow([safe(c.name), safe(conveners), safe(core), c.member_total, c.get_status_display(),
                         f"{timezone.localtime(c.last_meeting):%Y-%m-%d}" if c.last_meeting else "",
                         f"{timezone.localtime(c.next_meeting):%Y-%m-%d}" if c.next_meeting else "",
                         safe(steps), f"{phase(c.phase).number}. {phase(c.phase).name}"])
    return response
