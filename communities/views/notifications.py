"""A person's e-mail settings."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from .. import services
from ._common import _posted


def notification_settings(request, org):
    from ..forms import NotificationPreferenceForm
    from ..models import NotificationPreference

    if request.tenant.member is None:
        raise Http404("You have no settings here.")
    preference = NotificationPreference.objects.filter(organisation=request.organisation, user=request.user).first()
    initial = {"meeting_emails": preference.meeting_emails if preference else True,
               "arrival_emails": preference.arrival_emails if preference else True}
    form = NotificationPreferenceForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_update(organisation=request.organisation, by=request.user,
                                                 meeting_emails=form.cleaned_data["meeting_emails"],
                                                 arrival_emails=form.cleaned_data["arrival_emails"])
        messages.success(request, "Your notification settings are saved.")
        return redirect("community_host:notifications", org=request.organisation.slug)
    return render(request, "communities/notifications.html", {"form": form})
