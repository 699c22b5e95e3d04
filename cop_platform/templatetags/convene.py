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
