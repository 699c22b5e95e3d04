"""The conversations' rules and markup as pure functions: what a post may contain, who hears of what,
who is mentioned, and that nothing a person typed runs as HTML."""

import pytest

from communities import rules_conversations as rules
from communities.conversation_markup import references, render_post
from communities.templatetags.conversation_text import post_html


def test_post_problem_refuses_empty_and_too_long_and_accepts_the_limit():
    assert rules.post_problem("") == "Write your message."
    assert rules.post_problem("   \n ") == "Write your message."
    assert rules.post_problem("x" * rules.MAX_POST_CHARS) is None
    message = rules.post_problem("x" * (rules.MAX_POST_CHARS + 1))
    assert message.startswith("Your message is too long: 20,001 characters, the most is 20,000.")


def test_title_problem():
    assert rules.title_problem(" ") == "Enter a title for the conversation."
    assert rules.title_problem("x" * 200) is None
    assert rules.title_problem("x" * 201) == "The title must be 200 characters or fewer (it is 201)."


def test_hide_reason_is_required_and_bounded():
    assert rules.hide_reason_problem("") == "Say why the post is hidden: the conveners see the reason."
    assert rules.hide_reason_problem("x" * 300) is None
    assert rules.hide_reason_problem("x" * 301) == "The reason must be 300 characters or fewer."


def test_reply_problem_members_only_and_never_on_a_locked_thread():
    assert rules.reply_problem(locked=False, is_member=True) is None
    assert rules.reply_problem(locked=True, is_member=True).startswith("This conversation is locked")
    assert rules.reply_problem(locked=False, is_member=False).startswith("Only the community's members")


def test_only_the_author_changes_a_post_and_not_once_deleted():
    assert rules.may_change_post(is_author=True, deleted=False)
    assert not rules.may_change_post(is_author=False, deleted=False)
    assert not rules.may_change_post(is_author=True, deleted=True)


def test_new_threads_default_by_role_and_the_members_choice_wins():
    assert rules.follows_new_threads(role_is_convening=True, choice=None)
    assert not rules.follows_new_threads(role_is_convening=False, choice=None)
    assert rules.follows_new_threads(role_is_convening=False, choice=True)
    assert not rules.follows_new_threads(role_is_convening=True, choice=False)


def test_reply_recipients_participants_followers_not_muted_not_actor_not_mentioned():
    got = rules.reply_recipients(participants={1, 2, 3}, choices={2: False, 4: True, 5: False}, actor_id=1,
                                 mentioned_ids={3})
    assert got == {4}
    assert rules.reply_recipients(participants={1, 2}, choices={}, actor_id=2, mentioned_ids=set()) == {1}


def test_mentions_resolve_members_only_unambiguous_whole_names():
    members = {1: "Asha Patel", 2: "Ben Okafor", 3: "Sam Lee", 4: "Sam Lee", 5: "Ann"}
    found = rules.resolve_mentions("Thanks @asha patel and @Sam Lee, also @Anna and @Nobody Here", members)
    assert found == {1: "Asha Patel"}
    assert rules.resolve_mentions("@Ann, see this", members) == {5: "Ann"}
    assert rules.resolve_mentions("email ben@example.org", members) == {}


def test_matching_names_prefix_or_surname_at_most_ten_sorted():
    names = [f"Person {i:02d}" for i in range(15)] + ["Asha Patel", "Ben Okafor"]
    assert rules.matching_names(names, "@pat") == ["Asha Patel"]
    assert rules.matching_names(names, "person") == [f"Person {i:02d}" for i in range(10)]
    assert rules.matching_names(names, "  ") == []


def test_markup_paragraphs_lists_bold_links():
    html = render_post("First line\nsecond line\n\n- one\n- **two**\n\n1. a\n2. b\n\nSee https://example.org/x. "
                       "and [the guide](https://example.org/guide)")
    assert html == ('<p>First line<br>second line</p><ul><li>one</li><li><strong>two</strong></li></ul>'
                    '<ol><li>a</li><li>b</li></ol><p>See <a href="https://example.org/x" rel="nofollow noopener">'
                    'https://example.org/x</a>. and <a href="https://example.org/guide" rel="nofollow noopener">'
                    'the guide</a></p>')


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src='https://evil.example.org'></iframe>",
    "<style>body{display:none}</style>",
    "[click](javascript:alert(1))",
    '<p onclick="alert(1)">x</p>',
])
def test_hostile_html_is_shown_as_text_never_run(hostile):
    html = render_post(hostile)
    assert _elements(html) <= {("p", ()), ("a", ("href", "rel"))}, html
    assert "javascript:" not in "".join(v for _, attrs in _parsed(html) for _, v in attrs if v), html
    # Stored HTML is cleaned again when shown: even a row written some other way cannot carry a script.
    shown = post_html(hostile)
    assert _elements(shown) <= {("a", ("rel",)), ("p", ())}, shown
    assert "alert" not in "".join(v for _, attrs in _parsed(shown) for _, v in attrs if v)


def _parsed(html):
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def _elements(html):
    return {(tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in _parsed(html)}


def test_references_resolve_only_when_given_and_are_escaped():
    assert references("[library:3] and [meeting:7] and [meeting:x]") == {"library": {3}, "meeting": {7}}
    links = {("library", 3): ("/o/c/library/3/download/", "<b>Guide</b>")}
    html = render_post("[library:3] and [meeting:7]", links=links)
    assert html == ('<p><a href="/o/c/library/3/download/" rel="nofollow noopener">&lt;b&gt;Guide&lt;/b&gt;</a>'
                    ' and [meeting:7]</p>')


def test_mentions_are_bold_only_for_names_given():
    assert render_post("Hi @Asha Patel and @Someone", mention_names=["Asha Patel"]) == (
        "<p>Hi <strong>@Asha Patel</strong> and @Someone</p>")
