"""A convener's list of invitations answers at once: the rows are written, the sending happens after the
request (in the embedded default, in a local thread), and the invitations page shows how far it has got."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from communities import services
from communities.models import Invitation, InvitationStatus
from cop_platform.email import background_sends_wait
from cop_platform.models import EmailStatus, OutgoingEmail


def url(tenant, name="invitations"):
    return reverse(f"communities:{name}", kwargs={"org": tenant.organisation.slug, "slug": tenant.community.slug})


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def addresses(n):
    return "\n".join(f"guest{i}@example.org" for i in range(n))


def invitation_statuses():
    with scopes_disabled():
        return sorted(set(Invitation.objects.values_list("status", flat=True)))


@pytest.mark.django_db
def test_in_the_embedded_default_the_post_answers_with_every_row_queued_and_sends_nothing_itself(
        world, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.CONVENE_EMAIL_SEND_IN_THREAD = True  # as with no broker outside the tests
    with mock.patch("cop_platform.email.background._start") as start, \
            django_capture_on_commit_callbacks(execute=True):
        response = signed_in(world.a.convener).post(url(world.a, "invite"), {
            "addresses": addresses(150), "role": "member", "message": "Join us"})
    assert response.status_code == 302
    assert mailoutbox == [] and invitation_statuses() == [InvitationStatus.QUEUED]
    with scopes_disabled():
        queued = set(OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).values_list("pk", flat=True))
    ((organisation_id, chunks), _), = start.call_args_list  # one thread for the whole list, after commit
    assert organisation_id == world.a.organisation.pk and [len(c) for c in chunks] == [100, 50]
    assert {pk for chunk in chunks for pk in chunk} == queued and len(queued) == 150


@pytest.mark.django_db(transaction=True)
def test_in_the_embedded_default_a_local_thread_sends_every_invitation_after_the_request(world, settings,
                                                                                         mailoutbox):
    settings.CONVENE_EMAIL_SEND_IN_THREAD = True
    response = signed_in(world.a.convener).post(url(world.a, "invite"), {
        "addresses": addresses(120), "role": "member", "message": "Join us"})
    assert response.status_code == 302
    assert background_sends_wait(timeout=120)
    assert invitation_statuses() == [InvitationStatus.SENT]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(f"guest{i}@example.org" for i in range(120))


def _create(world, n, start=0):
    org = world.a.organisation
    with scope(organisation=org):  # not committed: as if the worker had not started yet
        return services.invitations_create(organisation=org, by=world.a.convener, community=world.a.community,
                                           addresses=[f"guest{start + i}@example.org" for i in range(n)],
                                           message="Hi")


@pytest.mark.django_db
def test_the_progress_box_counts_what_is_sent_and_polls_until_nothing_waits(world):
    _create(world, 2, start=100)  # an earlier list, all sent long ago: not counted
    with scopes_disabled():
        Invitation.objects.update(status=InvitationStatus.SENT, sent_at=timezone.now() - timedelta(days=1))
    batch = _create(world, 5)
    with scopes_disabled():
        Invitation.objects.filter(pk__in=[i.pk for i in batch.created[:3]]).update(
            status=InvitationStatus.SENT, sent_at=timezone.now())
        Invitation.objects.filter(pk=batch.created[3].pk).update(status=InvitationStatus.FAILED,
                                                                 claimed_at=timezone.now())
    convener = signed_in(world.a.convener)
    page = convener.get(url(world.a)).content.decode()
    assert "3 of 5 sent" in page and "1 could not be sent" in page and 'data-hx-trigger="every 2s"' in page
    fragment = convener.get(url(world.a) + "?progress=1", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "3 of 5 sent" in fragment.content.decode()
    assert "<h1" not in fragment.content.decode()  # the box alone
    with scopes_disabled():
        Invitation.objects.filter(pk=batch.created[4].pk).update(status=InvitationStatus.SENT,
                                                                 sent_at=timezone.now())
    done = convener.get(url(world.a) + "?progress=1", headers={"HX-Request": "true"})
    assert done.status_code == 286 and "data-hx-trigger" not in done.content.decode()  # polling stops
    assert "of 5 sent" not in convener.get(url(world.a)).content.decode()


@pytest.mark.django_db
def test_the_progress_box_is_the_conveners_only(world):
    _create(world, 2)
    polled = url(world.a) + "?progress=1"
    assert signed_in(world.a.convener).get(polled, headers={"HX-Request": "true"}).status_code == 200
    assert signed_in(world.a.member).get(polled, headers={"HX-Request": "true"}).status_code == 403
    assert signed_in(world.b.convener).get(polled, headers={"HX-Request": "true"}).status_code == 404
