"""A person's e-mail settings (``/<org>/notifications/settings/``): the organisation-wide switches and,
for each community they belong to, how they hear of its activity."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from .. import services
from ._common import _posted


def notification_settings(request, org):
    from ..forms import NotificationPreferenceForm
    from ..models import Membership, NotificationPreference

    if request.tenant.member is None:
        raise Http404("You have no settings here.")
    preference = NotificationPreference.objects.filter(organisation=request.organisation, user=request.user).first()
    memberships = (Membership.objects.filter(organisation=request.organisation, user=request.user)
                   .select_related("community").order_by("community__name"))
    initial = {"meeting_emails": preference.meeting_emails if preference else True,
               "arrival_emails": preference.arrival_emails if preference else True,
               "notification_emails": preference.notification_emails if preference else True}
    form = NotificationPreferenceForm(_posted(request), initial=initial, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_update(organisation=request.organisation, by=request.user,
                                                 meeting_emails=form.cleaned_data["meeting_emails"],
                                                 arrival_emails=form.cleaned_data["arrival_emails"],
                                                 notification_emails=form.cleaned_data["notification_emails"],
                                                 community_modes=form.community_modes())
        messages.success(request, "Your notification settings are saved.")
        return redirect("community_host:notifications", org=request.organisation.slug)
    return render(request, "communities/notifications.html", {"form": form})
