"""The core's notify(): one row per recipient, never the actor, never twice, only registered kinds."""

import pytest
from django_scopes import scopes_disabled

from cop_platform.models import Notification
from cop_platform.notifications import notify, register_notification_kind
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_per_recipient_but_not_for_the_actor():
    register_notification_kind("tests.thing", label="A thing")
    organisation = OrganisationFactory()
    actor, first, second = UserFactory(), UserFactory(), UserFactory()
    rows = notify(organisation=organisation, recipients=[first, actor, second, first], kind="tests.thing",
                  text="  A   thing\nhappened " + "x" * 400, url="/x/", actor=actor)
    assert sorted(row.recipient_id for row in rows) == sorted([first.pk, second.pk])
    with scopes_disabled():
        stored = Notification.objects.get(recipient=first)
    assert stored.text.startswith("A thing happened x") and len(stored.text) == 300


def test_an_unregistered_kind_is_refused():
    with pytest.raises(ValueError):
        notify(organisation=OrganisationFactory(), recipients=[UserFactory()], kind="tests.unknown", text="x")
