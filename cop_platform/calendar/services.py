"""A person's calendar feed URL: made, regenerated and turned off from their account page."""

from django.db import transaction
from django.urls import reverse

from cop_platform.tokens import absolute_link, token_pair


@transaction.atomic
def calendar_feed_issue(*, user):
    """A fresh feed URL for ``user`` (the secret in it is returned once and never stored): the old URL,
    if any, stops working."""
    from cop_platform.accounts.models import CalendarFeed

    token, digest = token_pair()
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": digest})
    return token


@transaction.atomic
def calendar_feed_revoke(*, user):
    """Turn ``user``'s feed off: its URL answers 404 from now on."""
    from cop_platform.accounts.models import CalendarFeed

    return CalendarFeed.objects.filter(user=user).delete()[0] > 0


def calendar_feed_has(*, user):
    from cop_platform.accounts.models import CalendarFeed

    return CalendarFeed.objects.filter(user=user).exists()


def feed_link(token):
    """The personal feed's absolute URL (a calendar subscribes to it from outside)."""
    return absolute_link(reverse("calendar_feed", kwargs={"token": token}))
