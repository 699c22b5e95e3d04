"""The community rules (communities/rules.py): every pair of roles, written out rather than derived."""

import itertools

import pytest

from communities import rules

ROLES = ("convener", "co_convener", "core_group", "member")
ACTORS = ("convener", "co_convener", "core_group", "member", None)  # None: not in the community
TARGETS = (*ROLES, None)  # None: removed from the community

# A co-convener's allowed moves, listed by hand: never from or to "convener".
CO_CONVENER_MAY = {
    ("co_convener", "co_convener"), ("co_convener", "core_group"), ("co_convener", "member"), ("co_convener", None),
    ("core_group", "co_convener"), ("core_group", "core_group"), ("core_group", "member"), ("core_group", None),
    ("member", "co_convener"), ("member", "core_group"), ("member", "member"), ("member", None),
}


def expected(by_role, by_is_staff, current, new):
    if by_is_staff or by_role == "convener":
        return True
    if by_role == "co_convener":
        return (current, new) in CO_CONVENER_MAY
    return False


@pytest.mark.parametrize("by_role,by_is_staff,current,new",
                         list(itertools.product(ACTORS, (False, True), ROLES, TARGETS)))
def test_may_change_role_for_every_pair_of_roles(by_role, by_is_staff, current, new):
    got = rules.may_change_role(by_role=by_role, by_is_staff=by_is_staff, current=current, new=new)
    assert got is expected(by_role, by_is_staff, current, new)


def test_co_convener_cannot_promote_anyone_to_convener_nor_touch_the_convener():
    for current in ROLES:
        assert not rules.may_change_role(by_role="co_convener", by_is_staff=False, current=current, new="convener")
    for new in TARGETS:
        assert not rules.may_change_role(by_role="co_convener", by_is_staff=False, current="convener", new=new)


def test_unknown_roles_are_refused_even_for_host_staff():
    assert not rules.may_change_role(by_role="convener", by_is_staff=True, current="member", new="emperor")
    assert not rules.may_change_role(by_role="convener", by_is_staff=True, current="emperor", new="member")


@pytest.mark.parametrize("by_role,by_is_staff,current,offered", [
    ("convener", False, "member", ["convener", "co_convener", "core_group", "member"]),
    (None, True, "convener", ["convener", "co_convener", "core_group", "member"]),
    ("co_convener", False, "member", ["co_convener", "core_group", "member"]),
    ("co_convener", False, "co_convener", ["co_convener", "core_group", "member"]),
    ("co_convener", False, "convener", ["convener"]),
    ("member", False, "member", ["member"]),
])
def test_roles_offered_are_the_moves_allowed(by_role, by_is_staff, current, offered):
    assert rules.roles_offered(by_role=by_role, by_is_staff=by_is_staff, current=current) == offered


@pytest.mark.parametrize("is_member,is_staff,is_evaluator,opened", list(itertools.product((False, True), repeat=4)))
def test_members_only_content_is_for_members_staff_and_evaluators_unless_opened(is_member, is_staff, is_evaluator,
                                                                                opened):
    got = rules.may_read_content(is_member=is_member, is_staff=is_staff, is_evaluator=is_evaluator,
                                 opened_to_organisation=opened)
    assert got is (is_member or is_staff or is_evaluator or opened)


@pytest.mark.parametrize("by_role,by_is_staff,is_author,is_owner,allowed", [
    ("member", False, True, False, True),  # the author
    ("member", False, False, True, True),  # a plan action's owner
    ("member", False, False, False, False),  # another member
    ("core_group", False, False, False, False),  # the core group runs meetings but edits only its own
    ("core_group", False, True, False, True),
    ("co_convener", False, False, False, True),
    ("convener", False, False, False, True),
    (None, True, False, False, True),  # host staff
    (None, False, False, False, False),  # someone in the organisation, not in the community
    (None, False, True, False, False),  # an author who has left the community
    (None, False, False, True, False),  # an owner who has left
])
def test_may_edit_contribution(by_role, by_is_staff, is_author, is_owner, allowed):
    got = rules.may_edit_contribution(by_role=by_role, by_is_staff=by_is_staff, is_author=is_author,
                                      is_owner=is_owner)
    assert got is allowed
