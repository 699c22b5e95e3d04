from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page=None):
    """One page of ``queryset``; a missing, malformed or out-of-range page number gives the nearest
    real page rather than an error."""
    paginator = Paginator(queryset, per_page or settings.PAGINATE_BY)
    return paginator.get_page(request.GET.get("page"))
