from django.urls import reverse

from tests.conveners.builders import assign, make_application, make_call
from tests.factories import UserFactory


def test_admin_lists_and_opens_call_records(world, client_for, org):
    call = make_call(org)
    application = make_application(call, UserFactory())
    assign(application, world.a.panel_member)
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(staff)
    for model in ("call", "application", "assignment", "honorariumpayment"):
        assert client.get(reverse(f"admin:conveners_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:conveners_application_change", args=[application.pk])).status_code == 200
    assert client.get(reverse("admin:conveners_call_change", args=[call.pk])).status_code == 200
