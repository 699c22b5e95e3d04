"""The community's learning journal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import permissions, services
from ._common import _ctx, _posted, community_page


@community_page(members_only=True)
def journal(request, *, community, membership):
    from urllib.parse import urlencode

    from django.db.models import Q

    from ..forms import JournalEntryForm
    from ..models import JournalEntry

    form = JournalEntryForm(_posted(request), initial={"entry_date": timezone.localdate().isoformat()})
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied("Only members write in the learning journal.")
        if form.is_valid():
            try:
                services.journal_entry_add(organisation=request.organisation, by=request.user, community=community,
                                           **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Your entry is in the learning journal.")
                return redirect("communities:journal", org=request.organisation.slug, slug=community.slug)
    query = request.GET.get("q", "").strip()[:200]
    entries = JournalEntry.objects.filter(community=community).select_related("author")
    if query:
        entries = entries.filter(Q(title__icontains=query) | Q(learnt__icontains=query)
                                 | Q(author__first_name__icontains=query) | Q(author__last_name__icontains=query))
    page = paginate(request, entries.order_by("-entry_date", "-pk"))
    for entry in page:  # offer edit and delete only to those who may (communities.rules.may_edit_contribution)
        entry.may_edit = permissions.can_edit_contribution(request.tenant, membership, author_ids={entry.author_id},
                                                           user=request.user)
    return render(request, "communities/journal.html", _ctx(request, page=page, form=form, query=query,
                                                             query_string=urlencode({"q": query})))
