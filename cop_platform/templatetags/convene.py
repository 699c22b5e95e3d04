from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with ``page`` set to ``number`` (other filters kept, encoded)."""
    request = context["request"]
    query = request.GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def elided_page_range(page):
    """Page numbers around the current one, with ellipses (``Paginator.ELLIPSIS``) for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def audit_action(action):
    """An audit action code in words ("join_request.approved" → "Join request approved")."""
    from cop_platform.audit import action_label

    return action_label(action)


@register.simple_tag
def audit_action_choices(current=""):
    """``(code, words)`` for the audit trail's action filter, by words; the current filter is kept even when
    it is not a listed action (an older bookmark filtering by a prefix such as ``meeting.``)."""
    from cop_platform.audit import ACTION_LABELS, action_label

    choices = sorted(ACTION_LABELS.items(), key=lambda item: item[1])
    if current and current not in ACTION_LABELS:
        choices.insert(0, (current, action_label(current)))
    return choices


@register.simple_tag(takes_context=True)
def keyset_url(context, direction, cursor):
    """The current URL's query string asking for the page ``direction`` ("newer" or "older") of ``cursor``,
    other filters kept and encoded."""
    from cop_platform.pagination import NEWER, OLDER

    query = context["request"].GET.copy()
    for name in (NEWER, OLDER, "page"):
        query.pop(name, None)
    query[direction] = cursor
    return "?" + query.urlencode()
