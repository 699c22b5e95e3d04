"""The inbox (``/<org>/notifications/``) and the one-click unsubscribe page (``/unsubscribe/<token>/``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_scopes import scope

from cop_platform.pagination import paginate

from . import services
from .links import safe_path, unsubscribe_read
from .selectors import inbox_for

MAX_QUERY = 100


def inbox(request, org):
    """A person's own notifications here, newest first: searchable, unread only on request, paginated."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    unread_only = request.GET.get("show") == "unread"
    rows = inbox_for(organisation=request.organisation, user=request.user, query=query, unread_only=unread_only)
    page = paginate(request, rows, per_page=25)
    for row in page:
        row.safe_url = safe_path(row.url)
    return render(request, "core/notifications.html", {
        "page": page, "query": query, "show": "unread" if unread_only else "",
        "query_string": f"q={query}&show={'unread' if unread_only else ''}",
    })


def _back(request):
    """Back to the inbox page the person came from (a path inside it only)."""
    from django.urls import reverse

    inbox_path = reverse("notifications_inbox", kwargs={"org": request.organisation.slug})
    back = safe_path(request.POST.get("next", ""))
    return redirect(back if back.startswith(inbox_path) else inbox_path)


@require_POST
def mark_read(request, org, notification_id):
    services.notification_mark_read(organisation=request.organisation, by=request.user,
                                    notification_id=notification_id)
    return _back(request)


@require_POST
def mark_all_read(request, org):
    count = services.notifications_mark_all_read(organisation=request.organisation, by=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return _back(request)


@csrf_exempt  # the signed token is the authority; mail clients POST it with no session (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a confirm button. POST (the button, or a mail client's one-click): that community's e-mail,
    or all of the person's non-essential e-mail in that organisation, is turned off. No sign-in needed;
    an altered token is refused. Essential e-mail (invitations, decisions) still goes."""
    from cop_platform.accounts.models import User
    from cop_platform.tenancy.models import Organisation

    from . import unsubscribe_handler

    read = unsubscribe_read(token)
    organisation = user = None
    if read is not None:
        organisation = Organisation.objects.filter(pk=read[0]).first()
        user = User.objects.filter(pk=read[1]).first()
    if organisation is None or user is None:
        raise Http404("This unsubscribe link is not valid.")
    community_id = read[2]
    with scope(organisation=organisation):
        if request.method == "POST":
            handler = unsubscribe_handler()
            if handler is None:
                raise Http404("Nothing to unsubscribe from.")
            handler(organisation=organisation, user=user, community_id=community_id)
        return render(request, "core/unsubscribe.html", {
            "unsubscribe_organisation": organisation, "whole": community_id is None,
            "done": request.method == "POST"})
