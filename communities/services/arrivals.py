"""Telling the conveners when someone asks to join their community or accepts an invitation (issue 8 §4:
"Conveners are told (e-mail, and a list on their dashboard) when someone asks to join or accepts")."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from cop_platform.email import email_queue
from cop_platform.notifications import notify
from cop_platform.notifications.links import unsubscribe_headers, unsubscribe_link

from ..models import CONVENING_ROLES, EmailMode, Membership, NotificationPreference

KIND_ARRIVAL = "communities.arrival"


def conveners_tell_arrival(*, organisation, community, person, key, subject, lines, link, kind):
    """Tell each convener and co-convener of ``community`` (not ``person`` themselves): a notification in
    their inbox (``kind``), and one e-mail, unless they turned these e-mails off (the arrival switch, or
    "none" for this community). The e-mail is this one, with the full message: the notification is written
    with ``email_mode="none"`` so nobody gets two. Call it in the transaction of the change; ``key`` names
    the event, so a repeat sends nothing."""
    conveners = list(Membership.objects.filter(community=community, role__in=CONVENING_ROLES)
                     .exclude(user=person).select_related("user"))
    path = link.removeprefix(settings.SITE_URL)
    notify(organisation=organisation, recipients=[m.user for m in conveners], kind=kind, text=subject, url=path,
           actor=person, community_id=community.pk, email_mode="none")
    opted_out = set(NotificationPreference.objects.filter(
        organisation=organisation, user_id__in=[m.user_id for m in conveners],
    ).filter(Q(arrival_emails=False) | Q(notification_emails=False)).values_list("user_id", flat=True))
    for membership in conveners:
        if membership.user_id in opted_out or membership.email_mode == EmailMode.NONE:
            continue
        settings_link = settings.SITE_URL + reverse("community_host:notifications", kwargs={"org": organisation.slug})
        way_out = unsubscribe_link(organisation_id=organisation.pk, user_id=membership.user_id)
        body = "\n\n".join([f"Hello {membership.user.display_name},", *lines, link,
                            f"You can turn these e-mails off in your notification settings: {settings_link}",
                            f"Or stop e-mails about meetings and activity here with one click: {way_out}"])
        email_queue(organisation=organisation, key=f"{key}:to:{membership.user_id}", to=membership.user.email,
                    kind=KIND_ARRIVAL, subject=subject, body_text=body + "\n",
                    headers=unsubscribe_headers(way_out))


def arrival_join_request(*, organisation, join_request):
    community = join_request.community
    person = join_request.user
    lines = [f"{person.display_name} ({person.email}) has asked to join {community.name}."]
    if join_request.message:
        lines.append(f"Their message:\n{join_request.message}")
    lines.append("Approve or decline the request on the invitations page:")
    link = settings.SITE_URL + reverse("communities:invitations",
                                       kwargs={"org": organisation.slug, "slug": community.slug})
    conveners_tell_arrival(organisation=organisation, community=community, person=person,
                           key=f"join-request:{join_request.pk}:asked", link=link, kind="communities.join_request",
                           subject=f"{person.display_name} asked to join {community.name}", lines=lines)


def arrival_invitation_accepted(*, organisation, invitation, person, membership):
    community = invitation.community
    where = f", {membership.employer}" if membership.employer else ""
    joined = (f"{person.display_name}{where} accepted the invitation to {community.name} and is now a "
              f"{membership.get_role_display().lower()}.")
    lines = [joined, "See the members of the community:"]
    link = settings.SITE_URL + reverse("communities:members", kwargs={"org": organisation.slug, "slug": community.slug})
    conveners_tell_arrival(organisation=organisation, community=community, person=person,
                           key=f"invitation:{invitation.pk}:accepted", link=link, kind="communities.arrival",
                           subject=f"{person.display_name} joined {community.name}", lines=lines)
