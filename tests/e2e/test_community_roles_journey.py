"""Browser journeys for who may do and see what in a community: a member edits then deletes their own
journal entry; an organisation outsider sees Sepsis's home but not its journal; a co-convener cannot make
themselves convener. Every page visited is checked with axe."""

import re

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from communities.models import Membership, MembershipRole
from tests.e2e.test_sign_in import sign_in

SEPSIS = "/hin-south-london/communities/sepsis/"


def test_member_edits_then_deletes_their_journal_entry(page, demo_site, check_a11y):
    sign_in(page, demo_site, "member@hin.example.org")
    page.goto(demo_site + SEPSIS + "journal/")
    check_a11y(page)
    page.get_by_label("Title").fill("What the night shift taught me")
    page.get_by_label("What I learnt").fill("Escalate early and say why.")
    page.get_by_role("button", name="Add to the journal").click()
    expect(page.get_by_test_id("journal-list")).to_contain_text("What the night shift taught me")

    page.get_by_role("link", name="Edit “What the night shift taught me”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit “What the night shift taught me”")
    expect(page.get_by_label("What I learnt")).to_have_value("Escalate early and say why.")
    expect(page.get_by_label("Date")).not_to_have_value("")  # the date is there to edit, not lost
    check_a11y(page)
    # Bad input first: the error names the field and what was typed stays.
    page.get_by_label("Title").fill("")
    page.get_by_label("What I learnt").fill("Escalate early, say why, and write it down.")
    page.get_by_role("button", name="Save the journal entry").click()
    expect(page.get_by_label("What I learnt")).to_have_value("Escalate early, say why, and write it down.")
    expect(page.get_by_label("Date")).not_to_have_value("")
    expect(page.locator(".nhsuk-error-message").first).to_be_visible()
    check_a11y(page)
    page.get_by_label("Title").fill("Night shift lessons")
    page.get_by_role("button", name="Save the journal entry").click()
    expect(page.get_by_role("status")).to_contain_text("The journal entry is saved.")
    expect(page.get_by_test_id("journal-list")).to_contain_text("Night shift lessons")
    expect(page.get_by_test_id("journal-list")).to_contain_text("write it down")

    page.get_by_role("link", name="Delete “Night shift lessons”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete the journal entry “Night shift lessons”?")
    check_a11y(page)
    page.get_by_role("button", name="Delete the journal entry").click()
    expect(page.get_by_role("status")).to_contain_text("has been deleted from the learning journal")
    expect(page.get_by_test_id("journal-list")).not_to_contain_text("Night shift lessons")
    check_a11y(page)


def test_organisation_outsider_sees_the_home_but_not_the_journal(page, demo_site, check_a11y):
    # The review panel member belongs to the HIN but not to Sepsis.
    sign_in(page, demo_site, "panel@hin.example.org")
    page.goto(demo_site + SEPSIS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sepsis")
    expect(page.get_by_test_id("domain-statement")).to_be_visible()
    expect(page.get_by_test_id("members-only")).to_contain_text("are for the community's members")
    expect(page.get_by_test_id("next-meeting")).to_have_count(0)
    expect(page.get_by_test_id("next-steps")).to_have_count(0)
    expect(page.get_by_role("link", name="Learning journal")).to_have_count(0)
    check_a11y(page)
    response = page.goto(demo_site + SEPSIS + "journal/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    check_a11y(page)


def test_co_convener_cannot_make_themselves_convener(page, demo_site, check_a11y):
    with scopes_disabled():
        mine = Membership.objects.get(community__slug="sepsis", community__organisation__slug="hin-south-london",
                                      user__email="member@hin.example.org")
        Membership.objects.filter(pk=mine.pk).update(role=MembershipRole.CO_CONVENER)
        convener = Membership.objects.get(community=mine.community, user__email="convener@hin.example.org")
    sign_in(page, demo_site, "member@hin.example.org")
    page.goto(demo_site + SEPSIS + "members/")
    check_a11y(page)
    convener_row = page.get_by_test_id("member-list").get_by_role("row").filter(has_text="Corinne Ashby")
    expect(convener_row.get_by_role("link", name=re.compile("Change role"))).to_have_count(0)
    expect(convener_row.get_by_role("link", name=re.compile("Remove"))).to_have_count(0)
    expect(convener_row).to_contain_text("Only a convener can change this")

    page.goto(demo_site + SEPSIS + f"members/{mine.pk}/role/")
    role = page.get_by_label("Role in the community")
    expect(role.locator("option")).to_have_text(["Co-convener", "Core group", "Member"])
    check_a11y(page)

    response = page.goto(demo_site + SEPSIS + f"members/{convener.pk}/role/")
    assert response.status == 403
    check_a11y(page)
    with scopes_disabled():
        assert Membership.objects.get(pk=mine.pk).role == MembershipRole.CO_CONVENER
        assert Membership.objects.get(pk=convener.pk).role == MembershipRole.CONVENER
