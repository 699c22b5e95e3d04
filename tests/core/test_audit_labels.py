"""The audit trail says what happened in words, not in the codes the services record."""

from django_scopes import scope

from cop_platform.audit import action_label, audit_record


def _rows(body):
    """The audit table's body only (the action filter above it lists every action)."""
    return body.split("<tbody", 1)[1].split("</tbody>", 1)[0]


def test_listed_actions_read_as_words():
    assert action_label("join_request.approved") == "Join request approved"
    assert action_label("application.decided") == "Decision recorded"
    assert action_label("lead.confirmed") == "Co-lead confirmed"


def test_an_unlisted_action_falls_back_to_readable_words():
    assert action_label("journal_entry.deleted") == "Journal entry deleted"
    assert action_label("library_item.file_replaced") == "Library item file replaced"
    assert action_label("") == "Change"


def test_audit_trail_shows_words_and_filters_by_them(world, client_for):
    organisation = world.a.organisation
    with scope(organisation=organisation):
        audit_record(organisation=organisation, actor=world.a.admin, action="join_request.approved",
                     target=world.a.community, summary="Saoirse Delahunt")
        audit_record(organisation=organisation, actor=world.a.admin, action="journal_entry.deleted",
                     target=world.a.community)
    client = client_for(world.a.admin)
    rows = _rows(client.get("/tenant-a/audit/").content.decode())
    assert "Join request approved" in rows and "Journal entry deleted" in rows
    assert "join_request.approved" not in rows and "journal_entry.deleted" not in rows

    body = client.get("/tenant-a/audit/", {"action": "join_request.approved"}).content.decode()
    assert "Join request approved" in _rows(body) and "Journal entry deleted" not in _rows(body)
    assert '<option value="join_request.approved" selected>Join request approved</option>' in body
